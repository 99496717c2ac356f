package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

// The review queue: one row per article with watchlist hits, created by
// ingestion (or by re-applying a term), judged by monitors.

func errReviewNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy tin bài trong danh sách rà soát.", "Review not found.")
}

const reviewColumns = `r.article_id, r.priority, r.status, r.tone, r.tone_guess, r.relevance, r.needs_action, r.note,
	r.reviewer_id, r.reviewed_at, r.created_at, r.version`

func scanReview(row rowScanner) (*ttdn.Review, error) {
	r := &ttdn.Review{}
	var status, tone, guess, rel string
	err := row.Scan(&r.ArticleID, &r.Priority, &status, &tone, &guess, &rel, &r.NeedsAction, &r.Note,
		idScan{&r.ReviewerID}, timeScan{&r.ReviewedAt}, timeScan{&r.CreatedAt}, &r.Version)
	r.Status, r.Tone, r.ToneGuess, r.Relevance = ttdn.ReviewStatus(status), ttdn.Tone(tone), ttdn.Tone(guess), ttdn.Relevance(rel)
	return r, err
}

func findReviews(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Review, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+reviewColumns+` FROM press_reviews r WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	var out []*ttdn.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	return out, loadReviewArticles(ctx, tx, out)
}

// loadReviewArticles attaches each review's article and hits.
func loadReviewArticles(ctx context.Context, tx *Tx, list []*ttdn.Review) error {
	args := make([]any, len(list))
	byID := map[int64]*ttdn.Review{}
	for i, r := range list {
		args[i], byID[r.ArticleID] = r.ArticleID, r
	}
	in := placeholders(len(args))
	arts, err := findArticles(ctx, tx, `a.id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	for _, a := range arts {
		byID[a.ID].Article = a
	}
	rows, err := tx.QueryContext(ctx, `SELECT h.article_id, h.term_id, t.code, h.occurrences FROM press_hits h
		JOIN press_watch_terms t ON t.id = h.term_id WHERE h.article_id IN (`+in+`) ORDER BY h.article_id, t.priority DESC, t.code`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h ttdn.Hit
		if err := rows.Scan(&h.ArticleID, &h.TermID, &h.TermCode, &h.Occurrences); err != nil {
			return err
		}
		byID[h.ArticleID].Hits = append(byID[h.ArticleID].Hits, h)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	return markReviews(ctx, tx, list)
}

// FindReviews returns the queue: highest priority first, then newest.
func (s *PressService) FindReviews(ctx context.Context, f ttdn.ReviewFilter) ([]*ttdn.Review, int, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourcePressReview), nil); err != nil {
		return nil, 0, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if f.Status != nil {
		where, args = append(where, "r.status = ?"), append(args, string(*f.Status))
	}
	if f.MinPriority > 0 {
		where, args = append(where, "r.priority >= ?"), append(args, f.MinPriority)
	}
	if f.NeedsAction != nil {
		where, args = append(where, "r.needs_action = ?"), append(args, *f.NeedsAction)
	}
	if f.Theme != nil {
		where, args = append(where, "r.article_id IN (SELECT article_id FROM press_article_themes WHERE theme = ?)"), append(args, *f.Theme)
	}
	w := strings.Join(where, " AND ")
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_reviews r WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := findReviews(ctx, tx, w+` ORDER BY r.priority DESC, r.published_at DESC, r.article_id DESC`+
		limitClause(f.Limit, f.Offset), args...)
	return list, total, err
}

// FindReviewByArticle returns the review of one article, or ENOTFOUND.
func (s *PressService) FindReviewByArticle(ctx context.Context, articleID int64) (*ttdn.Review, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourcePressReview), errReviewNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findReviewByArticle(ctx, tx, articleID)
}

func findReviewByArticle(ctx context.Context, tx *Tx, articleID int64) (*ttdn.Review, error) {
	list, err := findReviews(ctx, tx, `r.article_id = ?`, articleID)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errReviewNotFound()
	}
	return list[0], nil
}

// UpdateReview records a reviewer's judgement if upd.Version is current.
// The article's tone follows the reviewed tone, so search and digests use
// the person's judgement over the lexicon's.
func (s *PressService) UpdateReview(ctx context.Context, articleID int64, upd ttdn.ReviewUpdate) (*ttdn.Review, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourcePressReview), errReviewNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findReviewByArticle(ctx, tx, articleID)
	if err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	r, err := applyReview(before, upd)
	if err != nil {
		return nil, err
	}
	if err := saveReview(ctx, tx, before, r); err != nil {
		return nil, err
	}
	return r, tx.Commit()
}

// saveReview stores r, the judgement of before, by the user of ctx: the
// review at its next version, the article's tone, the audit row.
func saveReview(ctx context.Context, tx *Tx, before, r *ttdn.Review) error {
	r.ReviewerID, r.ReviewedAt = ttdn.UserFromContext(ctx).ID, tx.now
	res, err := tx.exec(ctx, `UPDATE press_reviews SET status = ?, tone = ?, relevance = ?, needs_action = ?, note = ?,
		reviewer_id = ?, reviewed_at = ?, version = version + 1 WHERE article_id = ? AND version = ?`,
		string(r.Status), string(r.Tone), string(r.Relevance), r.NeedsAction, r.Note, idArg(r.ReviewerID), tx.now,
		r.ArticleID, r.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	r.Version++
	if _, err := tx.exec(ctx, `UPDATE press_articles SET tone = ? WHERE id = ?`, string(r.Tone), r.ArticleID); err != nil {
		return err
	}
	r.Article.Tone = r.Tone
	return tx.audit(ctx, "update", ttdn.ResourcePressReview, r.ArticleID, reviewAudit(before), reviewAudit(r))
}

// applyReview returns before changed by upd, checking the transition.
func applyReview(before *ttdn.Review, upd ttdn.ReviewUpdate) (*ttdn.Review, error) {
	r := *before
	art := *before.Article
	r.Article = &art
	setIf(&r.Tone, upd.Tone)
	setIf(&r.Relevance, upd.Relevance)
	setIf(&r.NeedsAction, upd.NeedsAction)
	setIf(&r.Note, upd.Note)
	next := r.Status
	if upd.Status != nil {
		next = *upd.Status
	} else if r.Status == ttdn.ReviewNew && (upd.Tone != nil || upd.Relevance != nil || upd.NeedsAction != nil) {
		next = ttdn.ReviewDone
	}
	if !r.Tone.Valid() {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Sắc thái %q không hợp lệ.", "Invalid tone %q.", r.Tone)
	} else if !r.Relevance.Valid() {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Mức liên quan %q không hợp lệ.", "Invalid relevance %q.", r.Relevance)
	} else if !next.Valid() || !r.Status.CanMoveTo(next) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không thể chuyển tin bài từ trạng thái %q sang %q.",
			"A review cannot move from %q to %q.", r.Status, next)
	}
	r.Status = next
	if next == ttdn.ReviewDismissed && upd.Relevance == nil {
		r.Relevance = ttdn.RelevanceIrrelevant
	}
	return &r, nil
}

// reviewAudit is what the audit log keeps of a review: the judgement, not
// the article text.
func reviewAudit(r *ttdn.Review) any {
	return map[string]any{"status": r.Status, "tone": r.Tone, "relevance": r.Relevance,
		"needs_action": r.NeedsAction, "note": r.Note, "version": r.Version}
}
