package feed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const tinyRSS = `<rss version="2.0"><channel><title>T</title><item><title>A</title><link>http://x/a</link></item></channel></rss>`

// feedServer serves the routes the fetch tests need.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 01 Jan 2024 12:00:00 GMT")
		w.Write([]byte(tinyRSS))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("<item>xxxxxxxxxxxxxxxxxxxxxxx</item>", 1000))
		w.Write([]byte("<rss><channel>"))
		for n := 0; n < 50<<20; n += len(chunk) { // 50 MB, no Content-Length
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?n="+r.URL.Query().Get("n")+"x", http.StatusFound)
	})
	mux.HandleFunc("/invalid", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<<<&&& \x00 not xml")) })
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html><html><body><h1>Trang chủ</h1></body></html>"))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// testFetcher fetches from the loopback test servers: the allow-list must
// name them, the default refuses every internal address.
func testFetcher(allow ...string) *Fetcher {
	return NewFetcher(Options{Timeout: 300 * time.Millisecond, MaxBytes: 1 << 20, HostGap: -1, Guard: MustGuard(allow...)})
}

func TestFetchConditional(t *testing.T) {
	srv := feedServer(t)
	f := testFetcher(srv.Listener.Addr().String())
	res := f.Fetch(context.Background(), Request{URL: srv.URL + "/feed"})
	if res.Err != nil || res.Status != 200 || res.Feed == nil || len(res.Feed.Items) != 1 || res.ETag != `"v1"` {
		t.Fatalf("first fetch = %+v", res)
	}
	again := f.Fetch(context.Background(), Request{URL: srv.URL + "/feed", ETag: res.ETag, LastModified: res.LastModified})
	if again.Err != nil || !again.NotModified || again.Status != 304 || again.Feed != nil {
		t.Fatalf("conditional fetch = %+v", again)
	}
}

func TestFetchFailures(t *testing.T) {
	srv := feedServer(t)
	f := testFetcher(srv.Listener.Addr().String(), "127.0.0.1:1")
	for path, want := range map[string]Reason{
		"/slow":    ReasonTimeout,
		"/huge":    ReasonTooLarge,
		"/loop":    ReasonRedirects,
		"/invalid": ReasonNotFeed,
		"/html":    ReasonNotFeed,
		"/gone":    ReasonStatus,
	} {
		res := f.Fetch(context.Background(), Request{URL: srv.URL + path})
		if res.Reason != want || res.Err == nil || res.Feed != nil {
			t.Errorf("%s: reason %q err %v, want %q", path, res.Reason, res.Err, want)
		}
	}
	for _, u := range []string{"", "ftp://x/feed", "http://", "::bad"} {
		if res := f.Fetch(context.Background(), Request{URL: u}); res.Reason != ReasonBadURL {
			t.Errorf("%q: reason %q", u, res.Reason)
		}
	}
	if res := f.Fetch(context.Background(), Request{URL: "http://127.0.0.1:1/feed"}); res.Reason != ReasonNetwork {
		t.Errorf("closed port: reason %q (%v)", res.Reason, res.Err)
	}
}

func TestFetchHostGap(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(tinyRSS))
	}))
	defer srv.Close()
	gap := 150 * time.Millisecond
	f := NewFetcher(Options{HostGap: gap, Guard: MustGuard(srv.Listener.Addr().String())})
	start := time.Now()
	for range 3 {
		if res := f.Fetch(context.Background(), Request{URL: srv.URL}); res.Err != nil {
			t.Fatal(res.Err)
		}
	}
	if el := time.Since(start); el < 2*gap {
		t.Errorf("3 requests to one host took %v, want ≥ %v", el, 2*gap)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	f.Fetch(context.Background(), Request{URL: srv.URL})
	if res := f.Fetch(ctx, Request{URL: srv.URL}); !errors.Is(res.Err, context.DeadlineExceeded) {
		t.Errorf("cancelled wait: %v", res.Err)
	}
}
