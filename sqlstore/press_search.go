package sqlstore

import (
	"context"
	"strings"

	"ttdn"
	"ttdn/searchrank"
)

func errArticleNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy tin bài.", "Article not found.")
}

const articleColumns = `a.id, a.source_id, s.name, s.is_foreign, a.url, a.guid, a.title, a.summary, a.category,
	a.language, a.published_at, a.fetched_at, a.story_id, a.tone, a.priority`

const articleFrom = ` FROM press_articles a JOIN press_sources s ON s.id = a.source_id`

func scanArticle(row rowScanner) (*ttdn.Article, error) {
	a := &ttdn.Article{}
	var tone string
	err := row.Scan(&a.ID, &a.SourceID, &a.Outlet, &a.Foreign, &a.URL, &a.GUID, &a.Title, &a.Summary, &a.Category,
		&a.Language, timeScan{&a.Published}, timeScan{&a.Fetched}, &a.StoryID, &tone, &a.Priority)
	a.Tone = ttdn.Tone(tone)
	return a, err
}

func findArticles(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Article, error) {
	return findArticlesFrom(ctx, tx, articleFrom, whereOrder, args...)
}

func findArticlesFrom(ctx context.Context, tx *Tx, from, whereOrder string, args ...any) ([]*ttdn.Article, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+articleColumns+from+` WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	var out []*ttdn.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, loadArticleTerms(ctx, tx, out)
}

// loadArticleTerms fills the terms and themes of the articles with hits.
func loadArticleTerms(ctx context.Context, tx *Tx, list []*ttdn.Article) error {
	byID := map[int64]*ttdn.Article{}
	var args []any
	for _, a := range list {
		if a.Priority > 0 {
			byID[a.ID] = a
			args = append(args, a.ID)
		}
	}
	if len(args) == 0 {
		return nil
	}
	in := placeholders(len(args))
	if err := eachPair(ctx, tx, `SELECT h.article_id, t.code FROM press_hits h JOIN press_watch_terms t ON t.id = h.term_id
		WHERE h.article_id IN (`+in+`) ORDER BY h.article_id, t.priority DESC, t.code`, args, func(id int64, v any) {
		byID[id].Terms = append(byID[id].Terms, *v.(*string))
	}, new(string)); err != nil {
		return err
	}
	return eachPair(ctx, tx, `SELECT article_id, theme FROM press_article_themes WHERE article_id IN (`+in+`)
		ORDER BY article_id, theme`, args, func(id int64, v any) {
		byID[id].Themes = append(byID[id].Themes, *v.(*string))
	}, new(string))
}

// FindArticleByID returns one article, or ENOTFOUND.
func (s *PressService) FindArticleByID(ctx context.Context, id int64) (*ttdn.Article, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), errArticleNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findArticles(ctx, tx, `a.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errArticleNotFound()
	}
	if list[0].EarlierTitles, err = earlierTitles(ctx, tx, id); err != nil {
		return nil, err
	}
	list[0].IngestNotes, err = ingestNotes(ctx, tx, id)
	return list[0], err
}

// SearchArticles returns the articles the filter selects, newest stored
// first (id order, the same on both engines), and their total, counted up
// to ttdn.SearchCountCap.
func (s *PressService) SearchArticles(ctx context.Context, f ttdn.ArticleFilter) ([]*ttdn.Article, int, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	offset := max(f.Offset, 0)
	q := searchrank.Parse(f.Query)
	if !q.Empty() && s.db.engine == EnginePostgres {
		return s.pgRankedSearch(ctx, f, q, offset, limit) // two statements, no transaction
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	from, where, args, order := s.articleQuery(f)
	if !q.Empty() {
		return s.rankedSearch(ctx, tx, f, q, from, where, order, args, offset, limit)
	}
	if offset+limit <= ttdn.SearchCountCap && order == "a.id DESC" {
		// One pass: the ids of the first SearchCountCap matches give both
		// the total and the page, so the match (for a prefix, the merge
		// of every matching word's postings) runs once, not twice.
		ids, err := s.searchIDs(ctx, tx, f, from, where, order, args)
		if err != nil || offset >= len(ids) {
			return nil, len(ids), err
		}
		page := ids[offset:min(offset+limit, len(ids))]
		in := make([]any, len(page))
		for i, id := range page {
			in[i] = id
		}
		list, err := findArticles(ctx, tx, `a.id IN (`+placeholders(len(in))+`) ORDER BY a.id DESC`, in...)
		return list, len(ids), err
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1`+from+` WHERE `+where+
		limitClause(ttdn.SearchCountCap, 0)+`) c`, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := findArticlesFrom(ctx, tx, from, where+` ORDER BY `+order+limitClause(limit, offset), args...)
	return list, total, err
}

// searchIDs returns the ids of the first ttdn.SearchCountCap articles of a
// search, in its order.
func (s *PressService) searchIDs(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, from, where, order string,
	args []any) ([]int64, error) {
	if s.db.engine == EngineSQLite {
		switch filterKind(f) {
		case filterText:
			// Every indexed article is stored: no row lookup per match.
			from, where = ` FROM press_fts f`, `press_fts MATCH ?`
		case filterNarrow:
			from = ` FROM press_fts f JOIN press_articles a INDEXED BY press_articles_filter_idx ON a.id = f.rowid
				JOIN press_sources s ON s.id = a.source_id`
		}
	}
	return queryIDs(ctx, tx, `SELECT `+strings.Fields(order)[0]+from+` WHERE `+where+` ORDER BY `+order+
		limitClause(ttdn.SearchCountCap, 0), args...)
}

// What a text search's filters need besides the full-text index.
const (
	filterOther  = iota // article columns of no narrow index, or no text
	filterText          // nothing: a text query alone
	filterNarrow        // columns of press_articles_filter_idx
)

// filterKind tells which of the above f is (paging aside).
func filterKind(f ttdn.ArticleFilter) int {
	if len(parseQuery(f.Query)) == 0 {
		return filterOther
	}
	g := f
	g.Query, g.Limit, g.Offset, g.Sort = "", 0, 0, ""
	if g == (ttdn.ArticleFilter{}) {
		return filterText
	}
	g.SourceID, g.Language, g.Foreign, g.HitsOnly = nil, nil, nil, false
	if g == (ttdn.ArticleFilter{}) {
		return filterNarrow
	}
	return filterOther
}

// articleQuery returns the FROM, WHERE, arguments and ORDER BY of a
// search. On SQLite a text query drives the join from the FTS5 table in
// descending rowid order, so a page (and the capped count) stops early
// instead of materialising every match; the order is the same article id
// order PostgreSQL uses.
func (s *PressService) articleQuery(f ttdn.ArticleFilter) (from, where string, args []any, order string) {
	from, order = articleFrom, "a.id DESC"
	conds := []string{"1 = 1"}
	add := func(cond string, v ...any) { conds, args = append(conds, cond), append(args, v...) }
	if terms := parseQuery(f.Query); len(terms) > 0 {
		q, arg := s.db.ftsMatch(terms)
		if s.db.engine == EngineSQLite {
			from = ` FROM press_fts f JOIN press_articles a ON a.id = f.rowid JOIN press_sources s ON s.id = a.source_id`
			add("press_fts MATCH ?", arg)
			order = "f.rowid DESC"
		} else {
			add("a.id IN ("+q+")", arg)
		}
	}
	if !f.From.IsZero() {
		add("a.published_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("a.published_at < ?", f.To.UTC())
	}
	if f.SourceID != nil {
		add("a.source_id = ?", *f.SourceID)
	}
	if f.Language != nil {
		add("a.language = ?", *f.Language)
	}
	if f.Foreign != nil {
		add("s.is_foreign = ?", *f.Foreign)
	}
	if f.Theme != nil {
		add("a.id IN (SELECT article_id FROM press_article_themes WHERE theme = ?)", *f.Theme)
	}
	if f.TermID != nil {
		add("a.id IN (SELECT article_id FROM press_hits WHERE term_id = ?)", *f.TermID)
	}
	if f.HitsOnly {
		add("a.priority > 0")
	}
	if f.Tone != nil {
		add("a.tone = ?", string(*f.Tone))
	}
	if f.StoryID != nil {
		add("a.story_id = ?", *f.StoryID)
	}
	if order == "a.id DESC" {
		switch f.Sort {
		case ttdn.SortDate:
			order = "a.published_at DESC, a.id DESC"
		case ttdn.SortPriority:
			order = "a.priority DESC, a.published_at DESC, a.id DESC"
		}
	}
	return from, strings.Join(conds, " AND "), args, order
}

// FindStories returns the stories with articles in the window, the most
// covered first (articles, then distinct outlets), with their first
// article's title.
func (s *PressService) FindStories(ctx context.Context, f ttdn.StoryFilter) ([]*ttdn.Story, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findStories(ctx, tx, f)
}

func findStories(ctx context.Context, tx *Tx, f ttdn.StoryFilter) ([]*ttdn.Story, error) {
	where, args := []string{"1 = 1"}, []any{}
	if !f.From.IsZero() {
		where, args = append(where, "a.published_at >= ?"), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		where, args = append(where, "a.published_at < ?"), append(args, f.To.UTC())
	}
	if len(f.IDs) > 0 {
		where, args = append(where, "a.story_id IN ("+placeholders(len(f.IDs))+")"), append(args, int64Args(f.IDs)...)
	}
	if f.HitsOnly {
		where = append(where, `a.story_id IN (SELECT h.story_id FROM press_articles h
			JOIN press_reviews r ON r.article_id = h.id WHERE r.status <> 'dismissed')`)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	rows, err := tx.QueryContext(ctx, `SELECT g.story_id, f.title, g.n, g.outlets, g.first_at, g.last_at FROM (
		SELECT a.story_id, COUNT(*) AS n, COUNT(DISTINCT `+outletKey+`) AS outlets, MIN(a.published_at) AS first_at,
		MAX(a.published_at) AS last_at FROM press_articles a JOIN press_sources s ON s.id = a.source_id
		WHERE `+strings.Join(where, " AND ")+`
		GROUP BY a.story_id) g JOIN press_articles f ON f.id = g.story_id
		ORDER BY g.n DESC, g.outlets DESC, g.story_id DESC`+limitClause(limit, 0), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Story
	for rows.Next() {
		st := &ttdn.Story{}
		if err := rows.Scan(&st.ID, &st.Title, &st.Articles, &st.Outlets, timeScan{&st.First}, timeScan{&st.Last}); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
