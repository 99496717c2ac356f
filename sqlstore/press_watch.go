package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
	"ttdn/watch"
)

// The watchlist lives in press_watch_terms. Every change bumps the
// revision in press_state, so ingest pipelines (in this instance or
// another) see the change on their next batch and recompile their matcher.

func errWatchTermNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy từ khóa theo dõi.", "Watch term not found.")
}

const watchColumns = `id, code, name, aliases, kind, priority, themes, match_folded, excludes, context, context_within,
	enabled, version, updated_at`

func scanWatchTerm(row rowScanner) (*ttdn.WatchTerm, error) {
	t := &ttdn.WatchTerm{}
	err := row.Scan(&t.ID, &t.Code, &t.Name, jsonScan{&t.Aliases}, &t.Kind, &t.Priority, jsonScan{&t.Themes},
		&t.Folded, jsonScan{&t.Exclude}, jsonScan{&t.Context}, &t.Within, &t.Enabled, &t.Version, timeScan{&t.UpdatedAt})
	return t, err
}

func findWatchTerms(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.WatchTerm, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+watchColumns+` FROM press_watch_terms WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.WatchTerm
	for rows.Next() {
		t, err := scanWatchTerm(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func findWatchTermByID(ctx context.Context, tx *Tx, id int64) (*ttdn.WatchTerm, error) {
	t, err := scanWatchTerm(tx.QueryRowContext(ctx, `SELECT `+watchColumns+` FROM press_watch_terms WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errWatchTermNotFound()
	}
	return t, err
}

// FindWatchTerms returns the whole watchlist, highest priority first.
func (s *PressService) FindWatchTerms(ctx context.Context) ([]*ttdn.WatchTerm, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceWatchTerm), nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findWatchTerms(ctx, tx, `1 = 1 ORDER BY priority DESC, code`)
}

// FindWatchTermByID returns one term, or ENOTFOUND.
func (s *PressService) FindWatchTermByID(ctx context.Context, id int64) (*ttdn.WatchTerm, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceWatchTerm), errWatchTermNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findWatchTermByID(ctx, tx, id)
}

// validateWatchTerm checks the domain rules and that every form has a word
// the matcher can find.
func validateWatchTerm(t *ttdn.WatchTerm) error {
	t.Name = strings.TrimSpace(t.Name)
	if err := t.Validate(); err != nil {
		return err
	}
	wt := MatchTerm(t)
	if err := wt.Validate(); err != nil {
		return ttdn.Errorf(ttdn.EINVALID, "Từ khóa không hợp lệ: %v.", "Invalid watch term: %v.", err)
	}
	return nil
}

// CreateWatchTerm adds a term to the watchlist.
func (s *PressService) CreateWatchTerm(ctx context.Context, t *ttdn.WatchTerm) error {
	if err := authorize(ctx, ttdn.ActionCreate, ttdn.PressResource(ttdn.ResourceWatchTerm), nil); err != nil {
		return err
	} else if err := validateWatchTerm(t); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertWatchTerm(ctx, tx, t); err != nil {
		return err
	} else if err := bumpWatchlist(ctx, tx); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceWatchTerm, t.ID, nil, t); err != nil {
		return err
	}
	return tx.Commit()
}

func insertWatchTerm(ctx context.Context, tx *Tx, t *ttdn.WatchTerm) error {
	id, err := tx.insertID(ctx, `INSERT INTO press_watch_terms (code, name, aliases, kind, priority, themes, match_folded,
		excludes, context, context_within, enabled, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
		t.Code, t.Name, jsonArg(t.Aliases), t.Kind, t.Priority, jsonArg(t.Themes), t.Folded, jsonArg(t.Exclude),
		jsonArg(t.Context), t.Within, t.Enabled, tx.now)
	if err != nil {
		return err
	}
	t.ID, t.Version, t.UpdatedAt = id, 1, tx.now
	return nil
}

func bumpWatchlist(ctx context.Context, tx *Tx) error {
	_, err := tx.exec(ctx, `UPDATE press_state SET value = value + 1 WHERE key = 'watchlist_rev'`)
	return err
}

// UpdateWatchTerm applies upd if upd.Version is the term's current version.
// Stored articles keep their hits until the term is re-applied.
func (s *PressService) UpdateWatchTerm(ctx context.Context, id int64, upd ttdn.WatchTermUpdate) (*ttdn.WatchTerm, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceWatchTerm), errWatchTermNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findWatchTermByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	t := *before
	setIf(&t.Name, upd.Name)
	setIf(&t.Aliases, upd.Aliases)
	setIf(&t.Kind, upd.Kind)
	setIf(&t.Priority, upd.Priority)
	setIf(&t.Themes, upd.Themes)
	setIf(&t.Folded, upd.Folded)
	setIf(&t.Exclude, upd.Exclude)
	setIf(&t.Context, upd.Context)
	setIf(&t.Within, upd.Within)
	setIf(&t.Enabled, upd.Enabled)
	if err := validateWatchTerm(&t); err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `UPDATE press_watch_terms SET name = ?, aliases = ?, kind = ?, priority = ?, themes = ?,
		match_folded = ?, excludes = ?, context = ?, context_within = ?, enabled = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		t.Name, jsonArg(t.Aliases), t.Kind, t.Priority, jsonArg(t.Themes), t.Folded, jsonArg(t.Exclude), jsonArg(t.Context),
		t.Within, t.Enabled, tx.now, id, t.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	t.Version, t.UpdatedAt = t.Version+1, tx.now
	if err := bumpWatchlist(ctx, tx); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceWatchTerm, id, before, &t); err != nil {
		return nil, err
	}
	return &t, tx.Commit()
}

// DeleteWatchTerm removes a term and its hits; reviews stay.
func (s *PressService) DeleteWatchTerm(ctx context.Context, id int64) error {
	if err := authorize(ctx, ttdn.ActionDelete, ttdn.PressResource(ttdn.ResourceWatchTerm), errWatchTermNotFound()); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := findWatchTermByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM press_watch_terms WHERE id = ?`, id); err != nil {
		return err
	} else if err := bumpWatchlist(ctx, tx); err != nil {
		return err
	} else if err := tx.audit(ctx, "delete", ttdn.ResourceWatchTerm, id, before, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// SeedWatchTerms stores watch.Default when the watchlist is empty, so a new
// installation starts with the province's places and topics. Idempotent.
func SeedWatchTerms(ctx context.Context, db *DB) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := seedWatchTerms(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// seedWatchTerms stores the served province's starting watchlist when the
// watchlist is empty.
func seedWatchTerms(ctx context.Context, tx *Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_watch_terms`).Scan(&n); err != nil || n > 0 {
		return err
	}
	p, err := servedProvince(ctx, tx)
	if err != nil {
		return err
	}
	for _, d := range watchDefaultsFor(p) {
		t := &ttdn.WatchTerm{Code: d.Code, Name: d.Name, Aliases: d.Aliases, Kind: string(d.Kind),
			Priority: int(d.Priority), Themes: d.Themes, Folded: d.Folded, Exclude: d.Exclude, Context: d.Context,
			Within: d.Within, Enabled: true}
		if err := insertWatchTerm(ctx, tx, t); err != nil {
			return err
		}
	}
	return bumpWatchlist(ctx, tx)
}

// MatchTerm is t as the matcher takes it.
func MatchTerm(t *ttdn.WatchTerm) watch.Term {
	return watch.Term{Code: t.Code, Name: t.Name, Aliases: t.Aliases, Kind: watch.Kind(t.Kind),
		Priority: watch.Priority(t.Priority), Themes: t.Themes, Folded: t.Folded, Exclude: t.Exclude, Context: t.Context,
		Within: t.Within}
}

// Watchlist is the enabled watchlist compiled for matching, at a revision.
type Watchlist struct {
	Rev     int64
	Terms   []*ttdn.WatchTerm // index = watch.Hit.Term
	Matcher *watch.Matcher
}

// WatchlistRevision returns the revision of the stored watchlist.
func (s *PressService) WatchlistRevision(ctx context.Context) (int64, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var rev int64
	err = tx.QueryRowContext(ctx, `SELECT value FROM press_state WHERE key = 'watchlist_rev'`).Scan(&rev)
	return rev, err
}

// LoadWatchlist compiles the enabled watch terms.
func (s *PressService) LoadWatchlist(ctx context.Context) (*Watchlist, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	w := &Watchlist{}
	if err := tx.QueryRowContext(ctx, `SELECT value FROM press_state WHERE key = 'watchlist_rev'`).Scan(&w.Rev); err != nil {
		return nil, err
	}
	if w.Terms, err = findWatchTerms(ctx, tx, `enabled = TRUE ORDER BY id`); err != nil {
		return nil, err
	}
	terms := make([]watch.Term, len(w.Terms))
	for i, t := range w.Terms {
		terms[i] = MatchTerm(t)
	}
	w.Matcher = watch.Compile(terms)
	return w, nil
}
