// Package jobs runs ttdn's scheduled work: on every tick it derives the due
// notifications from the database and sends the e-mails nobody has sent.
// Nothing is queued in memory, so a restart loses nothing, and every step is
// claimed in the database, so several instances can run it at once.
package jobs

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"ttdn"
	"ttdn/mail"
)

// Notifier is the storage the scheduler drives (sqlstore.NotificationService).
type Notifier interface {
	GenerateNotifications(ctx context.Context) (int, error)
	ClaimEmails(ctx context.Context, limit int) ([]*ttdn.OutgoingEmail, error)
	MarkEmailed(ctx context.Context, id int64, sendErr error) error
}

// Scheduler runs the notification work every Interval.
type Scheduler struct {
	Notifier Notifier
	Settings ttdn.SettingsService
	// NewSender returns the sender for the current SMTP settings (read on
	// every run, so a change applies without a restart); nil uses mail.SMTP.
	NewSender func(ttdn.SMTPSettings) mail.Sender
	Interval  time.Duration // 5 minutes when zero
	BatchSize int           // e-mails claimed per round; 50 when zero
	Log       *slog.Logger
	// Observe, when set, is told of every run: its error (nil for a
	// success) and how long it took (the metrics).
	Observe func(err error, d time.Duration)
}

// Run works every Interval until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	interval := s.Interval
	if interval <= 0 {
		interval = 5 * time.Minute
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		start := time.Now()
		err := s.RunOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			s.log().Error("jobs: notifications", "err", err)
		}
		if s.Observe != nil {
			s.Observe(err, time.Since(start))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce generates due notifications and sends the pending e-mails.
func (s *Scheduler) RunOnce(ctx context.Context) error {
	ctx = ttdn.NewSystemContext(ctx)
	n, err := s.Notifier.GenerateNotifications(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		s.log().Info("jobs: notifications created", "count", n)
	}
	return s.sendEmails(ctx)
}

// sendEmails claims and sends e-mails in batches until none is pending.
// With no SMTP host configured, e-mails wait (in-app notifications work).
func (s *Scheduler) sendEmails(ctx context.Context) error {
	set, err := s.Settings.FindSettings(ctx)
	if err != nil {
		return err
	} else if set.SMTP.Host == "" {
		return nil
	}
	sender := s.sender(set.SMTP)
	batch := s.BatchSize
	if batch <= 0 {
		batch = 50
	}
	if err := s.sendDigests(ctx, sender); err != nil {
		return err
	}
	for ctx.Err() == nil {
		emails, err := s.Notifier.ClaimEmails(ctx, batch)
		if err != nil || len(emails) == 0 {
			return err
		}
		failed := false
		for _, e := range emails {
			sendErr := sender.Send(ctx, mail.Message{To: []string{e.To}, Subject: mailSubject(e.Subject), Body: e.Body})
			if sendErr != nil {
				failed = true
				s.log().Warn("jobs: e-mail not sent", "notification", e.NotificationID, "err", sendErr)
			}
			if err := s.Notifier.MarkEmailed(ctx, e.NotificationID, sendErr); err != nil {
				return err
			}
		}
		if failed {
			return nil // the server is unwell: retry on the next tick, not at once
		}
	}
	return ctx.Err()
}

func (s *Scheduler) sender(set ttdn.SMTPSettings) mail.Sender {
	if s.NewSender != nil {
		return s.NewSender(set)
	}
	return &mail.SMTP{Settings: mail.Settings{Host: set.Host, Port: set.Port, From: set.From,
		Username: set.Username, Password: set.Password, StartTLS: set.StartTLS}}
}

func (s *Scheduler) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// mailSubject marks every e-mail as ttdn's in the reader's inbox; notices
// written for the app carry no mark of their own.
func mailSubject(s string) string {
	if strings.HasPrefix(s, "[TTĐN]") {
		return s
	}
	return "[TTĐN] " + s
}
