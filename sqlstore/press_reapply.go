package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"ttdn"
	"ttdn/watch"
)

// Re-applying a term (ttdn.ReapplyJob) walks every stored article published
// since a date that its words could match, or that it matched before,
// newest first, in batches of reapplyBatch articles, each in a transaction
// of its own with the job's progress: ingestion goes on between batches,
// and any instance shows how far it got.

// reapplyBatch is how many articles one transaction of a re-apply handles.
const reapplyBatch = 500

func errReapplyNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy lần áp dụng lại này.", "Re-apply not found.")
}

const reapplyColumns = `j.id, j.term_id, t.name, j.since, j.user_id, j.state, j.total, j.done, j.matched, j.created_at, j.updated_at`

func findReapplyJob(ctx context.Context, tx *Tx, id int64) (*ttdn.ReapplyJob, error) {
	j := &ttdn.ReapplyJob{}
	var state string
	err := tx.QueryRowContext(ctx, `SELECT `+reapplyColumns+` FROM press_reapply_jobs j
		JOIN press_watch_terms t ON t.id = j.term_id WHERE j.id = ?`, id).Scan(&j.ID, &j.TermID, &j.TermName,
		timeScan{&j.Since}, idScan{&j.UserID}, &state, &j.Total, &j.Done, &j.Matched, timeScan{&j.CreatedAt}, timeScan{&j.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errReapplyNotFound()
	}
	j.State = ttdn.ReapplyState(state)
	return j, err
}

// FindReapplyJob returns one re-apply and its progress.
func (s *PressService) FindReapplyJob(ctx context.Context, id int64) (*ttdn.ReapplyJob, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceWatchTerm), errReapplyNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findReapplyJob(ctx, tx, id)
}

// StartReapply records a re-apply of term id to the articles published
// since since. A term re-applied already (and not stalled) is refused.
func (s *PressService) StartReapply(ctx context.Context, id int64, since time.Time) (*ttdn.ReapplyJob, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceWatchTerm), errWatchTermNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, err := findWatchTermByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	var running int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM press_reapply_jobs WHERE term_id = ? AND state = ? AND updated_at > ?
		ORDER BY id DESC`+limitClause(1, 0), id, string(ttdn.ReapplyRunning), tx.now.Add(-ttdn.ReapplyStall)).Scan(&running)
	if err == nil {
		return nil, ttdn.Errorf(ttdn.ECONFLICT, "Từ khóa “%s” đang được áp dụng lại; hãy chờ lần trước xong.",
			"The term “%s” is being re-applied; wait until that is done.", t.Name)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	// A stalled run is over: its instance stopped.
	if _, err := tx.exec(ctx, `UPDATE press_reapply_jobs SET state = ? WHERE term_id = ? AND state = ?`,
		string(ttdn.ReapplyFailed), id, string(ttdn.ReapplyRunning)); err != nil {
		return nil, err
	}
	j := &ttdn.ReapplyJob{TermID: id, TermName: t.Name, Since: since.UTC(), UserID: ttdn.UserFromContext(ctx).ID,
		State: ttdn.ReapplyRunning, CreatedAt: tx.now, UpdatedAt: tx.now}
	j.ID, err = tx.insertID(ctx, `INSERT INTO press_reapply_jobs (term_id, since, user_id, state, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, j.Since, idArg(j.UserID), string(j.State), tx.now, tx.now)
	if err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, "reapply", ttdn.ResourceWatchTerm, id, nil, map[string]any{"since": j.Since, "job": j.ID}); err != nil {
		return nil, err
	}
	return j, tx.Commit()
}

// RunReapply does a re-apply started with StartReapply and returns it
// done; progress, if not nil, is told after each batch. An error leaves
// the job failed, with the batches done kept.
func (s *PressService) RunReapply(ctx context.Context, jobID int64, progress func(done, total int)) (*ttdn.ReapplyJob, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceWatchTerm), errReapplyNotFound()); err != nil {
		return nil, err
	}
	j, t, work, err := s.reapplyWork(ctx, jobID)
	if err != nil || j.State != ttdn.ReapplyRunning {
		return j, err
	}
	var m *watch.Matcher
	if t.Enabled {
		m = watch.Compile([]watch.Term{MatchTerm(t)})
	}
	themes, err := s.termThemes(ctx)
	if err != nil {
		return nil, s.failReapply(ctx, j, err)
	}
	for start := 0; start < len(work); start += reapplyBatch {
		ids := work[start:min(start+reapplyBatch, len(work))]
		n, err := s.reapplyBatch(ctx, j, t, m, themes, ids)
		if err != nil {
			return nil, s.failReapply(ctx, j, err)
		}
		j.Done, j.Matched = j.Done+len(ids), j.Matched+n
		if progress != nil {
			progress(j.Done, j.Total)
		}
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `UPDATE press_reapply_jobs SET state = ?, updated_at = ? WHERE id = ?`,
		string(ttdn.ReapplyDone), tx.now, j.ID); err != nil {
		return nil, err
	}
	j.State, j.UpdatedAt = ttdn.ReapplyDone, tx.now
	return j, tx.Commit()
}

// reapplyWork reads the job, its term and the articles to handle, newest
// first, and records their number.
func (s *PressService) reapplyWork(ctx context.Context, jobID int64) (*ttdn.ReapplyJob, *ttdn.WatchTerm, []int64, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, nil, nil, err
	}
	defer tx.Rollback()
	j, err := findReapplyJob(ctx, tx, jobID)
	if err != nil || j.State != ttdn.ReapplyRunning {
		return j, nil, nil, err
	}
	t, err := findWatchTermByID(ctx, tx, j.TermID)
	if err != nil {
		return nil, nil, nil, err
	}
	type row struct {
		id int64
		at time.Time
	}
	var rows []row
	seen := map[int64]bool{}
	add := func(q string, args ...any) error {
		rs, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var r row
			if err := rs.Scan(&r.id, timeScan{&r.at}); err != nil {
				return err
			}
			if !seen[r.id] {
				seen[r.id] = true
				rows = append(rows, r)
			}
		}
		return rs.Err()
	}
	if err := add(`SELECT a.id, a.published_at FROM press_hits h JOIN press_articles a ON a.id = h.article_id
		WHERE h.term_id = ? AND a.published_at >= ?`, t.ID, j.Since); err != nil {
		return nil, nil, nil, err
	}
	if q, arg := candidateSQL(tx, t); q != "" && t.Enabled {
		if err := add(`SELECT a.id, a.published_at FROM press_articles a WHERE a.id IN (`+q+`) AND a.published_at >= ?`,
			arg, j.Since); err != nil {
			return nil, nil, nil, err
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return int(b.id - a.id)
	})
	work := make([]int64, len(rows))
	for i, r := range rows {
		work[i] = r.id
	}
	j.Total = len(work)
	if _, err := tx.exec(ctx, `UPDATE press_reapply_jobs SET total = ?, done = 0, matched = 0, updated_at = ? WHERE id = ?`,
		j.Total, tx.now, j.ID); err != nil {
		return nil, nil, nil, err
	}
	return j, t, work, tx.Commit()
}

// termThemes maps every term to its themes, to recompute an article's.
func (s *PressService) termThemes(ctx context.Context) (map[int64][]string, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	terms, err := findWatchTerms(ctx, tx, `1 = 1`)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]string, len(terms))
	for _, t := range terms {
		out[t.ID] = t.Themes
	}
	return out, nil
}

// reapplyBatch replaces the term's hits in the articles ids (m nil: the
// term is disabled and matches nothing), and returns how many it matches.
// Articles gaining their first hit enter the review queue; those left
// without any hit leave it unless a person reviewed them.
func (s *PressService) reapplyBatch(ctx context.Context, j *ttdn.ReapplyJob, t *ttdn.WatchTerm, m *watch.Matcher,
	themes map[int64][]string, ids []int64) (int, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	in, args := placeholders(len(ids)), int64Args(ids)
	arts, err := findArticles(ctx, tx, `a.id IN (`+in+`)`, args...)
	if err != nil {
		return 0, err
	}
	had, err := idList(ctx, tx, `SELECT article_id FROM press_hits WHERE term_id = ? AND article_id IN (`+in+`)`,
		append([]any{t.ID}, args...)...)
	if err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM press_hits WHERE term_id = ? AND article_id IN (`+in+`)`,
		append([]any{t.ID}, args...)...); err != nil {
		return 0, err
	}
	affected, matched := had, 0
	for _, a := range arts {
		n := 0
		if m != nil {
			n = len(m.Match(a.Title)) + len(m.Match(a.Summary))
		}
		if n == 0 {
			continue
		}
		matched++
		if !slices.Contains(affected, a.ID) {
			affected = append(affected, a.ID)
		}
		if _, err := tx.exec(ctx, `INSERT INTO press_hits (article_id, term_id, occurrences) VALUES (?, ?, ?)`, a.ID, t.ID, n); err != nil {
			return 0, err
		}
		if _, err := tx.exec(ctx, `INSERT INTO press_reviews (article_id, priority, status, tone, tone_guess, published_at,
			created_at) VALUES (?, ?, 'new', ?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING`,
			a.ID, t.Priority, string(a.Tone), string(a.Tone), a.Published.UTC(), tx.now); err != nil {
			return 0, err
		}
	}
	if err := refreshHitState(ctx, tx, themes, affected); err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, `UPDATE press_reapply_jobs SET done = done + ?, matched = matched + ?, updated_at = ? WHERE id = ?`,
		len(ids), matched, tx.now, j.ID); err != nil {
		return 0, err
	}
	return matched, tx.Commit()
}

// failReapply marks the job failed and returns err.
func (s *PressService) failReapply(ctx context.Context, j *ttdn.ReapplyJob, err error) error {
	if tx, terr := s.db.BeginTx(context.WithoutCancel(ctx), true); terr == nil {
		defer tx.Rollback()
		if _, uerr := tx.exec(ctx, `UPDATE press_reapply_jobs SET state = ?, updated_at = ? WHERE id = ?`,
			string(ttdn.ReapplyFailed), tx.now, j.ID); uerr == nil {
			_ = tx.Commit()
		}
	}
	return err
}

// ReapplyWatchTerm re-applies term id to the articles published since since
// at once and returns how many it matches.
func (s *PressService) ReapplyWatchTerm(ctx context.Context, id int64, since time.Time) (int, error) {
	j, err := s.StartReapply(ctx, id, since)
	if err != nil {
		return 0, err
	}
	if j, err = s.RunReapply(ctx, j.ID, nil); err != nil {
		return 0, err
	}
	return j.Matched, nil
}

// refreshHitState brings the articles ids in line with their remaining
// hits: priority (article and review), themes, and the review queue — an
// article left without any hit leaves it unless a person reviewed it.
func refreshHitState(ctx context.Context, tx *Tx, themes map[int64][]string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	in, args := placeholders(len(ids)), int64Args(ids)
	terms := map[int64][]int64{} // article → its terms
	rows, err := tx.QueryContext(ctx, `SELECT article_id, term_id FROM press_hits WHERE article_id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a, t int64
		if err := rows.Scan(&a, &t); err != nil {
			rows.Close()
			return err
		}
		terms[a] = append(terms[a], t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM press_article_themes WHERE article_id IN (`+in+`)`, args...); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM press_reviews WHERE status = 'new' AND article_id IN (`+in+`)
		AND NOT EXISTS (SELECT 1 FROM press_hits h WHERE h.article_id = press_reviews.article_id)`, args...); err != nil {
		return err
	}
	for _, id := range ids {
		var set []string
		for _, t := range terms[id] {
			for _, th := range themes[t] {
				if !slices.Contains(set, th) {
					set = append(set, th)
				}
			}
		}
		for _, th := range set {
			if _, err := tx.exec(ctx, `INSERT INTO press_article_themes (article_id, theme) VALUES (?, ?)`, id, th); err != nil {
				return err
			}
		}
	}
	return refreshPriorities(ctx, tx, ids)
}

// refreshPriorities sets each article's priority (and its review's) to the
// highest of its remaining hits.
func refreshPriorities(ctx context.Context, tx *Tx, ids []int64) error {
	const best = `COALESCE((SELECT MAX(t.priority) FROM press_hits h JOIN press_watch_terms t ON t.id = h.term_id
		WHERE h.article_id = ?), 0)`
	for _, id := range ids {
		if _, err := tx.exec(ctx, `UPDATE press_articles SET priority = `+best+` WHERE id = ?`, id, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE press_reviews SET priority = `+best+` WHERE article_id = ?`, id, id); err != nil {
			return err
		}
	}
	return nil
}

func idList(ctx context.Context, tx *Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
