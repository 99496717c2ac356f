// Package metrics keeps counters, gauges and histograms and writes them in
// the Prometheus text exposition format (version 0.0.4), with the standard
// library only: ttdn needs a few dozen series, not a client library.
package metrics

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Registry holds the metric families in the order they were added.
type Registry struct {
	mu       sync.Mutex
	families []family
	names    map[string]bool
}

// family is one metric name with its HELP, TYPE and a way to write its
// samples.
type family struct {
	name, help, typ string
	write           func(ctx context.Context, e *encoder)
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{names: map[string]bool{}} }

func (r *Registry) add(f family) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.names[f.name] {
		panic("metrics: " + f.name + " registered twice")
	}
	r.names[f.name] = true
	r.families = append(r.families, f)
}

// Sample is one value with its label pairs ("name", "value", …).
type Sample struct {
	Labels []string
	Value  float64
}

// Collect adds a family whose samples are computed at every scrape (pool
// statistics, counts read from the database). typ is "gauge" or "counter".
// A collector that fails writes nothing for its family.
func (r *Registry) Collect(name, help, typ string, fn func(ctx context.Context) ([]Sample, error)) {
	r.add(family{name: name, help: help, typ: typ, write: func(ctx context.Context, e *encoder) {
		samples, err := fn(ctx)
		if err != nil {
			return
		}
		for _, s := range samples {
			e.sample(name, s.Labels, s.Value)
		}
	}})
}

// GaugeFunc adds a gauge without labels read at every scrape.
func (r *Registry) GaugeFunc(name, help string, fn func() float64) {
	r.Collect(name, help, "gauge", func(context.Context) ([]Sample, error) {
		return []Sample{{Value: fn()}}, nil
	})
}

// Counter is a family of counters keyed by label values.
type Counter struct {
	labels []string
	mu     sync.Mutex
	vals   map[string]*counterValue
}

type counterValue struct {
	labels []string
	v      float64
}

// Counter adds a counter family with the given label names.
func (r *Registry) Counter(name, help string, labels ...string) *Counter {
	c := &Counter{labels: labels, vals: map[string]*counterValue{}}
	r.add(family{name: name, help: help, typ: "counter", write: func(_ context.Context, e *encoder) {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, k := range sortedKeys(c.vals) {
			v := c.vals[k]
			e.sample(name, pairs(c.labels, v.labels), v.v)
		}
	}})
	return c
}

// Add adds d (≥ 0) to the counter with these label values.
func (c *Counter) Add(d float64, values ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := key(values)
	v, ok := c.vals[k]
	if !ok {
		v = &counterValue{labels: slices.Clone(values)}
		c.vals[k] = v
	}
	v.v += d
}

// Inc adds one.
func (c *Counter) Inc(values ...string) { c.Add(1, values...) }

// Gauge is a family of gauges set by the program.
type Gauge struct{ c *Counter }

// Gauge adds a gauge family with the given label names.
func (r *Registry) Gauge(name, help string, labels ...string) *Gauge {
	c := &Counter{labels: labels, vals: map[string]*counterValue{}}
	r.add(family{name: name, help: help, typ: "gauge", write: func(_ context.Context, e *encoder) {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, k := range sortedKeys(c.vals) {
			e.sample(name, pairs(c.labels, c.vals[k].labels), c.vals[k].v)
		}
	}})
	return &Gauge{c: c}
}

// Set sets the gauge with these label values.
func (g *Gauge) Set(v float64, values ...string) {
	g.c.mu.Lock()
	defer g.c.mu.Unlock()
	k := key(values)
	cv, ok := g.c.vals[k]
	if !ok {
		cv = &counterValue{labels: slices.Clone(values)}
		g.c.vals[k] = cv
	}
	cv.v = v
}

// Histogram is a family of histograms keyed by label values.
type Histogram struct {
	labels  []string
	buckets []float64
	mu      sync.Mutex
	vals    map[string]*histValue
}

type histValue struct {
	labels []string
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

// DefaultBuckets suit request durations in seconds: 5 ms to 10 s.
var DefaultBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Histogram adds a histogram family; buckets are upper bounds, ascending.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *Histogram {
	h := &Histogram{labels: labels, buckets: slices.Clone(buckets), vals: map[string]*histValue{}}
	r.add(family{name: name, help: help, typ: "histogram", write: func(_ context.Context, e *encoder) {
		h.mu.Lock()
		defer h.mu.Unlock()
		for _, k := range sortedKeys(h.vals) {
			v := h.vals[k]
			base := pairs(h.labels, v.labels)
			var cum uint64
			for i, b := range h.buckets {
				cum += v.counts[i]
				e.sample(name+"_bucket", append(slices.Clone(base), "le", formatFloat(b)), float64(cum))
			}
			e.sample(name+"_bucket", append(slices.Clone(base), "le", "+Inf"), float64(v.count))
			e.sample(name+"_sum", base, v.sum)
			e.sample(name+"_count", base, float64(v.count))
		}
	}})
	return h
}

// Observe records x in the histogram with these label values.
func (h *Histogram) Observe(x float64, values ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	k := key(values)
	v, ok := h.vals[k]
	if !ok {
		v = &histValue{labels: slices.Clone(values), counts: make([]uint64, len(h.buckets))}
		h.vals[k] = v
	}
	if i := sort.SearchFloat64s(h.buckets, x); i < len(h.buckets) {
		v.counts[i]++
	}
	v.sum += x
	v.count++
}

// WriteTo writes every family in the text format.
func (r *Registry) WriteTo(ctx context.Context, w io.Writer) error {
	r.mu.Lock()
	fams := slices.Clone(r.families)
	r.mu.Unlock()
	bw := bufio.NewWriter(w)
	e := &encoder{w: bw}
	for _, f := range fams {
		fmt.Fprintf(bw, "# HELP %s %s\n# TYPE %s %s\n", f.name, escapeHelp(f.help), f.name, f.typ)
		f.write(ctx, e)
	}
	return bw.Flush()
}

// ContentType is the text format's media type.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Handler serves the registry; collectors get 5 s.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 5*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", ContentType)
		w.Header().Set("Cache-Control", "no-store")
		_ = r.WriteTo(ctx, w)
	})
}

type encoder struct{ w *bufio.Writer }

func (e *encoder) sample(name string, labels []string, v float64) {
	e.w.WriteString(name)
	if len(labels) > 0 {
		e.w.WriteByte('{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				e.w.WriteByte(',')
			}
			e.w.WriteString(labels[i])
			e.w.WriteString(`="`)
			e.w.WriteString(escapeLabel(labels[i+1]))
			e.w.WriteByte('"')
		}
		e.w.WriteByte('}')
	}
	e.w.WriteByte(' ')
	e.w.WriteString(formatFloat(v))
	e.w.WriteByte('\n')
}

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
var helpEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`)

func escapeLabel(s string) string { return labelEscaper.Replace(s) }
func escapeHelp(s string) string  { return helpEscaper.Replace(s) }

// key joins label values with a byte no label value holds in practice.
func key(values []string) string { return strings.Join(values, "\xff") }

func pairs(names, values []string) []string {
	out := make([]string, 0, 2*len(names))
	for i, n := range names {
		v := ""
		if i < len(values) {
			v = values[i]
		}
		out = append(out, n, v)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
