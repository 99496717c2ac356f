package sqlstore

import (
	"context"
	"math"

	"ttdn"
)

// pgSearchIDs returns the ids of the newest ttdn.SearchCountCap articles a
// text search selects on PostgreSQL, newest first. A GIN index hands out
// every match of a word at once, unordered: asking it for all of them and
// sorting reads every matching row (hundreds of thousands for a common
// word). So the search looks at the newest 20,000 ids first, then ranges
// four times larger, and stops once it has enough: a common word is done
// in the first range, a rare one costs little in any.
//
// A text query alone (the ranges above) reads press_search only (every stored article has
// its row, as on SQLite, where press_fts alone answers it): with the
// table's statistics the planner then walks the primary key backwards for
// a common word and stops at 1,000 matches (~3 ms at 160,000 articles),
// where joining the articles and outlets of every match in the range cost
// ~30 ms. A search with other filters goes to pgFilteredIDs.
func (s *PressService) pgSearchIDs(ctx context.Context, tx *Tx, f ttdn.ArticleFilter) ([]int64, error) {
	_, match := s.db.ftsMatch(parseQuery(f.Query))
	if filterKind(f) != filterText {
		rest := f
		rest.Query = ""
		from, where, args, _ := s.articleQuery(rest)
		return pgFilteredIDs(ctx, tx, match, from, where, args)
	}
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(article_id), 0) FROM press_search`).Scan(&top); err != nil {
		return nil, err
	}
	var ids []int64
	for hi, span := top, int64(20_000); hi > 0 && len(ids) < ttdn.SearchCountCap; hi, span = hi-span, span*4 {
		part, err := queryIDs(ctx, tx, `SELECT article_id FROM press_search WHERE body @@ to_tsquery('simple', ?)
			AND article_id > ? AND article_id <= ? ORDER BY article_id DESC`+limitClause(ttdn.SearchCountCap-len(ids), 0),
			match, max(hi-span, 0), hi)
		if err != nil {
			return nil, err
		}
		ids = append(ids, part...)
	}
	return ids, nil
}

// pgFilterBatch is the first batch of pgFilteredIDs (a variable so that
// a test can walk many batches over a small sample).
var pgFilterBatch = 2000

// pgFilteredIDs returns the newest ttdn.SearchCountCap articles holding
// the words of match that the other filters keep. It walks the word's
// matches newest first in growing batches (press_search alone, as for a
// text query) and filters each batch by id: the planner reads a few
// thousand article rows by primary key instead of merging every article
// of an id range with every match in it (hits only: ~33 ms per 20,000
// ids at 160,000 articles, and four times that for the next range).
func pgFilteredIDs(ctx context.Context, tx *Tx, match any, from, where string, args []any) ([]int64, error) {
	var ids []int64
	hi, batch := int64(math.MaxInt64), pgFilterBatch
	for len(ids) < ttdn.SearchCountCap {
		found, err := queryIDs(ctx, tx, `SELECT article_id FROM press_search WHERE body @@ to_tsquery('simple', ?)
			AND article_id <= ? ORDER BY article_id DESC`+limitClause(batch, 0), match, hi)
		if err != nil || len(found) == 0 {
			return ids, err
		}
		part, err := queryIDs(ctx, tx, `SELECT a.id`+from+` WHERE a.id = ANY(?) AND `+where+` ORDER BY a.id DESC`+
			limitClause(ttdn.SearchCountCap-len(ids), 0), append([]any{found}, args...)...)
		if err != nil {
			return nil, err
		}
		ids = append(ids, part...)
		if len(found) < batch {
			break
		}
		hi, batch = found[len(found)-1]-1, min(batch*2, 32_000)
	}
	return ids, nil
}
