package sqlstore_test

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"strings"
	"testing"

	"ttdn"
	"ttdn/feed"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// testGuard is the feed guard with a resolver that never leaves the
// machine: the listed names resolve as given, the rest do not resolve.
func testGuard(allow ...string) *feed.Guard {
	answers := map[string]string{"news.example": "203.0.113.7", "other.example": "203.0.113.8", "intranet.example": "10.0.0.5"}
	g := feed.MustGuard(allow...)
	g.Lookup = func(_ context.Context, host string) ([]netip.Addr, error) {
		if a, ok := answers[host]; ok {
			return []netip.Addr{netip.MustParseAddr(a)}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return g
}

// opml writes an OPML document listing the URLs (name "Nguồn i").
func opml(urls ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body><outline text="Báo">`)
	for i, u := range urls {
		fmt.Fprintf(&b, `<outline text="Nguồn %d" type="rss" xmlUrl="%s"/>`, i+1, strings.ReplaceAll(u, "&", "&amp;"))
	}
	b.WriteString(`</outline></body></opml>`)
	return b.String()
}

// TestSourceImportChecksEveryOutline imports an OPML list mixing good feeds,
// internal addresses in every spelling, a duplicate, credentials and a named
// intranet host: only the good and the allowed ones are stored, and the
// report says why each other one was not.
func TestSourceImportChecksEveryOutline(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		s := sqlstore.NewPressService(db)
		list, err := pressingest.ReadOPML(strings.NewReader(opml(
			"https://news.example/rss",           // 1 added
			"http://127.0.0.1:5432/",             // 2 loopback
			"http://[::1]:22/",                   // 3 IPv6 loopback
			"http://localhost:6379/",             // 4 loopback by name
			"http://2130706433/",                 // 5 loopback as a decimal number
			"https://news.example/rss",           // 6 duplicate of 1
			"http://user:s3cret@other.example/x", // 7 credentials
			"http://169.254.169.254/latest/",     // 8 link-local (cloud metadata)
			"http://intranet.example/rss",        // 9 allowed by name
			"http://10.0.0.9/rss",                // 10 private, not allowed
		)))
		if err != nil || len(list) != 10 {
			t.Fatalf("read: %d, %v", len(list), err)
		}
		imp, err := s.StartSourceImport(ctx, "nguon.opml", len(list))
		if err != nil {
			t.Fatal(err)
		}
		var progress []int
		g := testGuard("intranet.example")
		if err := ttdn.RunSourceImport(ctx, s, s, g.CheckURL, imp, list, func(done, total int) { progress = append(progress, done) }); err != nil {
			t.Fatal(err)
		}
		if len(progress) != 10 || progress[9] != 10 {
			t.Errorf("progress %v", progress)
		}
		got, err := s.FindSourceImport(ctx, imp.ID, ttdn.SourceImportFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got.State != ttdn.ImportDone || got.Total != 10 || got.Added != 2 || got.Duplicates != 1 || got.Refused != 7 || got.LineTotal != 10 {
			t.Fatalf("import %+v", got)
		}
		want := []ttdn.OutlineOutcome{"added", "refused", "refused", "refused", "refused", "duplicate", "refused", "refused", "added", "refused"}
		for i, l := range got.Lines {
			if l.Line != i+1 || l.Outcome != want[i] || (l.Outcome != ttdn.OutlineAdded) != (l.Message != "" && l.MessageEN != "") {
				t.Errorf("line %d: %+v, want %s", i+1, l, want[i])
			}
			if strings.Contains(l.FeedURL, "s3cret") || strings.Contains(l.Message+l.MessageEN, "s3cret") {
				t.Errorf("line %d keeps the password: %+v", i+1, l)
			}
		}
		if !strings.Contains(got.Lines[1].Message, "mạng nội bộ") || !strings.Contains(got.Lines[4].Message, "con số") {
			t.Errorf("messages: %q, %q", got.Lines[1].Message, got.Lines[4].Message)
		}
		sources, total, err := s.FindSources(ctx, ttdn.SourceFilter{})
		if err != nil || total != 2 {
			t.Fatalf("stored %d sources: %v", total, err)
		}
		for _, src := range sources {
			if src.FeedURL != "https://news.example/rss" && src.FeedURL != "http://intranet.example/rss" {
				t.Errorf("stored %s", src.FeedURL)
			}
		}
		// Pages, and the outlines not added only.
		page, err := s.FindSourceImport(ctx, imp.ID, ttdn.SourceImportFilter{Problems: true, Offset: 3, Limit: 3})
		if err != nil || page.LineTotal != 8 || len(page.Lines) != 3 || page.Lines[0].Line != 5 || page.Lines[2].Line != 7 {
			t.Fatalf("problems page: %+v, %v", page, err)
		}
		// The import is over: nothing more is recorded in it.
		if err := s.RecordSourceImportLine(ctx, imp.ID, ttdn.SourceImportLine{Line: 11, Outcome: ttdn.OutlineAdded}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Errorf("line after the end: %v", err)
		}
		// Readers of sources read reports; others do not learn it exists.
		officer := &ttdn.User{ID: 5, Role: ttdn.RoleUnitOfficer, UnitID: 1}
		if _, err := s.FindSourceImport(sqltest.UserContext(officer), imp.ID, ttdn.SourceImportFilter{}); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Errorf("officer reads the import: %v", err)
		}
		if _, err := s.StartSourceImport(sqltest.UserContext(officer), "x.opml", 1); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Errorf("officer starts an import: %v", err)
		}
		if _, err := s.FindSourceImport(ctx, 999999, ttdn.SourceImportFilter{}); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Errorf("unknown import: %v", err)
		}
	})
}

// TestSourceImportCap refuses an OPML file over the cap whole: nothing is
// started, nothing is stored.
func TestSourceImportCap(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		s := sqlstore.NewPressService(db)
		urls := make([]string, ttdn.MaxSourcesPerImport+1)
		for i := range urls {
			urls[i] = fmt.Sprintf("https://news.example/%d.rss", i)
		}
		_, err := pressingest.ReadOPML(strings.NewReader(opml(urls...)))
		if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "501") || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "500") {
			t.Fatalf("over the cap: %v", err)
		}
		if list, err := pressingest.ReadOPML(strings.NewReader(opml(urls[:ttdn.MaxSourcesPerImport]...))); err != nil || len(list) != ttdn.MaxSourcesPerImport {
			t.Fatalf("at the cap: %d, %v", len(list), err)
		}
		for _, n := range []int{ttdn.MaxSourcesPerImport + 1, 0} {
			if _, err := s.StartSourceImport(ctx, "x.opml", n); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Errorf("start with %d outlines: %v", n, err)
			}
		}
		if n, err := db.QueryIntTest(`SELECT COUNT(*) FROM press_source_imports`); err != nil || n != 0 {
			t.Errorf("imports recorded: %d, %v", n, err)
		}
	})
}

// TestFetchErrorsScrubbed runs the 0013 migration's clean-up on errors an
// older version stored in the transport's words: only the category stays.
func TestFetchErrorsScrubbed(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		raw := map[string]string{
			"network: Get \"http://127.0.0.1:5432/\": dial tcp 127.0.0.1:5432: connect: connection refused": "network",
			"network: Get \"http://10.0.0.7:6379/\": EOF":                                                   "network",
			"timeout: Get \"http://10.0.0.8/\": context deadline exceeded":                                  "timeout",
			"http-status: feed: unexpected HTTP status 503 Service Unavailable":                             "http-status 503",
			"not-a-feed: feed: not a feed (no rss, rdf, atom or json feed root)":                            "not-a-feed",
			"something else at 192.168.1.1:22":                                                              "error",
		}
		i := 0
		for text := range raw {
			i++
			if err := db.ExecTest(`INSERT INTO press_sources (name, feed_url, last_error, failures, disabled_reason, created_at) VALUES (?, ?, ?, 10, ?, ?)`,
				fmt.Sprint("s", i), fmt.Sprint("https://news.example/", i), text, "Tự động tắt sau 10 lần lỗi liên tiếp; lỗi cuối: "+text, "2025-01-01 00:00:00+00:00"); err != nil {
				t.Fatal(err)
			}
		}
		body, err := os.ReadFile("migrations/" + db.Engine() + "/0013_feed_guard.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, stmt := range strings.Split(string(body), ";") {
			if s := strings.TrimSpace(stmt); strings.Contains(s, "UPDATE press_sources") {
				if err := db.ExecTest(s[strings.Index(s, "UPDATE"):]); err != nil {
					t.Fatal(err)
				}
			}
		}
		list, _, err := sqlstore.NewPressService(db).FindSources(sqltest.SystemContext(), ttdn.SourceFilter{})
		if err != nil || len(list) != len(raw) {
			t.Fatalf("%d sources, %v", len(list), err)
		}
		want := map[string]bool{}
		for _, v := range raw {
			want[v] = true
		}
		for _, s := range list {
			if !want[s.LastError] || s.DisabledReason != "Tự động tắt sau 10 lần lỗi liên tiếp." {
				t.Errorf("after the clean-up: %q, %q", s.LastError, s.DisabledReason)
			}
		}
	})
}
