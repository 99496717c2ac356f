package sqlstore

import (
	"context"

	"ttdn"
)

// pgSearchIDs returns the ids of the newest ttdn.SearchCountCap articles a
// text search selects on PostgreSQL, newest first. A GIN index hands out
// every match of a word at once, unordered: asking it for all of them and
// sorting reads every matching row (hundreds of thousands for a common
// word). So the search looks at the newest 20,000 ids first, then ranges
// four times larger, and stops once it has enough: a common word is done
// in the first range, a rare one costs little in any.
func (s *PressService) pgSearchIDs(ctx context.Context, tx *Tx, f ttdn.ArticleFilter) ([]int64, error) {
	_, match := s.db.ftsMatch(parseQuery(f.Query))
	rest := f
	rest.Query = ""
	from, where, args, _ := s.articleQuery(rest)
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM press_articles`).Scan(&top); err != nil {
		return nil, err
	}
	var ids []int64
	for hi, span := top, int64(20_000); hi > 0 && len(ids) < ttdn.SearchCountCap; hi, span = hi-span, span*4 {
		lo := max(hi-span, 0)
		part, err := queryIDs(ctx, tx, `SELECT a.id`+from+` WHERE a.id > ? AND a.id <= ? AND a.id IN (
			SELECT article_id FROM press_search WHERE body @@ to_tsquery('simple', ?) AND article_id > ? AND article_id <= ?)
			AND `+where+` ORDER BY a.id DESC`+limitClause(ttdn.SearchCountCap-len(ids), 0),
			append([]any{lo, hi, match, lo, hi}, args...)...)
		if err != nil {
			return nil, err
		}
		ids = append(ids, part...)
	}
	return ids, nil
}
