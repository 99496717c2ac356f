package jobs

import (
	"context"
	"log/slog"
	"time"

	"ttdn"
	"ttdn/webhook"
)

// WebhookRunner delivers the webhook outbox. What is due is derived from
// the database (webhook_deliveries.next_attempt_at) and each delivery is
// leased before it is sent, so a restart loses nothing and two instances
// never send one delivery at once. A failed attempt is retried with
// exponential back-off (ttdn.WebhookBackoff) up to MaxWebhookAttempts.
type WebhookRunner struct {
	Store    ttdn.WebhookService
	Sender   *webhook.Sender
	Batch    int           // deliveries per round; default 20
	Lease    time.Duration // default 2 min (longer than an attempt)
	Interval time.Duration // default 15 s
	Log      *slog.Logger
	// OnAttempt, when set, is told of every attempt (the metrics).
	OnAttempt func(event string, ok bool)
}

// Run delivers due events every Interval until ctx ends.
func (r *WebhookRunner) Run(ctx context.Context) {
	interval := r.Interval
	if interval <= 0 {
		interval = 15 * time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if sent, failed, err := r.RunOnce(ctx); err != nil && ctx.Err() == nil {
			r.log().Error("jobs: webhooks", "err", err)
		} else if sent+failed > 0 {
			r.log().Info("jobs: webhooks", "delivered", sent, "failed", failed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce sends every delivery due now, one batch at a time.
func (r *WebhookRunner) RunOnce(ctx context.Context) (sent, failed int, err error) {
	ctx = ttdn.NewSystemContext(ctx)
	batch, lease := r.Batch, r.Lease
	if batch <= 0 {
		batch = 20
	}
	if lease <= 0 {
		lease = 2 * time.Minute
	}
	for {
		due, err := r.Store.ClaimDeliveries(ctx, batch, lease)
		if err != nil || len(due) == 0 {
			return sent, failed, err
		}
		for _, d := range due {
			status, serr := r.Sender.Send(ctx, d)
			msg := ""
			if serr != nil {
				msg = serr.Error()
				failed++
			} else {
				sent++
			}
			if r.OnAttempt != nil {
				r.OnAttempt(d.Event, serr == nil)
			}
			if _, err := r.Store.RecordAttempt(ctx, d.ID, status, msg); err != nil {
				return sent, failed, err
			}
		}
		if len(due) < batch {
			return sent, failed, nil
		}
	}
}

func (r *WebhookRunner) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.Default()
}
