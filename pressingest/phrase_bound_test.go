package pressingest_test

import (
	"fmt"
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPhraseAmongTheNewestCandidates: a quoted phrase's candidates are the
// newest ttdn.SearchCountCap articles holding its words, on both engines
// (SQLite asks its index for the phrase above the last of them; searchrank
// alone checks it on PostgreSQL). 1,200 articles hold both words, every
// seventh in a row: the newest 1,000 hold 143 of those, all 1,200 hold 171.
func TestPhraseAmongTheNewestCandidates(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		src, err := store.OfflineSource(ctx, "Báo Tây Ninh", false)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2025, 11, 3, 8, 0, 0, 0, time.UTC)
		var items []pressingest.Item
		for i := 1; i <= 1200; i++ {
			title := fmt.Sprintf("Khách lẻ %d được đón qua cửa khẩu, tin số %d", i, i)
			if i%7 == 0 {
				title = fmt.Sprintf("Cửa khẩu đón khách %d, tin số %d", i, i)
			}
			items = append(items, pressingest.Item{SourceID: src.ID, Outlet: src.Name, Title: title,
				Link: fmt.Sprintf("https://baotayninh.vn/tin-%d.html", i), Summary: "Tin địa phương.",
				Published: at.Add(time.Duration(i) * time.Minute), Fetched: at.Add(time.Duration(i) * time.Minute)})
		}
		p, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if st, err := p.IngestItems(ctx, items); err != nil || st.Stored != len(items) {
			t.Fatalf("ingest: %+v %v", st, err)
		}
		for _, q := range []string{`"đón khách"`, `"đón khách" cửa`, `"đón khách" khẩ*`} {
			got, total, err := store.SearchArticles(ctx, ttdn.ArticleFilter{Query: q, Limit: 200})
			if err != nil || total != 143 || len(got) != 143 {
				t.Errorf("%s: %d results (total %d), want 143 (%v)", q, len(got), total, err)
			}
		}
		// Both words anywhere: every article is a candidate, the newest 300 are ranked.
		if _, total, err := store.SearchArticles(ctx, ttdn.ArticleFilter{Query: "đón khách"}); err != nil || total != ttdn.SearchRankPool {
			t.Errorf("words: total %d, want %d (%v)", total, ttdn.SearchRankPool, err)
		}
	})
}
