package sqlstore

import (
	"context"
	"slices"

	"ttdn"
)

// E-mail per person: a notification is stored with the e-mail state its
// reader chose when it was made — 'pending' (one e-mail), 'digest' (waits
// for the day's digest) or 'none' (app only, also for people without an
// address). Changing one's mode applies to the notices that come after.

var _ ttdn.EmailPreferences = (*NotificationService)(nil)

// emailState returns the e-mail state of a new notification for user id.
func emailState(ctx context.Context, tx *Tx, id int64) (string, error) {
	var email, mode string
	if err := tx.QueryRowContext(ctx, `SELECT email, notify_email FROM users WHERE id = ?`, id).Scan(&email, &mode); err != nil {
		return "", err
	}
	switch {
	case email == "" || ttdn.EmailMode(mode) == ttdn.EmailNone:
		return "none", nil
	case ttdn.EmailMode(mode) == ttdn.EmailDigest:
		return "digest", nil
	}
	return "pending", nil
}

// FindEmailMode returns the acting user's choice.
func (s *NotificationService) FindEmailMode(ctx context.Context) (ttdn.EmailMode, error) {
	u := ttdn.UserFromContext(ctx)
	if u == nil {
		return "", errLoginNeeded()
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var mode string
	err = tx.QueryRowContext(ctx, `SELECT notify_email FROM users WHERE id = ?`, u.ID).Scan(&mode)
	return ttdn.EmailMode(mode), err
}

// SetEmailMode records the acting user's choice, audited.
func (s *NotificationService) SetEmailMode(ctx context.Context, m ttdn.EmailMode) error {
	u := ttdn.UserFromContext(ctx)
	if u == nil {
		return errLoginNeeded()
	} else if !m.Valid() {
		return ttdn.ErrEmailMode()
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var before string
	if err := tx.QueryRowContext(ctx, `SELECT notify_email FROM users WHERE id = ?`, u.ID).Scan(&before); err != nil {
		return err
	} else if before == string(m) {
		return nil
	}
	if _, err := tx.exec(ctx, `UPDATE users SET notify_email = ? WHERE id = ?`, string(m), u.ID); err != nil {
		return err
	}
	if err := tx.audit(ctx, "notify_email_set", ttdn.ResourceUser, u.ID,
		map[string]any{"notify_email": before}, map[string]any{"notify_email": string(m)}); err != nil {
		return err
	}
	return tx.Commit()
}

// ClaimDigests claims today's digest of every person with notices waiting
// for one, once the working day is over (ttdn.DigestHour, Vietnam time).
// The claim row (user, day) makes it once a day across every instance.
func (s *NotificationService) ClaimDigests(ctx context.Context) ([]*ttdn.OutgoingDigest, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	local := tx.now.In(vietnamZone)
	if local.Hour() < ttdn.DigestHour {
		return nil, nil
	}
	day := ttdn.DateOf(local)
	users, err := queryIDs(ctx, tx, `SELECT DISTINCT user_id FROM notifications WHERE email_state = 'digest' ORDER BY user_id`)
	if err != nil {
		return nil, err
	}
	var out []*ttdn.OutgoingDigest
	for _, u := range users {
		res, err := tx.exec(ctx, `INSERT INTO notification_digests (user_id, day, claimed_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id, day) DO NOTHING`, u, day.ISO(), tx.now)
		if err != nil {
			return nil, err
		} else if k, _ := res.RowsAffected(); k == 0 {
			continue // already sent today: the rest waits for tomorrow
		}
		d, err := claimDigest(ctx, tx, u, day)
		if err != nil {
			return nil, err
		} else if len(d.Items) == 0 {
			continue // every notice was withheld: no empty e-mail
		}
		out = append(out, d)
	}
	return out, tx.Commit()
}

// claimDigest moves a person's waiting notices to 'sending' and returns them.
func claimDigest(ctx context.Context, tx *Tx, user int64, day ttdn.Date) (*ttdn.OutgoingDigest, error) {
	d := &ttdn.OutgoingDigest{UserID: user, Day: day}
	if err := tx.QueryRowContext(ctx, `SELECT email FROM users WHERE id = ?`, user).Scan(&d.To); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `UPDATE notifications SET email_state = 'sending', email_attempts = email_attempts + 1
		WHERE user_id = ? AND email_state = 'digest' RETURNING id, kind, subject, email_text, created_at`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type row struct {
		id   int64
		item ttdn.DigestItem
	}
	var got []row
	for rows.Next() {
		var r row
		var kind string
		if err := rows.Scan(&r.id, &kind, &r.item.Subject, &r.item.Text, timeScan{&r.item.At}); err != nil {
			return nil, err
		}
		r.item.Kind = ttdn.NotificationKind(kind)
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	ids := make([]int64, len(got))
	for i, r := range got {
		ids[i] = r.id
	}
	ok, err := withholdUnreadable(ctx, tx, user, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(got, func(a, b row) int { return int(a.id - b.id) })
	for _, r := range got {
		if !ok[r.id] {
			continue
		}
		d.NotificationIDs = append(d.NotificationIDs, r.id)
		d.Items = append(d.Items, r.item)
	}
	return d, nil
}

// MarkDigestSent records the outcome of sending d: its notices sent, or
// back to waiting and the day's claim released, to try on the next tick.
func (s *NotificationService) MarkDigestSent(ctx context.Context, d *ttdn.OutgoingDigest, sendErr error) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	in := placeholders(len(d.NotificationIDs))
	ids := int64Args(d.NotificationIDs)
	if sendErr == nil {
		_, err = tx.exec(ctx, `UPDATE notifications SET email_state = 'sent', emailed_at = ? WHERE id IN (`+in+`)`,
			append([]any{tx.now}, ids...)...)
	} else if _, err = tx.exec(ctx, `UPDATE notifications SET email_state = 'digest' WHERE id IN (`+in+`)`, ids...); err == nil {
		_, err = tx.exec(ctx, `DELETE FROM notification_digests WHERE user_id = ? AND day = ?`, d.UserID, d.Day.ISO())
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}
