package pressingest_test

import (
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestIngestCleansNULAndBrokenUTF8: a news file whose every text holds NUL
// and invalid UTF-8 (feeds are written by strangers) ingests on both
// engines, and the stored texts are the same, cleaned.
func TestIngestCleansNULAndBrokenUTF8(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		dirty := pressingest.NewsRecord{ID: "guid\x00-1", Title: "Tây\x00 Ninh\xff đón đoàn", Link: "https://bao.example/tin\x00-1",
			Summary: "<p>Tóm\x00 tắt\xc3</p>", Source: "Báo\x00 Thử\xff", Category: "Thời\x00 sự",
			Published: time.Date(2025, 11, 14, 8, 0, 0, 0, time.UTC)}
		src, err := store.OfflineSource(ctx, dirty.Source, false)
		if err != nil {
			t.Fatalf("source: %v", err)
		}
		if src.Name != "Báo Thử" {
			t.Errorf("source name %q", src.Name)
		}
		p, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.IngestItems(ctx, []pressingest.Item{dirty.Item(src.ID)}); err != nil {
			t.Fatalf("ingest: %v", err)
		}
		got, _, err := store.SearchArticles(ctx, ttdn.ArticleFilter{Limit: 10})
		if err != nil || len(got) != 1 {
			t.Fatalf("%d articles, %v", len(got), err)
		}
		a := got[0]
		for what, s := range map[string]string{"title": a.Title, "summary": a.Summary, "url": a.URL, "outlet": a.Outlet} {
			if !ttdn.IsCleanText(s) {
				t.Errorf("%s stored as %q", what, s)
			}
		}
		if a.Title != "Tây Ninh đón đoàn" || !strings.Contains(a.URL, "tin-1") {
			t.Errorf("stored %q %q", a.Title, a.URL)
		}
	})
}
