package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/jobs"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

const goodRSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Tây Ninh</title>
<item><title>Khai mạc Hội xuân núi Bà Đen</title><link>https://baotayninh.vn/a1.html</link>
<description>Lễ hội núi Bà thu hút du khách quốc tế đến Tây Ninh.</description><pubDate>Fri, 14 Nov 2025 08:00:00 +0700</pubDate></item>
<item><title>Cửa khẩu Mộc Bài đón khách</title><link>https://baotayninh.vn/a2.html</link>
<description>Lượng khách qua cửa khẩu Mộc Bài tăng.</description><pubDate>Fri, 14 Nov 2025 09:00:00 +0700</pubDate></item>
</channel></rss>`

// feedServer serves a good feed with an ETag and every kind of bad input.
func feedServer(t *testing.T, conditional *atomic.Int32) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		io.WriteString(w, goodRSS)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>`)
		chunk := []byte(strings.Repeat("x", 1<<20))
		for range 50 { // 50 MB, unless the client stops reading
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<!doctype html><html><body><p>Không phải nguồn tin</p></body></html>`)
	})
	mux.HandleFunc("/garbage", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "\x00\x01<<<>>>&&&") })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/fail", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusInternalServerError) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFeedRunner(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		var conditional atomic.Int32
		srv := feedServer(t, &conditional)
		store := sqlstore.NewPressService(db)
		if err := sqlstore.SeedWatchTerms(ctx, db); err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for _, p := range []string{"good", "slow", "huge", "html", "garbage", "loop", "fail"} {
			src := &ttdn.Source{Name: p, FeedURL: srv.URL + "/" + p, Enabled: true}
			if err := store.CreateSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			ids[p] = src.ID
		}
		pipe, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r := &jobs.FeedRunner{Store: store, Ingest: pipe.IngestItems, Workers: 3,
			Fetcher: feed.NewFetcher(feed.Options{Timeout: 500 * time.Millisecond, MaxBytes: 1 << 20, HostGap: -1,
				Guard: feed.MustGuard(srv.Listener.Addr().String())}), // the loopback test server, named
			Policy: feed.PollPolicy{MaxFailures: 3}}
		clock := time.Duration(0)
		db.Now = func() time.Time { return time.Now().Add(clock) }
		r.Now = db.Now
		var lastProgress [2]int
		round, err := r.RunOnce(context.Background(), func(done, total int) { lastProgress = [2]int{done, total} })
		if err != nil {
			t.Fatal(err)
		}
		if round.Fetched != 7 || round.Failed != 6 || round.NewItems != 2 || lastProgress != [2]int{7, 7} {
			t.Fatalf("round 1: %+v, progress %v", round, lastProgress)
		}
		want := map[string]string{"slow": "timeout", "huge": "too-large", "html": "not-a-feed", "garbage": "not-a-feed",
			"loop": "too-many-redirects", "fail": "http-status"}
		for name, reason := range want {
			s, _ := store.FindSourceByID(ctx, ids[name])
			if !strings.HasPrefix(s.LastError, reason) || s.Failures != 1 || !s.NextFetchAt.After(time.Now()) {
				t.Errorf("%s: error %q, failures %d, next %v", name, s.LastError, s.Failures, s.NextFetchAt)
			}
		}
		// Two more rounds, each after the back-off: the good feed answers 304
		// to its conditional GET; the failing one is disabled after three.
		for range 2 {
			clock += 72 * time.Hour
			if _, err := r.RunOnce(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
		}
		if conditional.Load() != 2 {
			t.Errorf("conditional GETs = %d, want 2", conditional.Load())
		}
		good, _ := store.FindSourceByID(ctx, ids["good"])
		if good.LastError != "" || good.Items != 2 || good.ETag != `"v1"` || good.Failures != 0 {
			t.Errorf("good source: %+v", good)
		}
		failed, _ := store.FindSourceByID(ctx, ids["fail"])
		if failed.Enabled || failed.Failures != 3 || failed.LastError != "http-status 500" || !strings.Contains(failed.DisabledReason, "HTTP 500") {
			t.Errorf("fail source not disabled: %+v", failed)
		}
		// A person re-enables it: failures forgotten, due at once.
		on := true
		back, err := store.UpdateSource(ctx, failed.ID, ttdn.SourceUpdate{Enabled: &on, Version: failed.Version})
		if err != nil || back.Failures != 0 || back.DisabledReason != "" {
			t.Errorf("re-enable: %+v %v", back, err)
		}
	})
}

// TestFeedErrorsRevealNothing fetches sources that fail the ways an
// internal port answers — connection refused, a connection closed at once
// (EOF), an address the guard blocks — and checks that what is stored for
// monitors names a category only, never an address, a port or the
// transport's words; the server log keeps the detail.
func TestFeedErrorsRevealNothing(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		closed := httptest.NewServer(http.NotFoundHandler())
		closedAddr := closed.Listener.Addr().String()
		closed.Close() // a port nothing listens on any more: connection refused
		eof := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}))
		t.Cleanup(eof.Close)
		internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.Error("the guard let a fetch reach an internal port")
		}))
		t.Cleanup(internal.Close)
		store := sqlstore.NewPressService(db)
		want := map[string]string{"http://" + closedAddr + "/rss": "network", eof.URL + "/rss": "network", internal.URL + "/rss": "blocked"}
		ids := map[string]int64{}
		for u := range want {
			src := &ttdn.Source{Name: u, FeedURL: u, Enabled: true}
			if err := store.CreateSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			ids[u] = src.ID
		}
		var logged strings.Builder
		r := &jobs.FeedRunner{Store: store, Workers: 2, Log: slog.New(slog.NewTextHandler(&logged, nil)),
			Ingest:  func(context.Context, []pressingest.Item) (pressingest.Stats, error) { return pressingest.Stats{}, nil },
			Fetcher: feed.NewFetcher(feed.Options{Timeout: time.Second, HostGap: -1, Guard: feed.MustGuard(closedAddr, eof.Listener.Addr().String())}),
			Policy:  feed.PollPolicy{MaxFailures: 1}}
		if _, err := r.RunOnce(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		for u, problem := range want {
			s, err := store.FindSourceByID(ctx, ids[u])
			if err != nil {
				t.Fatal(err)
			}
			if s.LastError != problem || s.Enabled {
				t.Errorf("%s: last error %q, enabled %v; want %q, disabled", u, s.LastError, s.Enabled, problem)
			}
			for _, leak := range []string{"127.0.0.1", portOf(u), "refused", "EOF", "dial", "tcp"} {
				if strings.Contains(s.LastError+s.DisabledReason, leak) {
					t.Errorf("%s: %q / %q reveals %q", u, s.LastError, s.DisabledReason, leak)
				}
			}
		}
		if !strings.Contains(logged.String(), "connection refused") || !strings.Contains(logged.String(), closedAddr) {
			t.Errorf("the server log lacks the detail:\n%s", logged.String())
		}
	})
}

func portOf(u string) string {
	_, p, _ := strings.Cut(strings.TrimPrefix(u, "http://"), ":")
	p, _, _ = strings.Cut(p, "/")
	return ":" + p
}
