// Package bench measures ttdn's pages under concurrent load: a fixed number
// of simulated users request a mix of pages for a fixed time, and the run
// reports requests per second and latency percentiles per page. It speaks
// plain HTTP to a base URL, so it measures a real server through its real
// handler, middleware and database.
package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Page is one kind of request in the mix, with its weight.
type Page struct {
	Name   string
	Path   string
	Weight int
}

// Config describes a run.
type Config struct {
	BaseURL     string
	Pages       []Page
	Concurrency int           // simulated users
	Duration    time.Duration // how long the run lasts
	MaxRequests int           // stop after this many requests in all (0: no limit)
	// Header is added to every request (e.g. the session cookie).
	Header http.Header
	Client *http.Client
}

// Result holds what a run measured, per page and in all.
type Result struct {
	Pages    []PageResult
	Total    PageResult
	Elapsed  time.Duration
	Users    int
	Requests int
}

// PageResult is one page's figures.
type PageResult struct {
	Name          string
	Requests      int
	Errors        int // transport errors and non-2xx statuses
	P50, P95, P99 time.Duration
	Max           time.Duration
	RPS           float64
}

type sample struct {
	page int
	d    time.Duration
	ok   bool
}

// Run performs the load run. The request loop is bounded by Duration and by
// MaxRequests, and ends early when ctx ends.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if len(cfg.Pages) == 0 || cfg.Concurrency <= 0 || cfg.Duration <= 0 {
		return nil, fmt.Errorf("bench: need pages, concurrency and a duration")
	}
	client := cfg.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Concurrency}}
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	mix := weighted(cfg.Pages)
	var (
		mu      sync.Mutex
		samples []sample
		budget  = cfg.MaxRequests
		wg      sync.WaitGroup
	)
	next := 0
	// take claims the next request of the run: its place in the page mix
	// comes from one shared counter, so the mix holds exactly over the run
	// whatever the users' speeds.
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if cfg.MaxRequests > 0 && budget <= 0 {
			return 0, false
		}
		budget--
		next++
		return next - 1, true
	}
	start := time.Now()
	for u := 0; u < cfg.Concurrency; u++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i, ok := take()
				if !ok {
					return
				}
				p := mix[i%len(mix)]
				s := request(ctx, client, cfg, p)
				if ctx.Err() != nil && !s.ok {
					return // cut off by the end of the run, not a server error
				}
				mu.Lock()
				samples = append(samples, s)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return summarise(cfg, samples, time.Since(start)), nil
}

// weighted expands the pages by weight into a cycle users walk through,
// each user starting at a different point.
func weighted(pages []Page) []int {
	var mix []int
	for i, p := range pages {
		for w := 0; w < max(p.Weight, 1); w++ {
			mix = append(mix, i)
		}
	}
	return mix
}

func request(ctx context.Context, client *http.Client, cfg Config, page int) sample {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, cfg.BaseURL+cfg.Pages[page].Path, nil)
	if err != nil {
		return sample{page: page}
	}
	for k, v := range cfg.Header {
		req.Header[k] = v
	}
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return sample{page: page, d: time.Since(t0)}
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return sample{page: page, d: time.Since(t0), ok: resp.StatusCode >= 200 && resp.StatusCode < 300}
}

func summarise(cfg Config, samples []sample, elapsed time.Duration) *Result {
	res := &Result{Elapsed: elapsed, Users: cfg.Concurrency, Requests: len(samples)}
	per := make([][]sample, len(cfg.Pages))
	for _, s := range samples {
		per[s.page] = append(per[s.page], s)
	}
	for i, p := range cfg.Pages {
		res.Pages = append(res.Pages, figures(p.Name, per[i], elapsed))
	}
	res.Total = figures("total", samples, elapsed)
	return res
}

func figures(name string, ss []sample, elapsed time.Duration) PageResult {
	r := PageResult{Name: name, Requests: len(ss)}
	if len(ss) == 0 {
		return r
	}
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = s.d
		if !s.ok {
			r.Errors++
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	r.P50, r.P95, r.P99, r.Max = percentile(ds, 50), percentile(ds, 95), percentile(ds, 99), ds[len(ds)-1]
	r.RPS = float64(len(ss)) / elapsed.Seconds()
	return r
}

// percentile returns the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// Format writes the result as a Markdown table, the form docs/BENCHMARKS.md uses.
func (r *Result) Format(w io.Writer) {
	fmt.Fprintf(w, "%d users, %s, %d requests\n\n", r.Users, r.Elapsed.Round(time.Millisecond), r.Requests)
	fmt.Fprintln(w, "| page | requests | req/s | p50 | p95 | p99 | max | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, p := range append(r.Pages, r.Total) {
		fmt.Fprintf(w, "| %s | %d | %.1f | %s | %s | %s | %s | %d |\n", p.Name, p.Requests, p.RPS,
			ms(p.P50), ms(p.P95), ms(p.P99), ms(p.Max), p.Errors)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
