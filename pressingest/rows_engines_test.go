package pressingest_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestStoredRowsSameOnBothEngines ingests part of the news sample, in
// several batches, on every engine and compares every stored row of the
// articles (ids, stories, dates, notes…), hits, themes, review queue and
// source counts: PostgreSQL writes a batch with one array statement per
// table, SQLite a row at a time, and both must store the same thing.
func TestStoredRowsSameOnBothEngines(t *testing.T) {
	recs := loadNews(t)[:2500]
	var first []string
	var firstEngine string
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		if err := sqlstore.SeedWatchTerms(ctx, db); err != nil {
			t.Fatal(err)
		}
		store := sqlstore.NewPressService(db)
		items := newsItems(t, ctx, store, recs)
		// A record to repair: its date is replaced and noted.
		bad := items[0]
		bad.Link, bad.Title, bad.Published = "https://bao.example/ngay-cu", "Ngày\x00 quá cũ", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
		items = append(items, bad)
		p, err := pressingest.New(ctx, store, pressingest.Options{BatchSize: 400})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.IngestItems(ctx, items); err != nil {
			t.Fatal(err)
		}
		rows := dumpRows(t, db)
		if n := len(rows); n < 2000 {
			t.Fatalf("only %d rows stored", n)
		}
		if first == nil {
			first, firstEngine = rows, db.Engine()
			return
		}
		for i := range max(len(rows), len(first)) {
			var a, b string
			if i < len(first) {
				a = first[i]
			}
			if i < len(rows) {
				b = rows[i]
			}
			if a != b {
				t.Fatalf("row %d differs:\n%s: %s\n%s: %s", i, firstEngine, a, db.Engine(), b)
			}
		}
		t.Logf("%d rows identical on %s and %s", len(rows), firstEngine, db.Engine())
	})
}

// dumpRows returns every stored ingest row as text, sorted.
func dumpRows(t *testing.T, db *sqlstore.DB) []string {
	t.Helper()
	ctx := sqltest.SystemContext()
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var out []string
	query := func(prefix, q string, scan func() []any) {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			dst := scan()
			if err := rows.Scan(dst...); err != nil {
				t.Fatal(err)
			}
			line := prefix
			for _, d := range dst {
				switch v := d.(type) {
				case *time.Time:
					line += " " + v.UTC().Format(time.RFC3339Nano)
				default:
					line += fmt.Sprintf(" %q", fmt.Sprint(deref(d)))
				}
			}
			out = append(out, line)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	query("article", `SELECT id, source_id, url, url_hash, guid, title, summary, category, language, published_at,
		fetched_at, story_id, tone, priority, ingest_notes FROM press_articles`, func() []any {
		var id, src, hash, story, prio int64
		var url, guid, title, summary, cat, lang, tone, notes string
		var pub, fetched time.Time
		return []any{&id, &src, &url, &hash, &guid, &title, &summary, &cat, &lang, &pub, &fetched, &story, &tone, &prio, &notes}
	})
	query("hit", `SELECT article_id, term_id, occurrences FROM press_hits`, func() []any {
		var a, term, n int64
		return []any{&a, &term, &n}
	})
	query("theme", `SELECT article_id, theme FROM press_article_themes`, func() []any {
		var a int64
		var th string
		return []any{&a, &th}
	})
	query("review", `SELECT article_id, priority, status, tone, tone_guess, published_at FROM press_reviews`, func() []any {
		var a, prio int64
		var status, tone, guess string
		var pub time.Time
		return []any{&a, &prio, &status, &tone, &guess, &pub}
	})
	query("source", `SELECT name, items FROM press_sources`, func() []any {
		var name string
		var n int64
		return []any{&name, &n}
	})
	slices.Sort(out)
	return out
}

func deref(p any) any {
	switch v := p.(type) {
	case *int64:
		return *v
	case *string:
		return *v
	}
	return p
}
