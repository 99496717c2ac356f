package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunCountsPagesAndErrors(t *testing.T) {
	var hits, withCookie atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("Cookie") == "s=1" {
			withCookie.Add(1)
		}
		if r.URL.Path == "/broken" {
			http.Error(w, "no", 500)
			return
		}
		time.Sleep(time.Millisecond)
	}))
	defer srv.Close()
	res, err := Run(context.Background(), Config{
		BaseURL:     srv.URL,
		Pages:       []Page{{"ok", "/ok", 3}, {"broken", "/broken", 1}},
		Concurrency: 4,
		Duration:    5 * time.Second,
		MaxRequests: 400,
		Header:      http.Header{"Cookie": {"s=1"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 400 || hits.Load() != 400 || withCookie.Load() != 400 {
		t.Fatalf("requests %d, hits %d, with cookie %d; want 400 each", res.Requests, hits.Load(), withCookie.Load())
	}
	ok, broken := res.Pages[0], res.Pages[1]
	if ok.Requests != 300 || ok.Errors != 0 || broken.Requests != 100 || broken.Errors != 100 {
		t.Fatalf("per page: %+v %+v", ok, broken)
	}
	if ok.P50 < time.Millisecond || ok.P50 > ok.P95 || ok.P95 > ok.P99 || ok.P99 > ok.Max {
		t.Fatalf("percentiles out of order: %+v", ok)
	}
	var b strings.Builder
	res.Format(&b)
	if !strings.Contains(b.String(), "| broken | 100 |") {
		t.Fatalf("table:\n%s", b.String())
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i))
	}
	if percentile(ds, 50) != 50 || percentile(ds, 95) != 95 || percentile(ds, 99) != 99 || percentile(ds[:1], 95) != 1 {
		t.Fatal("nearest-rank percentile is wrong")
	}
}
