package metrics_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"ttdn/metrics"
	"ttdn/metrics/metricstest"
)

// The registry's output parses as the exposition format, label values are
// escaped, histograms are cumulative with +Inf equal to _count, and a
// collector that fails leaves its family empty rather than the scrape broken.
func TestRegistryExposition(t *testing.T) {
	r := metrics.NewRegistry()
	c := r.Counter("t_requests_total", "Requests.\nSecond line \\ here.", "route", "status")
	h := r.Histogram("t_latency_seconds", "Latency.", []float64{0.1, 1}, "route")
	g := r.Gauge("t_last_timestamp_seconds", "Last.", "job")
	r.GaugeFunc("t_up", "Up.", func() float64 { return 1 })
	r.Collect("t_broken", "Fails.", "gauge", func(context.Context) ([]metrics.Sample, error) { return nil, errors.New("db down") })
	r.RegisterRuntime()

	c.Inc("/plans/{id}", "200")
	c.Inc("/plans/{id}", "200")
	c.Add(3, `/odd"route\`+"\n", "500")
	for _, x := range []float64{0.05, 0.1, 0.5, 3} {
		h.Observe(x, "/plans")
	}
	g.Set(1.7e9, "backup")

	var buf bytes.Buffer
	if err := r.WriteTo(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	s, err := metricstest.Parse(&buf)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	want := map[string]float64{
		metricstest.Key("t_requests_total", "route", "/plans/{id}", "status", "200"):      2,
		metricstest.Key("t_requests_total", "route", `/odd"route\`+"\n", "status", "500"): 3,
		metricstest.Key("t_latency_seconds_bucket", "route", "/plans", "le", "0.1"):       2, // le is inclusive
		metricstest.Key("t_latency_seconds_bucket", "route", "/plans", "le", "1"):         3,
		metricstest.Key("t_latency_seconds_bucket", "route", "/plans", "le", "+Inf"):      4,
		metricstest.Key("t_latency_seconds_count", "route", "/plans"):                     4,
		metricstest.Key("t_last_timestamp_seconds", "job", "backup"):                      1.7e9,
		"t_up": 1,
	}
	for k, v := range want {
		if got, ok := s.Samples[k]; !ok || got != v {
			t.Errorf("%s = %v (present %v), want %v", k, got, ok, v)
		}
	}
	if sum := s.Samples[metricstest.Key("t_latency_seconds_sum", "route", "/plans")]; math.Abs(sum-3.65) > 1e-9 {
		t.Errorf("sum %v", sum)
	}
	if s.Types["t_broken"] != "gauge" || s.Sum("t_broken") != 0 {
		t.Errorf("broken collector: %v", s.Types["t_broken"])
	}
	if s.Sum("go_goroutines") < 1 || s.Types["go_gc_cycles_total"] != "counter" {
		t.Errorf("runtime metrics missing")
	}
}

// The parser the tests rely on refuses what Prometheus refuses, so a test
// passing on it means something.
func TestParserRefusesMalformed(t *testing.T) {
	for _, bad := range []string{
		"x 1\n", // no TYPE
		"# TYPE x counter\nx{a=\"1} 2\n",
		"# TYPE x counter\nx -1\n",
		"# TYPE x counter\nx 1\nx 2\n",
		"# TYPE x gauge\nx{a=\"\\q\"} 1\n",
		"# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n",
		"# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n",
		"# TYPE x gauge\nx one\n",
	} {
		if _, err := metricstest.Parse(strings.NewReader(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
