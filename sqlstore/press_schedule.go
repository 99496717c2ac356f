package sqlstore

import (
	"context"
	"time"

	"ttdn"
)

// Feed scheduling is derived from press_sources: a source is due when it is
// enabled, has a feed, its next_fetch_at has passed and no instance holds a
// lease on it. Claiming sets the lease in one UPDATE that re-checks those
// conditions row by row, so on PostgreSQL two instances claiming at once
// never get the same source (the second UPDATE waits for the first row lock
// and then sees the lease); on SQLite the single writer serialises claims.
// A crashed instance's lease simply expires.

const dueCondition = `enabled = TRUE AND feed_url IS NOT NULL
	AND (next_fetch_at IS NULL OR next_fetch_at <= ?) AND (lease_until IS NULL OR lease_until < ?)`

// ClaimDueSources leases up to limit due sources, most overdue first.
func (s *PressService) ClaimDueSources(ctx context.Context, limit int, lease time.Duration) ([]*ttdn.Source, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return nil, errSystemOnly()
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := tx.now
	rows, err := tx.QueryContext(ctx, `UPDATE press_sources SET lease_until = ?
		WHERE id IN (SELECT id FROM press_sources WHERE `+dueCondition+` ORDER BY next_fetch_at, id`+limitClause(limit, 0)+`)
		AND `+dueCondition+` RETURNING `+sourceColumns, now.Add(lease), now, now, now, now)
	if err != nil {
		return nil, err
	}
	var out []*ttdn.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, src)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// CountDueSources counts the sources due now (for a progress bar).
func (s *PressService) CountDueSources(ctx context.Context) (int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_sources WHERE `+dueCondition, tx.now, tx.now).Scan(&n)
	return n, err
}

// RecordFetch stores the outcome of fetching source id and releases its
// lease. A source the policy disabled keeps its reason until a person
// re-enables it.
func (s *PressService) RecordFetch(ctx context.Context, id int64, o ttdn.FetchOutcome) error {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return errSystemOnly()
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	set := `etag = ?, last_modified = ?, next_fetch_at = ?, interval_s = ?, failures = ?, last_error = ?,
		last_fetch_at = ?, lease_until = NULL`
	args := []any{o.ETag, o.LastModified, timeArg(o.NextFetchAt), int64(o.Interval / time.Second), o.Failures,
		truncate(o.Error, 500), tx.now}
	if o.Error == "" {
		set += `, last_success_at = ?`
		args = append(args, tx.now)
	}
	if o.Disabled {
		set += `, enabled = FALSE, disabled_reason = ?, version = version + 1`
		args = append(args, truncate(o.DisabledReason, 500))
	}
	if _, err := tx.exec(ctx, `UPDATE press_sources SET `+set+` WHERE id = ?`, append(args, id)...); err != nil {
		return err
	}
	return tx.Commit()
}

func errSystemOnly() error {
	return ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ hệ thống được thực hiện thao tác này.", "Only the system does this.")
}

// truncate cuts s to at most n runes.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
