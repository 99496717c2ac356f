package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"ttdn"
)

// CalendarPrefix starts every calendar feed token, so a leaked one is
// recognisable for what it is.
const CalendarPrefix = "ttdncal_"

// CalendarFeedService keeps the users' secret calendar addresses.
type CalendarFeedService struct{ db *DB }

// NewCalendarFeedService returns the calendar feed service on db.
func NewCalendarFeedService(db *DB) *CalendarFeedService { return &CalendarFeedService{db: db} }

var _ ttdn.CalendarFeedService = (*CalendarFeedService)(nil)

// ownFeed refuses anyone but the user, logged in: an address is one's own,
// and an administrator has no use for someone else's.
func ownFeed(ctx context.Context, userID int64) error {
	me := ttdn.UserFromContext(ctx)
	if me == nil || me.IsSystem() || me.Token != nil || me.ID != userID {
		return ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ chính người dùng mới quản lý được địa chỉ lịch của mình.",
			"Only the user manages their own calendar address.")
	}
	return nil
}

// CalendarFeedCreated returns when the user's address was made (zero: none).
func (s *CalendarFeedService) CalendarFeedCreated(ctx context.Context, userID int64) (time.Time, error) {
	if err := ownFeed(ctx, userID); err != nil {
		return time.Time{}, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return time.Time{}, err
	}
	defer tx.Rollback()
	var at time.Time
	err = tx.QueryRowContext(ctx, `SELECT created_at FROM calendar_feeds WHERE user_id = ?`, userID).Scan(timeScan{&at})
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return at, err
}

// RotateCalendarFeed makes a new address in place of any old one.
func (s *CalendarFeedService) RotateCalendarFeed(ctx context.Context, userID int64) (string, error) {
	if err := ownFeed(ctx, userID); err != nil {
		return "", err
	}
	secret, err := randomToken()
	if err != nil {
		return "", err
	}
	raw := CalendarPrefix + secret
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `UPDATE calendar_feeds SET token_hash = ?, created_at = ? WHERE user_id = ?`, tokenHash(raw), tx.now, userID)
	if err != nil {
		return "", err
	}
	action := "rotate"
	if n, _ := res.RowsAffected(); n == 0 {
		action = "create"
		if _, err := tx.exec(ctx, `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)`,
			userID, tokenHash(raw), tx.now); err != nil {
			return "", err
		}
	}
	// The audit names the act and the time, never the token.
	if err := tx.audit(ctx, action, ttdn.ResourceCalendarFeed, userID, nil, map[string]any{"created_at": tx.now}); err != nil {
		return "", err
	}
	return raw, tx.Commit()
}

// RevokeCalendarFeed ends the user's feed; revoking none is no error.
func (s *CalendarFeedService) RevokeCalendarFeed(ctx context.Context, userID int64) error {
	if err := ownFeed(ctx, userID); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `DELETE FROM calendar_feeds WHERE user_id = ?`, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if err := tx.audit(ctx, "revoke", ttdn.ResourceCalendarFeed, userID, nil, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// FindCalendarUser returns the enabled user of a live feed token.
func (s *CalendarFeedService) FindCalendarUser(ctx context.Context, raw string) (*ttdn.User, error) {
	bad := ttdn.Errorf(ttdn.EUNAUTHORIZED, "Địa chỉ lịch không còn hiệu lực.", "This calendar address is no longer valid.")
	if !strings.HasPrefix(raw, CalendarPrefix) {
		return nil, bad
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var userID int64
	err = tx.QueryRowContext(ctx, `SELECT user_id FROM calendar_feeds WHERE token_hash = ?`, tokenHash(raw)).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bad
	} else if err != nil {
		return nil, err
	}
	u, _, err := findUser(ctx, tx, "id = ?", userID)
	if err != nil || u.Disabled {
		return nil, bad
	}
	return u, nil
}
