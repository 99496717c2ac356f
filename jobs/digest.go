package jobs

import (
	"context"

	"ttdn"
	"ttdn/mail"
)

// Digester is the storage of daily digests (sqlstore.NotificationService);
// a Notifier that is one also sends digests.
type Digester interface {
	ClaimDigests(ctx context.Context) ([]*ttdn.OutgoingDigest, error)
	MarkDigestSent(ctx context.Context, d *ttdn.OutgoingDigest, sendErr error) error
}

// sendDigests sends the day's digest to every person who chose one. A
// failed digest is released and tried again on the next tick.
func (s *Scheduler) sendDigests(ctx context.Context, sender mail.Sender) error {
	d, ok := s.Notifier.(Digester)
	if !ok {
		return nil
	}
	digests, err := d.ClaimDigests(ctx)
	if err != nil {
		return err
	}
	for _, dg := range digests {
		subject, body := dg.Compose()
		sendErr := sender.Send(ctx, mail.Message{To: []string{dg.To}, Subject: mailSubject(subject), Body: body})
		if sendErr != nil {
			s.log().Warn("jobs: digest not sent", "user", dg.UserID, "err", sendErr)
		}
		if err := d.MarkDigestSent(ctx, dg, sendErr); err != nil {
			return err
		}
	}
	return nil
}
