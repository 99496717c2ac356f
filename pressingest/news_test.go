package pressingest_test

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// newsDir is the shared news sample, relative to this package.
const newsDir = "../../shared/testdata/news"

// loadNews reads every file of the shared news sample; missing data fails
// the test rather than skipping it.
func loadNews(t testing.TB) []pressingest.NewsRecord {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(newsDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("shared news sample missing at %s: %v", newsDir, err)
	}
	sort.Strings(files)
	var recs []pressingest.NewsRecord
	for _, f := range files {
		r, err := pressingest.ReadNewsFile(f)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r...)
	}
	return recs
}

// ingested is a database holding the whole news sample.
type ingested struct {
	db    *sqlstore.DB
	store *sqlstore.PressService
	stats pressingest.Stats
	recs  []pressingest.NewsRecord
}

// ingestNews seeds the default watchlist and ingests the news sample.
func ingestNews(t *testing.T, db *sqlstore.DB, recs []pressingest.NewsRecord) *ingested {
	t.Helper()
	ctx := sqltest.SystemContext()
	if err := sqlstore.SeedWatchTerms(ctx, db); err != nil {
		t.Fatal(err)
	}
	store := sqlstore.NewPressService(db)
	items := newsItems(t, ctx, store, recs)
	p, err := pressingest.New(ctx, store, pressingest.Options{BatchSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	st, err := p.IngestItems(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	return &ingested{db: db, store: store, stats: st, recs: recs}
}

func newsItems(t *testing.T, ctx context.Context, store *sqlstore.PressService, recs []pressingest.NewsRecord) []pressingest.Item {
	t.Helper()
	ids := map[string]int64{}
	var items []pressingest.Item
	for i := range recs {
		id, ok := ids[recs[i].Source]
		if !ok {
			src, err := store.OfflineSource(ctx, recs[i].Source, false)
			if err != nil {
				t.Fatal(err)
			}
			id, ids[recs[i].Source] = src.ID, src.ID
		}
		items = append(items, recs[i].Item(id))
	}
	return items
}

func TestIngestNews(t *testing.T) {
	recs := loadNews(t)
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		in := ingestNews(t, db, recs)
		st := in.stats
		t.Logf("%+v", st)
		if st.Items != len(recs) || st.Stored+st.Duplicates+st.Skipped != st.Items {
			t.Fatalf("stats do not add up: %+v", st)
		}
		// The README measured 1,506 URL duplicates in the sample.
		if st.Duplicates < 1400 || st.Duplicates > 1700 {
			t.Errorf("duplicates = %d, want about 1,500", st.Duplicates)
		}
		if st.Hits == 0 {
			t.Error("no watchlist hits stored")
		}
		ctx := sqltest.SystemContext()
		var articles, stories, hits, reviews int
		for q, dst := range map[string]*int{
			`SELECT COUNT(*) FROM press_articles`:                 &articles,
			`SELECT COUNT(DISTINCT story_id) FROM press_articles`: &stories,
			`SELECT COUNT(DISTINCT article_id) FROM press_hits`:   &hits,
			`SELECT COUNT(*) FROM press_reviews`:                  &reviews,
		} {
			tx, _ := db.BeginTx(ctx, false)
			if err := tx.QueryRowContext(ctx, q).Scan(dst); err != nil {
				t.Fatal(err)
			}
			tx.Rollback()
		}
		if articles != st.Stored || hits != st.Hits || reviews != st.Hits {
			t.Errorf("stored %d articles, %d hit articles, %d reviews; stats %+v", articles, hits, reviews, st)
		}
		// Near-duplicates across outlets join stories (810 links in the sample
		// with the seventh grouper, 646 with the first title-centred one,
		// story/README.md; ~100 before), and the outlets' edited headlines on
		// repeated links are retitled.
		if joined := articles - stories; joined < 500 || joined > 900 || st.NewStories != stories || st.Retitled == 0 {
			t.Errorf("%d articles in %d stories (new stories %d)", articles, stories, st.NewStories)
		}
		// Ingesting again stores nothing: every item is a duplicate.
		p, err := pressingest.New(ctx, in.store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		again, err := p.IngestItems(ctx, newsItems(t, ctx, in.store, recs[:500]))
		if err != nil || again.Stored != 0 || again.Duplicates != 500 {
			t.Errorf("re-ingest: %+v, %v", again, err)
		}
		// The rest works on the ingested sample, which is costly to build.
		t.Run("stories", func(t *testing.T) { checkStoriesByID(t, db, in) })
		t.Run("search", func(t *testing.T) { checkSearch(t, in) })
		t.Run("preview-reapply", func(t *testing.T) { checkPreviewReapply(t, in) })
		t.Run("review-alerts", func(t *testing.T) { checkReviewAlerts(t, in) })
		t.Run("digest", func(t *testing.T) { checkDigest(t, in) })
		// Last: it adds a term that makes a thousand articles hits.
		t.Run("hits only", func(t *testing.T) { checkHitsOnlySearch(t, in) })
	})
}

// TestStoriesSurviveRestart checks that a new pipeline (a restart) groups
// the second half of the sample into the stories the first half began,
// exactly as one pipeline would.
func TestStoriesSurviveRestart(t *testing.T) {
	recs := loadNews(t)[:3000]
	ctx := sqltest.SystemContext()
	storyOf := func(db *sqlstore.DB, restart bool) map[string]string {
		store := sqlstore.NewPressService(db)
		items := newsItems(t, ctx, store, recs)
		p, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.IngestItems(ctx, items[:1500]); err != nil {
			t.Fatal(err)
		}
		if restart {
			if p, err = pressingest.New(ctx, store, pressingest.Options{}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := p.IngestItems(ctx, items[1500:]); err != nil {
			t.Fatal(err)
		}
		return urlStories(t, db)
	}
	one := storyOf(sqltest.Open(t, sqlstore.EngineSQLite), false)
	two := storyOf(sqltest.Open(t, sqlstore.EngineSQLite), true)
	if len(one) != len(two) {
		t.Fatalf("%d vs %d articles", len(one), len(two))
	}
	for url, s := range one {
		if two[url] != s {
			t.Errorf("%s: story %s without restart, %s with", url, s, two[url])
		}
	}
}

// urlStories maps each article's URL to its story's first URL.
func urlStories(t *testing.T, db *sqlstore.DB) map[string]string {
	ctx := sqltest.SystemContext()
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT a.url, f.url FROM press_articles a JOIN press_articles f ON f.id = a.story_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var u, s string
		if err := rows.Scan(&u, &s); err != nil {
			t.Fatal(err)
		}
		out[u] = s
	}
	return out
}

// checkStoriesByID asks for the largest stories by their IDs (as the search
// page does for the stories on a page) and compares each size with a direct
// count of its articles and outlets.
func checkStoriesByID(t *testing.T, db *sqlstore.DB, in *ingested) {
	ctx := sqltest.SystemContext()
	top, err := in.store.FindStories(ctx, ttdn.StoryFilter{Limit: 5})
	if err != nil || len(top) == 0 {
		t.Fatalf("top stories: %v, %v", top, err)
	}
	ids := []int64{top[len(top)-1].ID, top[0].ID}
	got, err := in.store.FindStories(ctx, ttdn.StoryFilter{IDs: ids, Limit: 10})
	if err != nil || len(got) != 2 {
		t.Fatalf("stories by id %v: %v, %v", ids, got, err)
	}
	for _, st := range got {
		var n, outlets int
		tx, _ := db.BeginTx(ctx, false)
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT source_id) FROM press_articles WHERE story_id = ?`, st.ID).Scan(&n, &outlets)
		tx.Rollback()
		if err != nil || st.Articles != n || st.Outlets != outlets {
			t.Errorf("story %d: %d articles, %d outlets; counted %d, %d (%v)", st.ID, st.Articles, st.Outlets, n, outlets, err)
		}
	}
}
