package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"ttdn"
)

// PressService is the storage of press monitoring: sources and their fetch
// schedule, articles and search, the watchlist, the review queue, alerts and
// digests. One type serves every press interface, each in its own file.
type PressService struct {
	db  *DB
	top atomic.Int64 // PostgreSQL: a recent highest article id, where a search's ranges start (pgTop)
}

// NewPressService returns the press service on db.
func NewPressService(db *DB) *PressService { return &PressService{db: db} }

var (
	_ ttdn.SourceService       = (*PressService)(nil)
	_ ttdn.FeedScheduleService = (*PressService)(nil)
	_ ttdn.ArticleService      = (*PressService)(nil)
	_ ttdn.WatchTermService    = (*PressService)(nil)
	_ ttdn.ReviewService       = (*PressService)(nil)
	_ ttdn.PressDigestService  = (*PressService)(nil)
)

func errSourceNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy nguồn tin.", "Source not found.")
}

const sourceColumns = `id, name, outlet, country, language, is_foreign, feed_url, unit_id, poll_minutes, enabled,
	etag, last_modified, next_fetch_at, interval_s, failures, disabled_reason, last_error, last_fetch_at,
	last_success_at, items, version, created_at`

func scanSource(row rowScanner) (*ttdn.Source, error) {
	s := &ttdn.Source{}
	var feedURL sql.NullString
	var interval int64
	err := row.Scan(&s.ID, &s.Name, &s.Outlet, &s.Country, &s.Language, &s.Foreign, &feedURL, idScan{&s.UnitID},
		&s.PollMinutes, &s.Enabled, &s.ETag, &s.LastModified, timeScan{&s.NextFetchAt}, &interval, &s.Failures,
		&s.DisabledReason, &s.LastError, timeScan{&s.LastFetchAt}, timeScan{&s.LastSuccessAt}, &s.Items, &s.Version,
		timeScan{&s.CreatedAt})
	s.FeedURL, s.Interval = feedURL.String, time.Duration(interval)*time.Second
	return s, err
}

func findSources(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Source, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+sourceColumns+` FROM press_sources WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Source
	for rows.Next() {
		s, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func findSourceByID(ctx context.Context, tx *Tx, id int64) (*ttdn.Source, error) {
	s, err := scanSource(tx.QueryRowContext(ctx, `SELECT `+sourceColumns+` FROM press_sources WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errSourceNotFound()
	}
	return s, err
}

// FindSourceByID returns one source, or ENOTFOUND.
func (s *PressService) FindSourceByID(ctx context.Context, id int64) (*ttdn.Source, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourcePressSource), errSourceNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findSourceByID(ctx, tx, id)
}

// FindSources returns the sources the filter selects, by name, and their
// total.
func (s *PressService) FindSources(ctx context.Context, f ttdn.SourceFilter) ([]*ttdn.Source, int, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourcePressSource), nil); err != nil {
		return nil, 0, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if f.Enabled != nil {
		where, args = append(where, "enabled = ?"), append(args, *f.Enabled)
	}
	if f.Foreign != nil {
		where, args = append(where, "is_foreign = ?"), append(args, *f.Foreign)
	}
	if f.Failing {
		where = append(where, "(last_error <> '' OR disabled_reason <> '')")
	}
	w := strings.Join(where, " AND ")
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_sources WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := findSources(ctx, tx, w+` ORDER BY name, id`+limitClause(f.Limit, f.Offset), args...)
	return list, total, err
}

// CreateSource stores a new source, due for its first fetch at once.
func (s *PressService) CreateSource(ctx context.Context, src *ttdn.Source) error {
	if err := authorize(ctx, ttdn.ActionCreate, ttdn.PressResource(ttdn.ResourcePressSource), nil); err != nil {
		return err
	}
	normaliseSource(src)
	if err := src.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertSource(ctx, tx, src); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourcePressSource, src.ID, nil, src); err != nil {
		return err
	}
	return tx.Commit()
}

func normaliseSource(src *ttdn.Source) {
	src.Name, src.Outlet, src.FeedURL = strings.TrimSpace(src.Name), strings.TrimSpace(src.Outlet), strings.TrimSpace(src.FeedURL)
	src.Country, src.Language = strings.ToUpper(strings.TrimSpace(src.Country)), strings.ToLower(strings.TrimSpace(src.Language))
	if src.Country == "" {
		src.Country = "VN"
	}
	if src.Language == "" {
		src.Language = "vi"
	}
	if src.Outlet == "" {
		src.Outlet = src.Name
	}
}

func insertSource(ctx context.Context, tx *Tx, src *ttdn.Source) error {
	var feedURL any
	if src.FeedURL != "" {
		feedURL = src.FeedURL
	}
	id, err := tx.insertID(ctx, `INSERT INTO press_sources (name, outlet, country, language, is_foreign, feed_url, unit_id,
		poll_minutes, enabled, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
		src.Name, src.Outlet, src.Country, src.Language, src.Foreign, feedURL, idArg(src.UnitID), src.PollMinutes,
		src.Enabled, tx.now)
	if err != nil {
		return err
	}
	src.ID, src.Version, src.CreatedAt = id, 1, tx.now
	return nil
}

// UpdateSource applies upd if upd.Version is the source's current version.
func (s *PressService) UpdateSource(ctx context.Context, id int64, upd ttdn.SourceUpdate) (*ttdn.Source, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourcePressSource), errSourceNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findSourceByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	src := *before
	setIf(&src.Name, upd.Name)
	setIf(&src.Outlet, upd.Outlet)
	setIf(&src.Country, upd.Country)
	setIf(&src.Language, upd.Language)
	setIf(&src.Foreign, upd.Foreign)
	setIf(&src.FeedURL, upd.FeedURL)
	setIf(&src.UnitID, upd.UnitID)
	setIf(&src.PollMinutes, upd.PollMinutes)
	setIf(&src.Enabled, upd.Enabled)
	normaliseSource(&src)
	if err := src.Validate(); err != nil {
		return nil, err
	}
	if src.Enabled && !before.Enabled {
		// Re-enabled by a person: forget the failures, fetch at once.
		src.Failures, src.DisabledReason, src.NextFetchAt = 0, "", time.Time{}
	}
	var feedURL any
	if src.FeedURL != "" {
		feedURL = src.FeedURL
	}
	res, err := tx.exec(ctx, `UPDATE press_sources SET name = ?, outlet = ?, country = ?, language = ?, is_foreign = ?,
		feed_url = ?, unit_id = ?, poll_minutes = ?, enabled = ?, failures = ?, disabled_reason = ?, next_fetch_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`,
		src.Name, src.Outlet, src.Country, src.Language, src.Foreign, feedURL, idArg(src.UnitID), src.PollMinutes,
		src.Enabled, src.Failures, src.DisabledReason, timeArg(src.NextFetchAt), id, src.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	src.Version++
	if err := tx.audit(ctx, "update", ttdn.ResourcePressSource, id, before, &src); err != nil {
		return nil, err
	}
	return &src, tx.Commit()
}

// DeleteSource removes a source that holds no articles; one with articles
// is disabled instead, so what it brought stays searchable.
func (s *PressService) DeleteSource(ctx context.Context, id int64) error {
	if err := authorize(ctx, ttdn.ActionDelete, ttdn.PressResource(ttdn.ResourcePressSource), errSourceNotFound()); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := findSourceByID(ctx, tx, id)
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_articles WHERE source_id = ?`, id).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return ttdn.Errorf(ttdn.ECONFLICT, "Nguồn tin đã có %d tin bài nên không xóa được; hãy tắt nguồn thay vì xóa.",
			"The source has %d articles and cannot be deleted; disable it instead.", n)
	}
	if _, err := tx.exec(ctx, `DELETE FROM press_sources WHERE id = ?`, id); err != nil {
		return err
	} else if err := tx.audit(ctx, "delete", ttdn.ResourcePressSource, id, before, nil); err != nil {
		return err
	}
	return tx.Commit()
}
