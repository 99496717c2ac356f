package sqlstore

import (
	"context"
	"time"

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
	ids, err := s.searchIDs(ctx, tx, f, from, where, order, args)
	if err != nil || len(ids) == 0 {
		return nil, 0, err
	}
	docs, err := rankDocs(ctx, tx, ids)
	if err != nil {
		return nil, 0, err
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
		for rows.Next() {
			var d searchrank.Doc
			var at time.Time
			if err := rows.Scan(&d.ID, &d.Title, &d.Summary, timeScan{&at}); err != nil {
				rows.Close()
				return nil, err
			}
			d.Published = at
			out = append(out, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
