package sqlstore

import (
	"context"
	"time"

	"ttdn"
	"ttdn/vntext"
	"ttdn/watch"
)

// A rule is previewed and re-applied over stored articles without reading
// them all: the full-text index proposes the articles containing one of the
// rule's forms as a phrase, and the matcher confirms (word boundaries,
// overlapping forms) exactly as ingestion would.

// maxCandidates bounds the articles one preview or re-apply reads.
const maxCandidates = 50000

// candidates returns the articles published since since that contain one
// of t's forms as consecutive folded words, oldest first.
func candidates(ctx context.Context, tx *Tx, t *ttdn.WatchTerm, since time.Time) ([]*ttdn.Article, error) {
	var phrases [][]string
	wt := MatchTerm(t)
	for _, f := range wt.Forms() {
		if w := vntext.Words(f); len(w) > 0 {
			phrases = append(phrases, w)
		}
	}
	if len(phrases) == 0 {
		return nil, nil
	}
	q, arg := tx.db.ftsPhrase(phrases)
	return findArticles(ctx, tx, `a.id IN (`+q+`) AND a.published_at >= ? ORDER BY a.id`+limitClause(maxCandidates, 0),
		arg, since.UTC())
}

// PreviewWatchTerm returns up to limit of the stored articles of the last
// days that t would match, newest first, and how many there are. t need not
// be saved.
func (s *PressService) PreviewWatchTerm(ctx context.Context, t *ttdn.WatchTerm, days, limit int) ([]*ttdn.WatchPreview, int, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, 0, err
	} else if err := validateWatchTerm(t); err != nil {
		return nil, 0, err
	}
	if days <= 0 {
		days = 30
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	arts, err := candidates(ctx, tx, t, tx.now.AddDate(0, 0, -days))
	if err != nil {
		return nil, 0, err
	}
	docs := make([]watch.Doc, len(arts))
	for i, a := range arts {
		docs[i] = watch.Doc{Title: a.Title, Text: a.Summary}
	}
	hits := watch.Preview(MatchTerm(t), docs)
	var out []*ttdn.WatchPreview
	for i := len(hits) - 1; i >= 0 && (limit <= 0 || len(out) < limit); i-- {
		h := hits[i]
		out = append(out, &ttdn.WatchPreview{Article: arts[h.Doc], Hits: h.Hits, Snippet: h.Snippet})
	}
	return out, len(hits), nil
}

// ReapplyWatchTerm matches the stored term id against the articles
// published since since, replacing its hits there; articles that gain their
// first hit enter the review queue. It returns how many articles the term
// now matches.
func (s *PressService) ReapplyWatchTerm(ctx context.Context, id int64, since time.Time) (int, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceWatchTerm), errWatchTermNotFound()); err != nil {
		return 0, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	t, err := findWatchTermByID(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	// The articles that lose the term need their priority recomputed.
	affected, err := idList(ctx, tx, `SELECT h.article_id FROM press_hits h JOIN press_articles a ON a.id = h.article_id
		WHERE h.term_id = ? AND a.published_at >= ?`, id, since.UTC())
	if err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM press_hits WHERE term_id = ? AND article_id IN (SELECT id FROM press_articles
		WHERE published_at >= ?)`, id, since.UTC()); err != nil {
		return 0, err
	}
	matched := 0
	if t.Enabled {
		if matched, err = s.applyTerm(ctx, tx, t, since, &affected); err != nil {
			return 0, err
		}
	}
	if err := refreshPriorities(ctx, tx, affected); err != nil {
		return 0, err
	}
	if err := tx.audit(ctx, "reapply", ttdn.ResourceWatchTerm, id, nil, map[string]any{"since": since.UTC(), "matched": matched}); err != nil {
		return 0, err
	}
	return matched, tx.Commit()
}

// applyTerm stores t's hits in the candidate articles and returns how many
// matched; the matched ids are added to affected.
func (s *PressService) applyTerm(ctx context.Context, tx *Tx, t *ttdn.WatchTerm, since time.Time, affected *[]int64) (int, error) {
	arts, err := candidates(ctx, tx, t, since)
	if err != nil {
		return 0, err
	}
	m := watch.Compile([]watch.Term{MatchTerm(t)})
	matched := 0
	for _, a := range arts {
		n := len(m.Match(a.Title)) + len(m.Match(a.Summary))
		if n == 0 {
			continue
		}
		matched++
		*affected = append(*affected, a.ID)
		if _, err := tx.exec(ctx, `INSERT INTO press_hits (article_id, term_id, occurrences) VALUES (?, ?, ?)`, a.ID, t.ID, n); err != nil {
			return 0, err
		}
		for _, th := range t.Themes {
			if _, err := tx.exec(ctx, `INSERT INTO press_article_themes (article_id, theme) VALUES (?, ?) ON CONFLICT DO NOTHING`, a.ID, th); err != nil {
				return 0, err
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO press_reviews (article_id, priority, status, tone, tone_guess, published_at,
			created_at) VALUES (?, ?, 'new', ?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING`,
			a.ID, t.Priority, string(a.Tone), string(a.Tone), a.Published.UTC(), tx.now); err != nil {
			return 0, err
		}
	}
	return matched, nil
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
