package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Actor is one simulated user: the instance it talks to and what it holds
// (its session cookie, CSRF token, unit, tasks). Fields are the scenario's.
type Actor struct {
	ID      int
	BaseURL string
	Client  *http.Client
	Header  http.Header
	CSRF    string
	Data    any
}

// Step is one kind of action in a mixed run. Do returns the key of what it
// wrote when the server acknowledged a write ("" for reads), so the caller
// can check afterwards that every acknowledged write is stored.
type Step struct {
	Name   string
	Weight int
	Do     func(ctx context.Context, a *Actor, n int) (ack string, err error)
}

// MixConfig describes a mixed run of reads and writes.
type MixConfig struct {
	Actors      []*Actor
	Steps       []Step
	Duration    time.Duration
	MaxRequests int // 0: bounded by Duration only
	// Think is the mean pause between one actor's requests, as a person
	// reads a page before the next click (0: none, the server's limit).
	// Each pause is drawn uniformly from half to one and a half of it, and
	// actors start spread over one Think, so they do not click in step.
	Think time.Duration
}

// MixResult is a mixed run's figures and every acknowledged write.
type MixResult struct {
	*Result
	Acks []string
	// FirstErrors keeps a few error messages, for the report.
	FirstErrors []string
}

// RunMix has every actor perform steps, in the weighted cycle, until the
// duration or the request budget ends. A step cut off by the end of the
// run is not counted.
func RunMix(ctx context.Context, cfg MixConfig) (*MixResult, error) {
	if len(cfg.Actors) == 0 || len(cfg.Steps) == 0 || cfg.Duration <= 0 {
		return nil, fmt.Errorf("bench: need actors, steps and a duration")
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	pages := make([]Page, len(cfg.Steps))
	for i, s := range cfg.Steps {
		pages[i] = Page{Name: s.Name, Weight: s.Weight}
	}
	mix := weighted(pages)
	var (
		mu      sync.Mutex
		samples []sample
		res     = &MixResult{}
		next    int
		wg      sync.WaitGroup
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if cfg.MaxRequests > 0 && next >= cfg.MaxRequests {
			return 0, false
		}
		next++
		return next - 1, true
	}
	start := time.Now()
	for _, a := range cfg.Actors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if cfg.Think > 0 && !pause(ctx, rand.N(cfg.Think)) {
				return
			}
			for ctx.Err() == nil {
				n, ok := take()
				if !ok {
					return
				}
				// The nth request of the run takes the nth step of the
				// weighted mix, whoever sends it: the mix holds exactly.
				step := mix[n%len(mix)]
				t0 := time.Now()
				ack, err := cfg.Steps[step].Do(ctx, a, n)
				d := time.Since(t0)
				if err != nil && ctx.Err() != nil {
					return // cut off by the end of the run
				}
				mu.Lock()
				samples = append(samples, sample{page: step, d: d, ok: err == nil})
				if ack != "" {
					res.Acks = append(res.Acks, ack)
				}
				if err != nil && len(res.FirstErrors) < 5 {
					res.FirstErrors = append(res.FirstErrors, cfg.Steps[step].Name+": "+err.Error())
				}
				mu.Unlock()
				if cfg.Think > 0 && !pause(ctx, cfg.Think/2+rand.N(cfg.Think)) {
					return
				}
			}
		}()
	}
	wg.Wait()
	res.Result = summarise(Config{Pages: pages, Concurrency: len(cfg.Actors)}, samples, time.Since(start))
	return res, nil
}

// pause waits d, and reports false if ctx ended first.
func pause(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
