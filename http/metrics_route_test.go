package http

import (
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/metrics"
	"ttdn/metrics/metricstest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// /metrics answers the allowed network only, and the hooks count requests
// and failed log-ins by step.
func TestMetricsRouteAndLoginFailures(t *testing.T) {
	db := sqltest.Open(t, sqlstore.EngineSQLite)
	f := newFixture(t, db, false)
	reg := metrics.NewRegistry()
	failures := reg.Counter("ttdn_login_failures_total", "Failed log-ins.", "step")
	requests := reg.Counter("ttdn_http_requests_total", "Requests.", "route", "status")
	cfg := f.srv.cfg
	cfg.Metrics, cfg.MetricsAllow = reg.Handler(), []netip.Prefix{netip.MustParsePrefix("10.9.0.0/16")}
	cfg.ObserveLoginFailure = func(step ttdn.LoginStep) { failures.Inc(string(step)) }
	cfg.ObserveRequest = func(_, route string, status int, _ time.Duration) { requests.Inc(route, strconv.Itoa(status)) }
	f.h = NewServer(cfg).Handler()

	for range 2 {
		if w := f.loginAs("officer", "sai-mat-khau-hoan-toan", "192.0.2.9"); w.Code != http.StatusUnauthorized {
			t.Fatalf("wrong password answered %d", w.Code)
		}
	}
	r := f.request("GET", "/metrics", anon, nil)
	r.RemoteAddr = "192.0.2.9:4000"
	if w := f.do(r); w.Code != http.StatusNotFound {
		t.Fatalf("outside network: %d", w.Code)
	}
	r = f.request("GET", "/metrics", anon, nil)
	r.RemoteAddr = "10.9.3.4:4000"
	w := f.do(r)
	s, err := metricstest.Parse(strings.NewReader(w.Body.String()))
	if w.Code != http.StatusOK || err != nil {
		t.Fatalf("scrape: %d %v", w.Code, err)
	}
	if v, _ := s.Value("ttdn_login_failures_total", "step", "password"); v != 2 {
		t.Errorf("password failures %v, want 2", v)
	}
	if v, _ := s.Value("ttdn_http_requests_total", "route", "/login", "status", "401"); v != 2 {
		t.Errorf("/login 401 count %v, want 2", v)
	}
}
