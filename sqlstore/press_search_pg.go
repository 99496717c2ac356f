package sqlstore

import (
	"context"

	"ttdn"
	"ttdn/searchrank"
)

// pgPool adds to pool, newest first, the newest ttdn.SearchCountCap
// articles a text search selects on PostgreSQL, until the pool is full. A GIN index hands out
// every match of a word at once, unordered: asking it for all of them and
// sorting reads every matching row (hundreds of thousands for a common
// word). So the search looks at the newest 20,000 ids first, then ranges
// four times larger, and stops once it has enough: a common word is done
// in the first range, a rare one costs little in any.
//
// A text query alone reads press_search only (every stored article has
// its row, as on SQLite, where press_fts alone answers it): with the
// table's statistics the planner then walks the primary key backwards for
// a common word and stops at 1,000 matches (~3 ms at 160,000 articles),
// where joining the articles and outlets of every match in the range cost
// ~30 ms. A search with other filters joins the articles in each range:
// walking the word's matches in batches and filtering each by id measured
// slower (word + domestic p50 44 ms against 19 ms at 160,000 articles).
//
// The ranges are walked newest first a step of poolStep ids at a time
// (the next step continues below the last id found), and each step's
// texts are judged at once: a search stops as soon as its ranking pool is
// full, so a common word asks for 300 matches, not 1,000. A step's
// statement returns the candidates' title, summary and date with their
// ids (round trips, not the server's work, were most of a search's time
// on a loaded machine).
func (s *PressService) pgPool(ctx context.Context, tx *Tx, f ttdn.ArticleFilter, pool *searchrank.Pool) error {
	_, match := s.db.ftsMatch(parseQuery(f.Query))
	rest := f
	rest.Query = ""
	from, where, args, _ := s.articleQuery(rest)
	text := filterKind(f) == filterText
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(article_id), 0) FROM press_search`).Scan(&top); err != nil {
		return err
	}
	seen := 0
	for hi, span := top, int64(20_000); hi > 0 && seen < ttdn.SearchCountCap && !pool.Full(); span *= 4 {
		lo := max(hi-span, 0)
		for hi > lo && seen < ttdn.SearchCountCap && !pool.Full() {
			n := min(poolStep, ttdn.SearchCountCap-seen)
			query, qargs := `SELECT article_id FROM press_search WHERE body @@ to_tsquery('simple', ?)
				AND article_id > ? AND article_id <= ? ORDER BY article_id DESC`+limitClause(n, 0), []any{match, lo, hi}
			if !text {
				query, qargs = `SELECT a.id`+from+` WHERE a.id > ? AND a.id <= ? AND a.id IN (
					SELECT article_id FROM press_search WHERE body @@ to_tsquery('simple', ?) AND article_id > ? AND article_id <= ?)
					AND `+where+` ORDER BY a.id DESC`+limitClause(n, 0), append([]any{lo, hi, match, lo, hi}, args...)
			}
			// The step's texts come with its ids: one round trip a step.
			rows, err := tx.QueryContext(ctx, `SELECT d.id, d.title, d.summary, d.published_at FROM press_articles d
				WHERE d.id IN (`+query+`) ORDER BY d.id DESC`, qargs...)
			if err != nil {
				return err
			}
			docs, err := scanDocs(rows, nil)
			if err != nil {
				return err
			}
			seen += len(docs)
			for _, d := range docs {
				if pool.Add(d); pool.Full() {
					break
				}
			}
			if len(docs) < n {
				break // the range holds no more
			}
			hi = docs[len(docs)-1].ID - 1
		}
		hi = lo
	}
	return nil
}

// poolStep is how many candidate ids PostgreSQL asks for at a time.
const poolStep = 300
