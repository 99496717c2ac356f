package sqlstore

import (
	"context"
	"time"

	"ttdn"
)

// PostgreSQL stores a batch in five statements, one per table, each taking
// the batch's columns as arrays and inserting the rows unnest gives back:
// one round trip a table instead of one a row (a 2,000-item batch made
// ~5,000 before). The rows, the search vectors (to_tsvector in the same
// statement) and their order are those the row-at-a-time writer made, so
// both engines keep storing the same thing.

// storeArticlesPostgres writes batch (ids and stories already assigned).
func storeArticlesPostgres(ctx context.Context, tx *Tx, batch []*IngestArticle) error {
	n := len(batch)
	var (
		ids, sources, hashes, stories  []int64
		urls, guids, titles, summaries []string
		cats, langs, tones, notes      []string
		bodies                         []string
		published, fetched             []time.Time
		prios                          []int32
	)
	ids, sources, hashes, stories = make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	urls, guids, titles, summaries = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	cats, langs, tones, notes, bodies = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	published, fetched, prios = make([]time.Time, n), make([]time.Time, n), make([]int32, n)
	var hitArticles, hitTerms []int64
	var hitCounts []int32
	var themeArticles []int64
	var themes []string
	var revArticles []int64
	var revPrios []int32
	var revTones, revGuesses []string
	var revPublished []time.Time
	for i, a := range batch {
		ids[i], sources[i], hashes[i], stories[i] = a.ID, a.SourceID, a.URLHash, a.StoryID
		urls[i], guids[i], titles[i], summaries[i] = a.URL, a.GUID, a.Title, a.Summary
		cats[i], langs[i], tones[i], notes[i] = a.Category, a.Language, string(a.Tone), ttdn.EncodeIngestNotes(a.Notes)
		bodies[i] = a.Index
		published[i], fetched[i], prios[i] = a.Published.UTC(), a.Fetched.UTC(), int32(a.Priority)
		if len(a.Hits) == 0 {
			continue
		}
		for _, h := range a.Hits {
			hitArticles, hitTerms, hitCounts = append(hitArticles, a.ID), append(hitTerms, h.TermID), append(hitCounts, int32(h.Occurrences))
		}
		for _, th := range a.Themes {
			themeArticles, themes = append(themeArticles, a.ID), append(themes, th)
		}
		revArticles, revPrios = append(revArticles, a.ID), append(revPrios, int32(a.Priority))
		revTones, revGuesses = append(revTones, string(a.Tone)), append(revGuesses, string(a.ToneGuess))
		revPublished = append(revPublished, a.Published.UTC())
	}
	if _, err := tx.Tx.ExecContext(ctx, `INSERT INTO press_articles (id, source_id, url, url_hash, guid, title, summary,
		category, language, published_at, fetched_at, story_id, tone, priority, ingest_notes)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[],
		$8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::bigint[], $13::text[], $14::int[], $15::text[])`,
		ids, sources, urls, hashes, guids, titles, summaries, cats, langs, published, fetched, stories, tones, prios, notes); err != nil {
		return mapError(err)
	}
	if _, err := tx.Tx.ExecContext(ctx, `INSERT INTO press_search (article_id, body)
		SELECT id, to_tsvector('simple', body) FROM unnest($1::bigint[], $2::text[]) AS t (id, body)`, ids, bodies); err != nil {
		return mapError(err)
	}
	if len(hitArticles) == 0 {
		return nil
	}
	if _, err := tx.Tx.ExecContext(ctx, `INSERT INTO press_hits (article_id, term_id, occurrences)
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[])`, hitArticles, hitTerms, hitCounts); err != nil {
		return mapError(err)
	}
	if len(themeArticles) > 0 {
		if _, err := tx.Tx.ExecContext(ctx, `INSERT INTO press_article_themes (article_id, theme)
			SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING`, themeArticles, themes); err != nil {
			return mapError(err)
		}
	}
	_, err := tx.Tx.ExecContext(ctx, `INSERT INTO press_reviews (article_id, priority, status, tone, tone_guess, published_at, created_at)
		SELECT a, p, 'new', t, g, d, $6 FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS r (a, p, t, g, d)`,
		revArticles, revPrios, revTones, revGuesses, revPublished, tx.now)
	return mapError(err)
}
