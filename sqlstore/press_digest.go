package sqlstore

import (
	"context"
	"strings"
	"time"

	"ttdn"
)

// Digests and report counts are computed from stored articles and reviews
// on demand: a day or a week is a few thousand rows, read by index on
// published_at. "Hits" are reviews not dismissed: the items about the
// province.

// digestWindow returns [from, to) in UTC for the day (and the six before
// it, weekly), days counted in Vietnam time.
func digestWindow(kind ttdn.DigestKind, day ttdn.Date) (time.Time, time.Time) {
	end := day.Time(vietnamZone).AddDate(0, 0, 1)
	start := end.AddDate(0, 0, -1)
	if kind == ttdn.DigestWeekly {
		start = end.AddDate(0, 0, -7)
	}
	return start.UTC(), end.UTC()
}

// PressDigest computes the daily or weekly press-opinion digest ending on
// day.
func (s *PressService) PressDigest(ctx context.Context, kind ttdn.DigestKind, day ttdn.Date) (*ttdn.PressDigest, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, err
	} else if kind != ttdn.DigestDaily && kind != ttdn.DigestWeekly {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Loại bản tổng hợp %q không hợp lệ (daily hoặc weekly).", "Invalid digest kind %q (daily or weekly).", kind)
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d := &ttdn.PressDigest{Kind: kind, Day: day}
	d.From, d.To = digestWindow(kind, day)
	win := pressWindow{from: d.From, to: d.To}
	if err := win.scalars(ctx, tx, &d.Articles, &d.Hits, &d.Domestic, &d.Foreign, &d.NeedsAction); err != nil {
		return nil, err
	}
	if d.ByTheme, err = win.byTheme(ctx, tx); err != nil {
		return nil, err
	}
	for _, b := range []struct {
		dst  *[]ttdn.Count
		expr string
	}{{&d.BySource, "s.name"}, {&d.ByLanguage, "a.language"}, {&d.ByTone, "a.tone"}} {
		if *b.dst, err = win.groupHits(ctx, tx, b.expr); err != nil {
			return nil, err
		}
	}
	labelTones(d.ByTone)
	d.TopStories, err = win.topStories(ctx, tx, digestTopStories)
	return d, err
}

// outletKey names a story's outlet in SQL over press_sources s: the
// source's outlet — the section feeds of one newspaper are one outlet — or
// its name when the outlet is not set.
const outletKey = `COALESCE(NULLIF(s.outlet, ''), s.name)`

// digestTopStories is how many "most covered events" a digest lists.
const digestTopStories = 10

// topStories returns the window's most covered events about the province:
// the stories (story groups of articles) with a hit not dismissed in the
// window, by the number of distinct outlets that carried them in the
// window, then by their articles. An outlet is the source's outlet — the
// five section feeds of one newspaper are one outlet — and each story is
// titled by its first article.
func (w pressWindow) topStories(ctx context.Context, tx *Tx, limit int) ([]*ttdn.Story, error) {
	rows, err := tx.QueryContext(ctx, `SELECT g.story_id, f.title, g.n, g.outlets, g.first_at, g.last_at FROM (
		SELECT a.story_id, COUNT(*) AS n, COUNT(DISTINCT `+outletKey+`) AS outlets,
			MIN(a.published_at) AS first_at, MAX(a.published_at) AS last_at
		FROM press_articles a JOIN press_sources s ON s.id = a.source_id
		WHERE a.published_at >= ? AND a.published_at < ? AND a.story_id IN (SELECT h.story_id FROM press_reviews r
			JOIN press_articles h ON h.id = r.article_id
			WHERE r.status <> 'dismissed' AND r.published_at >= ? AND r.published_at < ?)
		GROUP BY a.story_id) g JOIN press_articles f ON f.id = g.story_id
		ORDER BY g.outlets DESC, g.n DESC, g.story_id DESC`+limitClause(limit, 0), w.from, w.to, w.from, w.to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*ttdn.Story{}
	for rows.Next() {
		st := &ttdn.Story{}
		if err := rows.Scan(&st.ID, &st.Title, &st.Articles, &st.Outlets, timeScan{&st.First}, timeScan{&st.Last}); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

func labelTones(list []ttdn.Count) {
	for i := range list {
		list[i].Label = ttdn.Tone(list[i].Key).Label()
	}
}

// pressWindow is a time window, optionally limited to one unit's sources.
type pressWindow struct {
	from, to time.Time
	unitID   *int64
}

// hitsFrom is the FROM and WHERE of the hits in the window; joins are
// added to the FROM.
func (w pressWindow) hitsFrom(joins ...string) (string, []any) {
	q := ` FROM press_reviews r JOIN press_articles a ON a.id = r.article_id JOIN press_sources s ON s.id = a.source_id ` +
		strings.Join(joins, " ") + ` WHERE r.published_at >= ? AND r.published_at < ? AND r.status <> 'dismissed'`
	args := []any{w.from, w.to}
	if w.unitID != nil {
		q, args = q+` AND s.unit_id = ?`, append(args, *w.unitID)
	}
	return q, args
}

func (w pressWindow) scalars(ctx context.Context, tx *Tx, articles, hits, domestic, foreign, needsAction *int) error {
	q := `SELECT COUNT(*) FROM press_articles a JOIN press_sources s ON s.id = a.source_id
		WHERE a.published_at >= ? AND a.published_at < ?`
	args := []any{w.from, w.to}
	if w.unitID != nil {
		q, args = q+` AND s.unit_id = ?`, append(args, *w.unitID)
	}
	if err := tx.QueryRowContext(ctx, q, args...).Scan(articles); err != nil {
		return err
	}
	from, hargs := w.hitsFrom()
	return tx.QueryRowContext(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN s.is_foreign THEN 0 ELSE 1 END), 0), COALESCE(SUM(CASE WHEN s.is_foreign THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN r.needs_action THEN 1 ELSE 0 END), 0)`+from, hargs...).Scan(hits, domestic, foreign, needsAction)
}

// groupHits counts the hits by expr, most first.
func (w pressWindow) groupHits(ctx context.Context, tx *Tx, expr string) ([]ttdn.Count, error) {
	from, args := w.hitsFrom()
	return countRows(ctx, tx, `SELECT `+expr+`, `+expr+`, COUNT(*)`+from+` GROUP BY `+expr+` ORDER BY 3 DESC, 1`, args...)
}

// byTheme counts the hits by theme, labelled from the theme catalogue.
func (w pressWindow) byTheme(ctx context.Context, tx *Tx) ([]ttdn.Count, error) {
	from, args := w.hitsFrom(`JOIN press_article_themes pt ON pt.article_id = a.id`,
		`LEFT JOIN themes th ON th.code = pt.theme`)
	return countRows(ctx, tx, `SELECT pt.theme, COALESCE(MAX(th.name), pt.theme), COUNT(*)`+from+
		` GROUP BY pt.theme ORDER BY 3 DESC, 1`, args...)
}

func countRows(ctx context.Context, tx *Tx, q string, args ...any) ([]ttdn.Count, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []ttdn.Count{}
	for rows.Next() {
		var c ttdn.Count
		if err := rows.Scan(&c.Key, &c.Label, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PressCounts counts the press figures of a reporting window for the
// periodic reports' pre-fill (see docs/PRESS.md, "Feeding the reports").
func (s *PressService) PressCounts(ctx context.Context, unitID *int64, from, to ttdn.Date) (*ttdn.PressCounts, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, err
	} else if to.Before(from) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Ngày kết thúc trước ngày bắt đầu.", "The end date is before the start date.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	w := pressWindow{from: from.Time(vietnamZone).UTC(), to: to.Time(vietnamZone).AddDate(0, 0, 1).UTC(), unitID: unitID}
	c := &ttdn.PressCounts{}
	var domestic, foreign int
	if err := w.scalars(ctx, tx, &c.Articles, &c.Hits, &domestic, &foreign, &c.NeedsAction); err != nil {
		return nil, err
	}
	hf, args := w.hitsFrom()
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN r.relevance = 'relevant' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN a.tone = 'negative' THEN 1 ELSE 0 END), 0)`+hf, args...).Scan(&c.Relevant, &c.Negative); err != nil {
		return nil, err
	}
	if c.ByChannel, err = w.groupHits(ctx, tx, "s.name"); err != nil {
		return nil, err
	}
	if c.ByTheme, err = w.byTheme(ctx, tx); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id`+hf+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		c.ArticleIDs = append(c.ArticleIDs, id)
	}
	return c, rows.Err()
}
