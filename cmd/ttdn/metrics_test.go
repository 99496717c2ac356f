package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"ttdn/metrics/metricstest"
)

var dashboardMetricRE = regexp.MustCompile(`\b(?:ttdn|go|process)_[a-z_]+\b`)

var metricsAddrRE = regexp.MustCompile(`metrics tại / at (http://\S+/metrics)`)

func scrape(t *testing.T, url string) *metricstest.Scrape {
	t.Helper()
	resp, body := get(t, url)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("scrape %s: %d %s", url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s, err := metricstest.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("exposition does not parse: %v\n%s", err, body)
	}
	return s
}

// `serve --metrics-addr` exposes the metrics on their own listener (and
// not on the main one): they parse, request counts and latencies move after
// requests, the pools, sessions, jobs and runtime are there.
func TestServeMetrics(t *testing.T) {
	base, log, out := startServeOut(t, "--data", t.TempDir(), "--metrics-addr", "127.0.0.1:0")
	m := metricsAddrRE.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no metrics address printed: %s", out.String())
	}
	url := m[1]
	before := scrape(t, url)
	for range 3 {
		get(t, base+"/no-such-page")
	}
	get(t, base+"/healthz")
	if resp, _ := get(t, base+"/metrics"); resp.StatusCode != 404 {
		t.Errorf("main listener serves /metrics: %d", resp.StatusCode)
	}
	after := scrape(t, url)
	req := func(s *metricstest.Scrape, route, status string) float64 {
		v, _ := s.Value("ttdn_http_requests_total", "method", "GET", "route", route, "status", status)
		return v
	}
	if d := req(after, "/", "404") - req(before, "/", "404"); d != 4 { // 3 pages + /metrics on the main listener
		t.Errorf("404 count moved by %v, want 4", d)
	}
	if d := req(after, "/healthz", "200") - req(before, "/healthz", "200"); d != 1 {
		t.Errorf("/healthz count moved by %v", d)
	}
	if n, _ := after.Value("ttdn_http_request_duration_seconds_count", "route", "/healthz", "status", "200"); n < 1 {
		t.Errorf("no latency for /healthz")
	}
	for _, series := range []string{
		metricstest.Key("ttdn_db_open_connections", "pool", "write"),
		metricstest.Key("ttdn_db_max_open_connections", "pool", "read"),
		"ttdn_sessions_active", "go_goroutines", "process_start_time_seconds",
	} {
		if _, ok := after.Samples[series]; !ok {
			t.Errorf("missing %s", series)
		}
	}
	if after.Sum("ttdn_build_info") != 1 {
		t.Errorf("no build info")
	}
	// Every metric the Grafana dashboard queries exists.
	dash, err := os.ReadFile("../../docs/grafana-ttdn.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range dashboardMetricRE.FindAllString(string(dash), -1) {
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if after.Types[base] == "" {
			t.Errorf("the dashboard queries %s, which the server does not expose", name)
		}
	}
	// The scheduler runs at start; its first run shows soon.
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := scrape(t, url)
		if v, _ := s.Value("ttdn_job_runs_total", "job", "notifications", "result", "success"); v >= 1 {
			if ts, _ := s.Value("ttdn_job_last_success_timestamp_seconds", "job", "notifications"); ts < float64(time.Now().Add(-time.Minute).Unix()) {
				t.Errorf("last success %v", ts)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no notifications run counted:\n%s", log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// So does the first full check of the audit chain, and its verdict.
	for {
		s := scrape(t, url)
		ok, _ := s.Value("ttdn_job_runs_total", "job", "audit_check", "result", "success")
		intact, found := s.Value("ttdn_audit_chain_intact")
		if ok >= 1 && found {
			if intact != 1 {
				t.Errorf("a fresh chain reported broken: %v", intact)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no audit check counted (runs %v, intact %v %v):\n%s", ok, intact, found, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Without a listener of its own, /metrics is on the main listener for the
// --metrics-allow networks only.
func TestServeMetricsAllow(t *testing.T) {
	base, _ := startServe(t, "--data", t.TempDir(), "--metrics-allow", "10.0.0.0/8")
	if resp, _ := get(t, base+"/metrics"); resp.StatusCode != 404 {
		t.Errorf("outside the allowed network: %d", resp.StatusCode)
	}
	base, _ = startServe(t, "--data", t.TempDir(), "--metrics-allow", "10.0.0.0/8,127.0.0.1")
	scrape(t, base+"/metrics")
	base, _ = startServe(t, "--data", t.TempDir())
	if resp, _ := get(t, base+"/metrics"); resp.StatusCode != 404 {
		t.Errorf("no flag, yet /metrics answers %d", resp.StatusCode)
	}
}
