package pressingest_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestHitsSameOnBothEngines ingests the news sample on every engine and
// checks that the stored hits are exactly what the matcher finds in the
// stored titles and summaries (diacritics, punctuation and rules honoured
// the same way whatever the database), before and after every term is
// re-applied, and that the engines store the same hits.
func TestHitsSameOnBothEngines(t *testing.T) {
	recs := loadNews(t)
	var first map[string]string
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		in := ingestNews(t, db, recs)
		want := matcherHits(t, db)
		if got := storedHits(t, db); !maps.Equal(got, want) {
			t.Fatalf("ingested hits differ from the matcher's: %s", mapDiff(got, want))
		}
		ctx := sqltest.SystemContext()
		terms, err := in.store.FindWatchTerms(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tm := range terms {
			if _, err := in.store.ReapplyWatchTerm(ctx, tm.ID, time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		got := storedHits(t, db)
		if !maps.Equal(got, want) {
			t.Fatalf("re-applied hits differ from the matcher's: %s", mapDiff(got, want))
		}
		if first == nil {
			first = got
		} else if !maps.Equal(got, first) {
			t.Fatalf("the engines store different hits: %s", mapDiff(got, first))
		}
		t.Logf("%d articles with hits, identical to the matcher's", len(got))
		if len(got) < 200 {
			t.Errorf("only %d articles with hits: the sample does not exercise matching", len(got))
		}
	})
}

// storedHits maps each article's URL to its hits, "code×n" sorted.
func storedHits(t *testing.T, db *sqlstore.DB) map[string]string {
	ctx := sqltest.SystemContext()
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT a.url, t.code, h.occurrences FROM press_hits h
		JOIN press_articles a ON a.id = h.article_id JOIN press_watch_terms t ON t.id = h.term_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	lists := map[string][]string{}
	for rows.Next() {
		var url, code string
		var n int
		if err := rows.Scan(&url, &code, &n); err != nil {
			t.Fatal(err)
		}
		lists[url] = append(lists[url], fmt.Sprintf("%s×%d", code, n))
	}
	return joinSorted(lists)
}

// matcherHits runs the stored watchlist's matcher over the stored title
// and summary of every article.
func matcherHits(t *testing.T, db *sqlstore.DB) map[string]string {
	ctx := sqltest.SystemContext()
	wl, err := sqlstore.NewPressService(db).LoadWatchlist(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT url, title, summary FROM press_articles`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	lists := map[string][]string{}
	for rows.Next() {
		var url, title, summary string
		if err := rows.Scan(&url, &title, &summary); err != nil {
			t.Fatal(err)
		}
		count := map[int]int{}
		for _, text := range []string{title, summary} {
			for _, h := range wl.Matcher.Match(text) {
				count[h.Term]++
			}
		}
		for i, n := range count {
			lists[url] = append(lists[url], fmt.Sprintf("%s×%d", wl.Terms[i].Code, n))
		}
	}
	return joinSorted(lists)
}

func joinSorted(lists map[string][]string) map[string]string {
	out := make(map[string]string, len(lists))
	for url, l := range lists {
		slices.Sort(l)
		out[url] = strings.Join(l, ",")
	}
	return out
}

// mapDiff describes the first few differences of two hit maps.
func mapDiff(got, want map[string]string) string {
	var d []string
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if got[k] != want[k] {
			d = append(d, fmt.Sprintf("%s: %q, want %q", k, got[k], want[k]))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if _, ok := got[k]; !ok {
			d = append(d, fmt.Sprintf("%s: missing %q", k, want[k]))
		}
	}
	return fmt.Sprintf("%d differences: %s", len(d), strings.Join(d[:min(len(d), 5)], "; "))
}
