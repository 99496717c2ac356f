package http

import (
	"context"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// newsDir is the shared news sample, relative to this package.
const newsDir = "../../shared/testdata/news"

// pressNow is a clock just after the news sample (1–14/11/2025).
var pressNow = time.Date(2025, 11, 15, 9, 0, 0, 0, vietnam)

// newPressConfig wires the press pages as cmd/ttdn does, with the default
// feed guard (no intranet host allowed) on a resolver that never leaves the
// machine.
func newPressConfig(db *sqlstore.DB) *PressConfig {
	p := sqlstore.NewPressService(db)
	return &PressConfig{Sources: p, Articles: p, Watch: p, Reviews: p, Digests: p,
		ReadOPML: pressingest.ReadOPML, WriteOPML: pressingest.WriteOPML, Imports: p, FeedGuard: testFeedGuard()}
}

// testFeedGuard is a feed guard allowing the given intranet hosts whose
// resolver answers from a table: the example.* names the tests use are
// public addresses (TEST-NET-3), other names do not resolve, so a test
// never sends a DNS query off the machine.
func testFeedGuard(allow ...string) *feed.Guard {
	g := feed.MustGuard(allow...)
	g.Lookup = func(_ context.Context, host string) ([]netip.Addr, error) {
		if strings.HasSuffix(host, ".example") || strings.HasPrefix(host, "example.") || strings.Contains(host, ".example.") {
			return []netip.Addr{netip.MustParseAddr("203.0.113.10")}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return g
}

// newPressFixture is the fixture with a monitor and a leader, the clock
// (server and database) just after the news sample, and the sample's last
// day ingested with one hand-made foreign item about Tây Ninh.
func newPressFixture(t testing.TB, db *sqlstore.DB) (*fixture, *ttdn.Article) {
	t.Helper()
	f := newFixture(t, db, false)
	db.Now = func() time.Time { return pressNow }
	cfg := f.srv.cfg
	cfg.Now = func() time.Time { return pressNow }
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	for name, u := range map[string]*ttdn.User{
		"monitor": {Username: "monitor", Name: "Cán bộ theo dõi báo chí", Role: ttdn.RoleMonitor, UnitID: f.units["so-ngoai-vu"].ID},
		"leader":  {Username: "leader", Name: "Lãnh đạo", Role: ttdn.RoleLeader},
	} {
		f.users[name] = sqltest.MustCreateUser(t, db, u, testPassword)
		f.sessions[name] = sqltest.MustCreateSession(t, db, u)
	}
	return f, mustIngestNews(t, db)
}

// mustIngestNews ingests the sample's 14/11/2025 file and a hand-made story
// about Tây Ninh and Mộc Bài from three outlets; it returns the foreign
// outlet's item. A
// missing sample fails the test: it is part of the repository's contract.
func mustIngestNews(t testing.TB, db *sqlstore.DB) *ttdn.Article {
	t.Helper()
	ctx := sqltest.SystemContext()
	store := sqlstore.NewPressService(db)
	if err := sqlstore.SeedWatchTerms(ctx, db); err != nil {
		t.Fatal(err)
	}
	recs, err := pressingest.ReadNewsFile(filepath.Join(newsDir, "2025-11-14.json"))
	if err != nil {
		if _, serr := os.Stat(newsDir); serr != nil {
			t.Fatalf("the shared news sample is missing (%v)", serr)
		}
		t.Fatal(err)
	}
	ids := map[string]int64{}
	var items []pressingest.Item
	for i := range recs {
		if _, ok := ids[recs[i].Source]; !ok {
			src, err := store.OfflineSource(ctx, recs[i].Source, false)
			if err != nil {
				t.Fatal(err)
			}
			ids[recs[i].Source] = src.ID
		}
		items = append(items, recs[i].Item(ids[recs[i].Source]))
	}
	// The same story from three outlets, worded so that the lexicon does not
	// already guess it negative: the reviewer's correction must show.
	published := time.Date(2025, 11, 14, 10, 0, 0, 0, vietnam)
	var foreignID int64
	for i, outlet := range []string{"Báo Tây Ninh", "Người Lao Động", "Khmer Times"} {
		src, err := store.OfflineSource(ctx, outlet, outlet == "Khmer Times")
		if err != nil {
			t.Fatal(err)
		}
		foreignID = src.ID
		at := published.Add(time.Duration(i) * 20 * time.Minute)
		items = append(items, pressingest.Item{SourceID: src.ID, Outlet: outlet, Link: "https://example.org/" + strconv.Itoa(i) + "/moc-bai",
			Title:     "Nhiều thông tin về cửa khẩu Mộc Bài, Tây Ninh được chia sẻ trên mạng xã hội",
			Summary:   "Trong ngày, nhiều tài khoản mạng xã hội chia sẻ thông tin về tình hình tại cửa khẩu Mộc Bài, tỉnh Tây Ninh, cùng hình ảnh hàng xe chờ làm thủ tục xuất nhập cảnh.",
			Published: at, Fetched: at})
	}
	pipe, err := pressingest.New(ctx, store, pressingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipe.IngestItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	found, _, err := store.SearchArticles(ctx, ttdn.ArticleFilter{Query: "moc bai mang xa hoi", SourceID: &foreignID, Limit: 1})
	if err != nil || len(found) != 1 {
		t.Fatalf("the hand-made item was not stored: %v, %v", found, err)
	}
	return found[0]
}
