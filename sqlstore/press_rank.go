package sqlstore

import (
	"context"
	"database/sql"

	"ttdn"
	"ttdn/searchrank"
)

// rankedSearch answers a text search: the engine's full-text index finds
// the newest ttdn.SearchCountCap articles holding every folded word (and
// the other filters), and searchrank — the same Go on both engines —
// keeps those that match as typed (diacritics, phrases) and orders them by
// relevance blended with recency, or by date.
func (s *PressService) rankedSearch(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, q searchrank.Query,
	from, where, order string, args []any, offset, limit int) ([]*ttdn.Article, int, error) {
	var docs []searchrank.Doc
	if s.db.engine == EngineSQLite {
		var err error
		if docs, err = s.sqliteSearchDocs(ctx, tx, f, from, where, order, args); err != nil || len(docs) == 0 {
			return nil, 0, err
		}
	} else {
		ids, err := s.searchIDs(ctx, tx, f, from, where, order, args)
		if err != nil || len(ids) == 0 {
			return nil, 0, err
		}
		if docs, err = rankDocs(ctx, tx, ids); err != nil {
			return nil, 0, err
		}
	}
	sort := searchrank.ByRelevance
	if f.Sort == ttdn.SortDate {
		sort = searchrank.ByDate
	}
	hits := searchrank.Rank(q, docs, sort)
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

// sqliteSearchDocs is searchIDs and rankDocs in one statement: the
// full-text index drives it newest first as in searchIDs, and each
// candidate's title, summary and date come with its id, instead of a
// second statement looking the 1,000 ids up again (two 500-placeholder
// statements to prepare, an ephemeral table of their values).
func (s *PressService) sqliteSearchDocs(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, from, where, order string,
	args []any) ([]searchrank.Doc, error) {
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
		return nil, err
	}
	return scanDocs(rows, nil)
}

// rankDocs loads what ranking reads of the candidates.
func rankDocs(ctx context.Context, tx *Tx, ids []int64) ([]searchrank.Doc, error) {
	out := make([]searchrank.Doc, 0, len(ids))
	chunk := 500
	if tx.db.engine == EnginePostgres {
		chunk = len(ids) // one array argument: one statement, one round trip
	}
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		query, args := `SELECT id, title, summary, published_at FROM press_articles WHERE id IN (`+
			placeholders(len(part))+`)`, int64Args(part)
		if tx.db.engine == EnginePostgres {
			query, args = `SELECT id, title, summary, published_at FROM press_articles WHERE id = ANY(?)`, []any{part}
		}
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		if out, err = scanDocs(rows, out); err != nil {
			return nil, err
		}
	}
	return out, nil
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
