package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"

	"ttdn"
	"ttdn/searchrank"
)

// A ranked search on PostgreSQL (search4). What a search cost on the
// loaded test machine was mostly waiting: seven round trips (BEGIN, MAX,
// the steps, the page, its terms and themes, the end of the transaction),
// each a wake-up of two processes on busy cores. It now takes two: one
// statement finds the candidates and returns their texts, one returns the
// page with its terms and themes. Each statement is one snapshot, so no
// transaction is needed (an article removed between the two is left out of
// the page, as before).
//
// The statements run with their values in the text (pgx's simple
// protocol), so PostgreSQL plans each with its values: a prepared
// statement, run a sixth time, may get a generic plan that does not know
// the word, takes it for a rare one and reads every article of the id
// range through a bitmap (77 ms for one step of "nem", measured, where the
// plan for the word took under 2 ms). Unnamed statements (the extended
// protocol's) would not do: the connections force generic plans (db.go).

// pgRankedSearch answers a text search on PostgreSQL as rankedSearch does
// on SQLite: the same candidates, the same pool, the same page.
func (s *PressService) pgRankedSearch(ctx context.Context, f ttdn.ArticleFilter, q searchrank.Query,
	offset, limit int) ([]*ttdn.Article, int, error) {
	pool := searchrank.NewPool(q, ttdn.SearchRankPool)
	if err := s.pgPool(ctx, f, q, pool); err != nil {
		return nil, 0, err
	}
	return rankedPage(pool, f, offset, limit, func(ids []int64) ([]*ttdn.Article, error) {
		return s.pgArticles(ctx, ids)
	})
}

// pgQuery runs a read statement written with ? placeholders, planned with
// its values (see above).
func (db *DB) pgQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	statements.Add(1)
	return db.read.QueryContext(ctx, db.rebind(query), append([]any{pgx.QueryExecModeSimpleProtocol}, args...)...)
}

// pgPool adds to pool, newest first, the newest ttdn.SearchCountCap
// articles a text search selects, until the pool is full.
//
// A GIN index hands out every match of a word at once, unordered: asking
// it for all of them and sorting reads every matching row (hundreds of
// thousands for a common word). So the ids are cut into ranges from the
// newest: 20,000 ids, then the rest (pgRanges), two parts of one
// statement (pgStep). A text query alone reads press_search only; a search
// among hits uses the GIN index of the hits' words (0054).
//
// A query whose candidates all match as typed (no diacritics, no phrase)
// asks for poolStep candidates, what fills the pool; one that searchrank
// may reject (diacritics, phrases) asks for every candidate at once: one
// statement where steps of 300 took up to four.
func (s *PressService) pgPool(ctx context.Context, f ttdn.ArticleFilter, q searchrank.Query, pool *searchrank.Pool) error {
	top, err := s.pgTop(ctx)
	if err != nil {
		return err
	}
	_, match := s.db.ftsMatch(parseQuery(f.Query))
	n := poolStep
	if len(q.Phrases) > 0 || hasMarks(q) {
		n = ttdn.SearchCountCap
	}
	seen, hi := 0, int64(0) // hi: no upper bound
	for seen < ttdn.SearchCountCap && !pool.Full() {
		n = min(n, ttdn.SearchCountCap-seen)
		query, args := s.pgStep(f, match.(string), pgRanges(top, hi), n)
		rows, err := s.db.pgQuery(ctx, query, args...)
		if err != nil {
			return err
		}
		docs, err := scanDocs(rows, nil)
		if err != nil {
			return err
		}
		if !slices.IsSortedFunc(docs, func(a, b searchrank.Doc) int { return cmp.Compare(b.ID, a.ID) }) {
			// pgHitsStep relies on the order of its looked-up hits.
			return fmt.Errorf("sqlstore: press search: candidates out of order")
		}
		if len(docs) > 0 && docs[0].ID > top {
			s.top.CompareAndSwap(top, docs[0].ID)
		}
		seen += len(docs)
		for _, d := range docs {
			if pool.Add(d); pool.Full() {
				break
			}
		}
		if len(docs) < n {
			break // no more candidates
		}
		hi, n = docs[len(docs)-1].ID-1, ttdn.SearchCountCap
	}
	return nil
}

// hasMarks reports a query with a word typed with diacritics.
func hasMarks(q searchrank.Query) bool {
	for _, t := range q.Terms {
		if t.Marked {
			return true
		}
	}
	return false
}

// pgTop returns a recent highest article id, where the ranges start. It
// only guides the plans: the newest range has no upper bound, so articles
// stored since are searched all the same. It is read once and raised by
// the searches that find newer articles.
func (s *PressService) pgTop(ctx context.Context) (int64, error) {
	if top := s.top.Load(); top > 0 {
		return top, nil
	}
	rows, err := s.db.pgQuery(ctx, `SELECT COALESCE(MAX(article_id), 0) FROM press_search`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var top int64
	if rows.Next() {
		if err := rows.Scan(&top); err != nil {
			return 0, err
		}
	}
	s.top.Store(top)
	return top, rows.Err()
}

// pgRange is a span of article ids, (lo, hi]; 0 is no bound.
type pgRange struct{ lo, hi int64 }

// pgFirstRange is how many of the newest ids the first range holds (a
// variable for tests: the samples they store are smaller).
var pgFirstRange int64 = 20_000

// pgRanges cuts the ids up to hi (0: all) in two: the newest
// pgFirstRange ids below top (unbounded above) and the rest (pgStep). A
// common word fills the pool from the first (the planner walks the primary
// key); a rarer one reads its matches once through the GIN index in the
// second.
// (Ranges four times larger each, as in search3, read a mid-frequency
// word's matches once per range: the GIN index hands out all of them and
// each range visits their rows to keep its own.)
func pgRanges(top, hi int64) []pgRange {
	cut := top - pgFirstRange
	if cut <= 0 || (hi > 0 && hi <= cut) {
		return []pgRange{{0, hi}}
	}
	return []pgRange{{cut, hi}, {0, cut}}
}

// pgStep returns the statement that returns the newest n candidates in
// ranges (newest first) with their title, summary and date, newest first.
//
// The first range is planned with its bounds: the planner walks the
// primary key backwards for a common word and stops at n, or reads a
// rarer one through the GIN index. The second runs only when the first
// found fewer than n (a one-time filter on the first's count, which
// PostgreSQL evaluates before starting the part), so the word is rare
// among the newest articles: it reads the word's matches through the GIN
// index, sorts them and looks each article up, newest first, until n pass
// the filters. Left to choose, the planner walked the primary key of the
// older ids there and, for "do ba" with a language filter, read 90,000
// rows in three processes for 300 (570–750 ms at load 7–9).
func (s *PressService) pgStep(f ttdn.ArticleFilter, match string, ranges []pgRange, n int) (string, []any) {
	rest := f
	rest.HitsOnly = false // p.hit below
	text := filterKind(rest) == filterText
	rest.Query = ""
	_, where, restArgs, _ := s.articleQuery(rest)
	lim := strconv.Itoa(n)
	if f.HitsOnly {
		return pgHitsStep(match, where, restArgs, text, ranges, lim)
	}
	bounds := func(r pgRange, args []any) (string, []any) {
		q := ""
		if r.lo > 0 {
			q, args = q+" AND p.article_id > ?", append(args, r.lo)
		}
		if r.hi > 0 {
			q, args = q+" AND p.article_id <= ?", append(args, r.hi)
		}
		return q, args
	}
	q, args := "WITH r0 AS MATERIALIZED (SELECT p.article_id FROM press_search p", []any{}
	if !text {
		q += " JOIN press_articles a ON a.id = p.article_id JOIN press_sources s ON s.id = a.source_id"
	}
	q, args = q+" WHERE p.body @@ to_tsquery('simple', ?)", append(args, match)
	b, args := bounds(ranges[0], args)
	q += b
	if !text {
		q, args = q+" AND "+where, append(args, restArgs...)
	}
	q += " ORDER BY p.article_id DESC LIMIT " + lim + ")"
	all := "SELECT article_id FROM r0"
	if len(ranges) > 1 {
		q, args = q+", r1 AS MATERIALIZED (SELECT m.article_id FROM (SELECT p.article_id, p.article_id + 0 AS k FROM press_search p WHERE p.body @@ to_tsquery('simple', ?)", append(args, match)
		b, args = bounds(ranges[1], args)
		// OFFSET 0 keeps the sorted matches apart: their order carries to
		// the lookups, and the outer ORDER BY needs no second sort. The
		// order is by k, the id the primary key cannot hand out in order,
		// so the planner sorts the matches the GIN index gives and does not
		// walk the key (see above).
		q += b + noParallel + " ORDER BY k DESC OFFSET 0) m"
		if !text {
			q += ` CROSS JOIN LATERAL (SELECT 1 FROM press_articles a JOIN press_sources s ON s.id = a.source_id
				WHERE a.id = m.article_id AND ` + where + ` LIMIT 1) l`
			args = append(args, restArgs...)
		}
		// Here, not inside the part, so that nothing below it starts (a
		// parallel sort did, inside).
		q += " WHERE (SELECT COUNT(*) FROM r0) < " + lim + " ORDER BY m.k DESC LIMIT " + lim + ")"
		all += " UNION ALL SELECT article_id FROM r1"
	}
	return q + ` SELECT d.id, d.title, d.summary, d.published_at FROM press_articles d WHERE d.id IN (
		SELECT article_id FROM (` + all + `) u ORDER BY article_id DESC LIMIT ` + lim + `) ORDER BY d.id DESC`, args
}

// noParallel is an always-true condition that keeps the reading and
// sorting of a word's matches in the backend: pg_backend_pid is
// parallel-restricted, so the planner plans no parallel workers for the
// part. It chose two for those sorts, and starting them on a busy machine
// cost more than the sort (prefix + language p95 ~100 ms without workers,
// ~140–175 ms with them, at load 7).
const noParallel = " AND pg_backend_pid() > 0"

// pgHitsStep is pgStep for a search among hits (a.priority > 0): the GIN
// index of the hits' words (0054, on the rows with p.hit, the same fact)
// hands out every hit holding the words — at most the hits, a tenth of
// the articles on the bench — and only those are sorted, then looked up
// one by one, newest first, until n pass the other filters: one part, no
// ranges. Left to choose, the planner walked the primary key backwards for
// a word it took for a common one (24,000 rows for 300 hits of "hoa"), or
// merged the hits with every article above the last one it needed.
func pgHitsStep(match, where string, whereArgs []any, text bool, ranges []pgRange, lim string) (string, []any) {
	q, args := `WITH m AS MATERIALIZED (SELECT article_id FROM press_search WHERE hit AND body @@ to_tsquery('simple', ?)`, []any{match}
	if hi := ranges[0].hi; hi > 0 {
		q, args = q+` AND article_id <= ?`, append(args, hi)
	}
	q += noParallel + ` ORDER BY article_id DESC) SELECT d.* FROM m CROSS JOIN LATERAL (
		SELECT a.id, a.title, a.summary, a.published_at FROM press_articles a`
	if !text {
		q += ` JOIN press_sources s ON s.id = a.source_id`
	}
	q += ` WHERE a.id = m.article_id`
	if !text {
		q += ` AND ` + where
		args = append(args, whereArgs...)
	}
	// LIMIT 1: a lookup per hit, in the hits' order (the planner does not
	// flatten it into a join).
	return q + ` LIMIT 1) d LIMIT ` + lim, args
}

// pgArticles returns the articles of ids (any order) with their terms and
// themes, in one statement (FindArticles' three).
func (s *PressService) pgArticles(ctx context.Context, ids []int64) ([]*ttdn.Article, error) {
	rows, err := s.db.pgQuery(ctx, `SELECT `+articleColumns+`,
		CASE WHEN a.priority > 0 THEN (SELECT json_agg(t.code ORDER BY t.priority DESC, t.code)
			FROM press_hits h JOIN press_watch_terms t ON t.id = h.term_id WHERE h.article_id = a.id)::text END,
		CASE WHEN a.priority > 0 THEN (SELECT json_agg(theme ORDER BY theme)
			FROM press_article_themes WHERE article_id = a.id)::text END`+articleFrom+` WHERE a.id = ANY(?)`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Article
	for rows.Next() {
		a := &ttdn.Article{}
		var tone string
		if err := rows.Scan(&a.ID, &a.SourceID, &a.Outlet, &a.Foreign, &a.URL, &a.GUID, &a.Title, &a.Summary, &a.Category,
			&a.Language, timeScan{&a.Published}, timeScan{&a.Fetched}, &a.StoryID, &tone, &a.Priority,
			jsonScan{&a.Terms}, jsonScan{&a.Themes}); err != nil {
			return nil, err
		}
		a.Tone = ttdn.Tone(tone)
		out = append(out, a)
	}
	return out, rows.Err()
}

// poolStep is how many candidates a search whose candidates all match as
// typed asks for: what fills the ranking pool.
const poolStep = ttdn.SearchRankPool
