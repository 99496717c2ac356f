package pressingest_test

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// checkHitsOnlySearch: a text search among watchlist hits gives, on each
// engine, what the Go reference gives (the same candidates, pool and order
// as every other search). On PostgreSQL it reads the GIN index of the hits'
// words (migration 0054), which knows an article is a hit from a flag that
// triggers keep equal to priority > 0. The sample has ~250 hits, too few
// to fill the ranking pool: a term for the commonest word of the titles is
// added and re-applied first, which makes many articles hits afterwards
// (the preview-reapply check before made some and unmade others), and the
// flag is checked on every stored article. The words searched are drawn
// from the hit articles at every document frequency (the commonest fill
// the pool; the rarest are found once), with the re-applied terms' words.
func checkHitsOnlySearch(t *testing.T, in *ingested) {
	ctx := sqltest.SystemContext()
	common := commonestTitleWord(in.recs)
	term := &ttdn.WatchTerm{Code: "tu-pho-bien", Name: common, Kind: "topic", Priority: ttdn.PriorityLow, Enabled: true}
	if err := in.store.CreateWatchTerm(ctx, term); err != nil {
		t.Fatal(err)
	}
	if n, err := in.store.ReapplyWatchTerm(ctx, term.ID, time.Time{}); err != nil || n < ttdn.SearchRankPool {
		t.Fatalf("re-apply %q: %d hits, %v", common, n, err)
	}
	ref := referenceArticles(t, in)
	if in.db.Engine() == sqlstore.EnginePostgres {
		tx, err := in.db.BeginTx(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		var stale, hits int
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE s.hit <> (a.priority > 0)), COUNT(*) FILTER (WHERE s.hit)
			FROM press_search s JOIN press_articles a ON a.id = s.article_id`).Scan(&stale, &hits)
		tx.Rollback()
		if err != nil || stale != 0 || hits == 0 {
			t.Fatalf("press_search.hit disagrees with priority on %d articles (%d hits; %v)", stale, hits, err)
		}
	}
	df, inHits := map[string]int{}, map[string]bool{} // articles holding a word; words of hit articles
	for _, a := range ref {
		for w := range a.words {
			df[w]++
			if a.Priority > 0 {
				inHits[w] = true
			}
		}
	}
	var words []string
	for w := range inHits {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		if df[a] != df[b] {
			return df[b] - df[a]
		}
		return strings.Compare(a, b)
	})
	// Twelve words spread over the frequencies, the commonest first.
	var picked []string
	for i := range 12 {
		picked = append(picked, words[i*i*(len(words)-1)/121])
	}
	picked = append(picked, strings.Fields(sqlstore.SearchText(common+" lũ lụt", "mưa"))...)
	domestic := false
	full, few := 0, 0
	for _, w := range picked {
		for _, f := range []ttdn.ArticleFilter{
			{Query: w, HitsOnly: true},
			{Query: w, HitsOnly: true, Foreign: &domestic},
			{Query: w, HitsOnly: true, Sort: ttdn.SortDate},
		} {
			f.Limit = 200
			got, total, err := in.store.SearchArticles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := ref.search(f)
			if total != min(len(want), ttdn.SearchCountCap) || len(got) != min(len(want), 200) {
				t.Errorf("%+v: %d results of %d, reference %d", f, len(got), total, len(want))
				continue
			}
			for i, a := range got {
				if want[i].URL != a.URL {
					t.Errorf("%+v: result %d is %s, reference %s", f, i, a.URL, want[i].URL)
					break
				}
			}
			if total == ttdn.SearchRankPool {
				full++
			} else if total > 0 {
				few++
			}
		}
	}
	if full == 0 || few == 0 {
		t.Errorf("%d searches filled the ranking pool, %d found fewer: both kinds are needed", full, few)
	}
}

// commonestTitleWord returns the word written in most titles of recs
// (lower case, as written, at least two letters; the first such in
// lexical order on a tie).
func commonestTitleWord(recs []pressingest.NewsRecord) string {
	count := map[string]int{}
	for _, r := range recs {
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(r.Title), func(c rune) bool { return !unicode.IsLetter(c) }) {
			if utf8.RuneCountInString(w) >= 2 && !seen[w] {
				seen[w] = true
				count[w]++
			}
		}
	}
	best := ""
	for w, n := range count {
		if n > count[best] || n == count[best] && w < best {
			best = w
		}
	}
	return best
}
