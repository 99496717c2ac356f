package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"strings"

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
	if terms := parseQuery(f.Query); slices.ContainsFunc(terms, func(t queryTerm) bool { return t.prefix }) {
		match, found, err := sqliteExpandPrefixes(ctx, tx, terms)
		if err != nil || !found {
			return nil, 0, err
		}
		args = append([]any{match}, args[1:]...) // articleQuery's first argument is the MATCH
	}
	bound := int64(0)
	if len(q.Phrases) > 0 {
		var err error
		if args, bound, err = s.sqlitePhrases(ctx, tx, f, q, from, where, order, args); err != nil {
			return nil, 0, err
		}
	}
	if err := s.sqlitePool(ctx, tx, f, from, where, order, args, bound, pool); err != nil {
		return nil, 0, err
	}
	return rankedPage(pool, f, offset, limit, func(ids []int64) ([]*ttdn.Article, error) {
		in := make([]any, len(ids))
		for i, id := range ids {
			in[i] = id
		}
		return findArticles(ctx, tx, `a.id IN (`+placeholders(len(in))+`)`, in...)
	})
}

// rankedPage orders the pool as f asks and returns the page of it from
// offset, the articles loaded by load (in any order; one missing since is
// left out), and the pool's size, the search's total.
func rankedPage(pool *searchrank.Pool, f ttdn.ArticleFilter, offset, limit int,
	load func(ids []int64) ([]*ttdn.Article, error)) ([]*ttdn.Article, int, error) {
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
	ids := make([]int64, len(page))
	for i, h := range page {
		ids[i] = h.ID
	}
	list, err := load(ids)
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
// Candidates below a non-zero bound are left out.
func (s *PressService) sqlitePool(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, from, where, order string,
	args []any, bound int64, pool *searchrank.Pool) error {
	switch filterKind(f) {
	case filterText:
		from, where = ` FROM press_fts f JOIN press_articles a ON a.id = f.rowid`, `press_fts MATCH ?`
	case filterNarrow:
		from = ` FROM press_fts f JOIN press_articles a INDEXED BY press_articles_filter_idx ON a.id = f.rowid
			JOIN press_sources s ON s.id = a.source_id`
	}
	if bound > 0 {
		where, args = where+` AND f.rowid >= ?`, append(args[:len(args):len(args)], bound)
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

// sqlitePhrases narrows a SQLite search with quoted phrases to the
// candidates holding each phrase's folded words in a row, without changing
// which articles are candidates: those stay the newest
// ttdn.SearchCountCap holding every word (as on PostgreSQL, where
// searchrank alone checks the phrase), of which searchrank would keep
// only the ones with the phrase anyway. It finds the id of the last of
// those candidates from the index alone, then asks FTS5 for the phrases
// above it: the rows of candidates without the phrase are never read.
// (The phrase alone, without the bound, walked every article holding
// both words of a rare phrase of common words: "thắng dễ" 260 ms at
// 812,000 articles.)
//
// It returns the arguments with the phrases added to the MATCH, and the
// lowest id a candidate may have (0: no bound).
func (s *PressService) sqlitePhrases(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, q searchrank.Query,
	from, where, order string, args []any) ([]any, int64, error) {
	var phrases []string
	for _, p := range q.Phrases {
		var words []string
		for _, t := range q.Terms[p[0]:p[1]] {
			if t.Folded == "" || strings.ContainsAny(t.Folded, `"*`) {
				return args, 0, nil // not a plain run of words: searchrank alone judges it
			}
			words = append(words, t.Folded)
		}
		phrases = append(phrases, `"`+strings.Join(words, " ")+`"`)
	}
	switch filterKind(f) {
	case filterText:
		from, where = ` FROM press_fts f`, `press_fts MATCH ?`
	case filterNarrow:
		from = ` FROM press_fts f JOIN press_articles a INDEXED BY press_articles_filter_idx ON a.id = f.rowid
			JOIN press_sources s ON s.id = a.source_id`
	}
	var bound int64
	err := tx.QueryRowContext(ctx, `SELECT f.rowid`+from+` WHERE `+where+` ORDER BY `+order+
		limitClause(1, ttdn.SearchCountCap-1), args...).Scan(&bound)
	if err != nil && err != sql.ErrNoRows {
		return nil, 0, err
	}
	match := args[0].(string) + " AND " + strings.Join(phrases, " AND ")
	return append([]any{match}, args[1:]...), bound, nil
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
