package main

import (
	"context"
	"log/slog"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// auditCheckPoll is how often the server looks whether a full check of the
// audit chain is due.
const auditCheckPoll = 10 * time.Minute

// runAuditChecks starts a full check of the audit chain whenever the newest
// one (by anyone: this instance, another, the audit page, `ttdn audit
// verify`) started more than every ago. Tail checks, which the API answers
// with, trust the events before the newest sealed check: this is what finds
// an old event edited. A break is logged as an error; the audit page shows it.
func runAuditChecks(ctx context.Context, db *sqlstore.DB, every time.Duration, log *slog.Logger, observe func(error, time.Duration)) {
	ctx = ttdn.NewSystemContext(ctx)
	t := time.NewTicker(min(every, auditCheckPoll))
	defer t.Stop()
	for {
		start := time.Now()
		ran, err := auditCheckIfDue(ctx, db, every, log)
		if err != nil && ctx.Err() == nil {
			log.Error("audit check", "err", err)
		}
		if (ran || err != nil) && observe != nil {
			observe(err, time.Since(start))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// auditCheckIfDue does a full check when one is due, and reports whether it
// did. A chain found broken is no failure of the check: it is logged, and
// shown on the audit page and in the metrics.
func auditCheckIfDue(ctx context.Context, db *sqlstore.DB, every time.Duration, log *slog.Logger) (bool, error) {
	last, err := db.LastFullAuditCheckStart(ctx)
	if err != nil || db.Now().Sub(last) < every {
		return false, err
	}
	id, err := db.StartAuditCheck(ctx, "")
	if ttdn.ErrorCode(err) == ttdn.ECONFLICT {
		return false, nil // another instance got there first
	} else if err != nil {
		return false, err
	}
	start := time.Now()
	rep, err := db.RunAuditCheck(ctx, id, nil)
	if err != nil {
		return true, err
	}
	if b := rep.Break; b != nil {
		log.Error("audit chain broken", "kind", b.Kind, "seq", b.Seq, "event", b.ID, "message", b.MessageEN)
		return true, nil
	}
	log.Info("audit chain intact", "entries", rep.Entries, "head", rep.HeadSeq, "took", time.Since(start).Round(time.Millisecond))
	return true, nil
}
