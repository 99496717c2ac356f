package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/pressingest"
)

// FeedStore is the storage the feed runner drives (sqlstore.PressService).
type FeedStore interface {
	ttdn.FeedScheduleService
	GeneratePressAlerts(ctx context.Context) (int, error)
}

// FeedRunner fetches due press feeds beside the notification Scheduler.
// What is due is derived from the database (press_sources.next_fetch_at),
// and each source is claimed under a lease before it is fetched, so a
// restart loses nothing and two instances never fetch one feed at once.
// A bounded pool of workers fetches in parallel, each fetch bounded in time,
// size and redirects by the Fetcher: a bad feed becomes an error recorded on
// its source and never stops the others.
type FeedRunner struct {
	Store   FeedStore
	Fetcher *feed.Fetcher
	// Ingest stores a feed's items; the runner calls it from one worker at a
	// time (a pressingest.Pipeline is not safe for concurrent use).
	Ingest   func(ctx context.Context, items []pressingest.Item) (pressingest.Stats, error)
	Policy   feed.PollPolicy
	Workers  int           // parallel fetches; default 4
	Lease    time.Duration // how long a claim holds; default 5 min (longer than a fetch)
	Interval time.Duration // how often Run looks for due feeds; default 1 min
	Log      *slog.Logger
	// Now is the clock the polling policy reads; it must agree with the
	// database's (tests move both). Default time.Now.
	Now func() time.Time
	// OnFetch, when set, is told of every fetch: whether it succeeded, the
	// new items stored and the lag (how long after it was due it started).
	OnFetch func(ok bool, newItems int, lag time.Duration)

	ingestMu sync.Mutex
}

// FeedRound is what one RunOnce did.
type FeedRound struct {
	Fetched, Failed, NewItems, Alerts int
}

// Run fetches due feeds every Interval until ctx ends.
func (r *FeedRunner) Run(ctx context.Context) {
	interval := r.Interval
	if interval <= 0 {
		interval = time.Minute
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if round, err := r.RunOnce(ctx, nil); err != nil && ctx.Err() == nil {
			r.log().Error("jobs: feeds", "err", err)
		} else if round.Fetched > 0 {
			r.log().Info("jobs: feeds fetched", "fetched", round.Fetched, "failed", round.Failed, "new", round.NewItems)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce fetches every source due now, then raises alerts for new
// high-priority hits. progress, if not nil, is called with the sources done
// and the sources due when the round began.
func (r *FeedRunner) RunOnce(ctx context.Context, progress func(done, total int)) (FeedRound, error) {
	ctx = ttdn.NewSystemContext(ctx)
	total, err := r.Store.CountDueSources(ctx)
	if err != nil {
		return FeedRound{}, err
	}
	workers := r.Workers
	if workers <= 0 {
		workers = 4
	}
	var (
		mu    sync.Mutex
		round FeedRound
		done  int
	)
	jobs := make(chan *ttdn.Source)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for src := range jobs {
				n, ferr := r.fetchOne(ctx, src)
				mu.Lock()
				done++
				round.Fetched++
				round.NewItems += n
				if ferr != "" {
					round.Failed++
				}
				if progress != nil {
					progress(done, max(total, done))
				}
				mu.Unlock()
			}
		}()
	}
	err = r.claimLoop(ctx, workers, jobs)
	close(jobs)
	wg.Wait()
	if err != nil {
		return round, err
	}
	round.Alerts, err = r.Store.GeneratePressAlerts(ctx)
	return round, err
}

// claimLoop claims due sources a few at a time and hands them to workers
// until none is due.
func (r *FeedRunner) claimLoop(ctx context.Context, workers int, jobs chan<- *ttdn.Source) error {
	lease := r.Lease
	if lease <= 0 {
		lease = 5 * time.Minute
	}
	for ctx.Err() == nil {
		srcs, err := r.Store.ClaimDueSources(ctx, workers, lease)
		if err != nil || len(srcs) == 0 {
			return err
		}
		for _, s := range srcs {
			select {
			case jobs <- s:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return ctx.Err()
}

// fetchOne fetches, ingests and records one source; it returns the new
// items and the error recorded ("" for success).
func (r *FeedRunner) fetchOne(ctx context.Context, src *ttdn.Source) (int, string) {
	var lag time.Duration
	if !src.NextFetchAt.IsZero() {
		lag = max(time.Since(src.NextFetchAt), 0)
	}
	res := r.Fetcher.Fetch(ctx, feed.Request{URL: src.FeedURL, ETag: src.ETag, LastModified: src.LastModified})
	newItems := 0
	if res.Err == nil && res.Feed != nil {
		st, err := r.ingest(ctx, pressingest.FromFeed(src, res.Feed, time.Now().UTC()))
		if err != nil {
			r.log().Error("jobs: store feed items", "source", src.ID, "err", err)
			res = feed.Result{Reason: feed.ReasonStore, Err: err}
		}
		newItems = st.Stored
	}
	if res.Err != nil && res.Reason != feed.ReasonStore {
		// The raw error names addresses and ports: the log keeps it, the
		// source shows only its category.
		r.log().Warn("jobs: fetch feed", "source", src.ID, "url", src.FeedURL, "reason", res.Reason, "err", res.Err)
	}
	o := r.outcome(src, res, newItems)
	if err := r.Store.RecordFetch(ctx, src.ID, o); err != nil {
		r.log().Error("jobs: record fetch", "source", src.ID, "err", err)
	}
	if r.OnFetch != nil {
		r.OnFetch(o.Error == "", newItems, lag)
	}
	return newItems, o.Error
}

func (r *FeedRunner) ingest(ctx context.Context, items []pressingest.Item) (pressingest.Stats, error) {
	r.ingestMu.Lock()
	defer r.ingestMu.Unlock()
	return r.Ingest(ctx, items)
}

// outcome applies the polling policy; a source with its own polling
// interval is polled at that pace, backing off the same way after errors.
func (r *FeedRunner) outcome(src *ttdn.Source, res feed.Result, newItems int) ttdn.FetchOutcome {
	pol := r.Policy
	if src.PollMinutes > 0 {
		pol.Min = time.Duration(src.PollMinutes) * time.Minute
		pol.Max = pol.Min
	}
	now := time.Now()
	if r.Now != nil {
		now = r.Now()
	}
	next := pol.After(feed.SourceState{Interval: src.Interval, Failures: src.Failures, NextAt: src.NextFetchAt}, now, res, newItems)
	o := ttdn.FetchOutcome{ETag: src.ETag, LastModified: src.LastModified, NextFetchAt: next.NextAt,
		Interval: next.Interval, Failures: next.Failures, NewItems: newItems}
	if res.Err == nil {
		if !res.NotModified {
			o.ETag, o.LastModified = res.ETag, res.LastModified
		}
		return o
	}
	o.Error = res.Problem()
	if next.Disabled {
		vi, _ := feed.ProblemText(o.Error)
		o.Disabled = true
		o.DisabledReason = fmt.Sprintf("Tự động tắt sau %d lần lỗi liên tiếp; lỗi cuối: %s.", next.Failures, vi)
	}
	return o
}

func (r *FeedRunner) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.Default()
}
