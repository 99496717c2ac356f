package jobs_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/jobs"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// repeatRSS lists one article twice (as some feeds do, under two
// sections) beside another; it sends no ETag, so each poll fetches it
// whole and ingests every item again.
const repeatRSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Thử</title>
<item><title>Tây Ninh đón khách du lịch</title><link>https://bao.example/tin-1.html</link><pubDate>Fri, 14 Nov 2025 08:00:00 +0700</pubDate></item>
<item><title>Tây Ninh đón khách du lịch</title><link>https://bao.example/tin-1.html</link><pubDate>Fri, 14 Nov 2025 08:00:00 +0700</pubDate></item>
<item><title>Cửa khẩu Mộc Bài</title><link>https://bao.example/tin-2.html</link><pubDate>Fri, 14 Nov 2025 09:00:00 -0500</pubDate></item>
</channel></rss>`

// TestFeedRepeatingAnItemKeepsPolling polls a feed that repeats an item
// more times than the failures that disable a source: every poll
// succeeds, the article is stored once, and the source stays enabled.
func TestFeedRepeatingAnItemKeepsPolling(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, repeatRSS) }))
		t.Cleanup(srv.Close)
		store := sqlstore.NewPressService(db)
		src := &ttdn.Source{Name: "Báo Thử", FeedURL: srv.URL + "/rss", Enabled: true}
		if err := store.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		pipe, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		const maxFailures = 3
		r := &jobs.FeedRunner{Store: store, Ingest: pipe.IngestItems, Workers: 1,
			Fetcher: feed.NewFetcher(feed.Options{Timeout: 2 * time.Second, HostGap: -1, Guard: feed.MustGuard(srv.Listener.Addr().String())}),
			Policy:  feed.PollPolicy{MaxFailures: maxFailures}}
		clock := time.Duration(0)
		db.Now = func() time.Time { return time.Now().Add(clock) }
		r.Now = db.Now
		stored := 0
		for poll := range maxFailures + 2 {
			round, err := r.RunOnce(context.Background(), nil)
			if err != nil {
				t.Fatalf("poll %d: %v", poll+1, err)
			}
			if round.Fetched != 1 || round.Failed != 0 {
				t.Fatalf("poll %d: %+v", poll+1, round)
			}
			stored += round.NewItems
			clock += 72 * time.Hour
		}
		s, err := store.FindSourceByID(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored != 2 || !s.Enabled || s.Failures != 0 || s.LastError != "" || s.Items != 2 {
			t.Errorf("after %d polls: %d stored; source enabled %v, failures %d, error %q, items %d",
				maxFailures+2, stored, s.Enabled, s.Failures, s.LastError, s.Items)
		}
	})
}
