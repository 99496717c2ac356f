package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"ttdn"
	"ttdn/searchrank"
)

// rankedSearch answers a text search: the engine's full-text index finds
// the newest ttdn.SearchCountCap articles holding every folded word (and
// the other filters), newest first, and searchrank — the same Go on both
// engines — keeps the newest ttdn.SearchRankPool of them that match as
// typed (diacritics, phrases) and orders those by relevance blended with
// recency, or by date. Candidates are read and judged only until the pool
// is full.
func (s *PressService) rankedSearch(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, q searchrank.Query,
	from, where, order string, args []any, offset, limit int) ([]*ttdn.Article, int, error) {
	pool := searchrank.NewPool(q, ttdn.SearchRankPool)
	if s.db.engine == EngineSQLite {
		if terms := parseQuery(f.Query); slices.ContainsFunc(terms, func(t queryTerm) bool { return t.prefix }) {
			match, found, err := sqliteExpandPrefixes(ctx, tx, terms)
			if err != nil || !found {
				return nil, 0, err
			}
			args = append([]any{match}, args[1:]...) // articleQuery's first argument is the MATCH
		}
		if err := s.sqlitePool(ctx, tx, f, from, where, order, args, pool); err != nil {
			return nil, 0, err
		}
	} else {
		if err := s.pgPool(ctx, tx, f, pool); err != nil {
			return nil, 0, err
		}
	}
	if pool.Len() == 0 {
		return nil, 0, nil
	}
	sort := searchrank.ByRelevance
	if f.Sort == ttdn.SortDate {
		sort = searchrank.ByDate
	}
	hits := pool.Rank(sort)
	if offset >= len(hits) {
		return nil, len(hits), nil
	}
	page := hits[offset:min(offset+limit, len(hits))]
	in := make([]any, len(page))
	for i, h := range page {
		in[i] = h.ID
	}
	list, err := findArticles(ctx, tx, `a.id IN (`+placeholders(len(in))+`)`, in...)
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[int64]*ttdn.Article, len(list))
	for _, a := range list {
		byID[a.ID] = a
	}
	out := make([]*ttdn.Article, 0, len(page))
	for _, h := range page {
		if a := byID[h.ID]; a != nil {
			out = append(out, a)
		}
	}
	return out, len(hits), nil
}

// sqlitePool reads the candidates and their title, summary and date in
// one statement driven by the full-text index newest first (a second
// statement looking the ids up again cost two 500-placeholder statements
// and an ephemeral table), adding them to pool until it is full: SQLite
// steps the statement lazily, so the rows after that are never read.
func (s *PressService) sqlitePool(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, from, where, order string,
	args []any, pool *searchrank.Pool) error {
	switch filterKind(f) {
	case filterText:
		from, where = ` FROM press_fts f JOIN press_articles a ON a.id = f.rowid`, `press_fts MATCH ?`
	case filterNarrow:
		from = ` FROM press_fts f JOIN press_articles a INDEXED BY press_articles_filter_idx ON a.id = f.rowid
			JOIN press_sources s ON s.id = a.source_id`
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.title, a.summary, a.published_at`+from+` WHERE `+where+
		` ORDER BY `+order+limitClause(ttdn.SearchCountCap, 0), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for !pool.Full() && rows.Next() {
		var d searchrank.Doc
		if err := rows.Scan(&d.ID, &d.Title, &d.Summary, timeScan{&d.Published}); err != nil {
			return err
		}
		pool.Add(d)
	}
	return rows.Err()
}

// scanDocs appends the candidates of rows (id, title, summary,
// published_at) to out and closes rows.
func scanDocs(rows *sql.Rows, out []searchrank.Doc) ([]searchrank.Doc, error) {
	defer rows.Close()
	for rows.Next() {
		var d searchrank.Doc
		if err := rows.Scan(&d.ID, &d.Title, &d.Summary, timeScan{&d.Published}); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
