package sqlstore_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSearchRangesGiveOneAnswer: on PostgreSQL a search reads the newest
// ids first and, when they hold too few matches, the older ones through the
// GIN index, looking the articles up newest first (pgStep's second part).
// 3,000 articles where the newest 500 hold few or none of the words: each
// search gives the same articles, order and total with a first range of
// 500 ids (the second part runs) as with one range over every id (the
// planner's plan alone), and as SQLite, where ranges do not exist.
func TestSearchRangesGiveOneAnswer(t *testing.T) {
	answers := map[string][][]string{}
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		src, err := store.OfflineSource(ctx, "Báo Bà Rịa - Vũng Tàu", false)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2025, 11, 3, 8, 0, 0, 0, time.UTC)
		var items []pressingest.Item
		for i := 1; i <= 3000; i++ {
			title := fmt.Sprintf("Tin số %d về địa phương", i)
			switch {
			case i%7 == 0 && i <= 2500:
				title = fmt.Sprintf("Tin số %d về cảng biển", i)
			case i%5 == 0:
				title = fmt.Sprintf("Tin số %d về cảng cá", i)
			}
			items = append(items, pressingest.Item{SourceID: src.ID, Outlet: src.Name, Title: title,
				Link: fmt.Sprintf("https://baobariavungtau.vn/tin-%d.html", i), Summary: "Tin trong tỉnh.",
				Published: at.Add(time.Duration(i) * time.Minute), Fetched: at.Add(time.Duration(i) * time.Minute)})
		}
		p, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if st, err := p.IngestItems(ctx, items); err != nil || st.Stored != len(items) {
			t.Fatalf("ingest: %+v %v", st, err)
		}
		vi, domestic := "vi", false
		filters := []ttdn.ArticleFilter{
			{Query: "cang"}, {Query: "cảng biển"}, {Query: "cang bien", Sort: ttdn.SortDate},
			{Query: "cang", Language: &vi}, {Query: "cảng", Foreign: &domestic}, {Query: "bien", Foreign: &domestic},
		}
		search := func(first int64) [][]string {
			// A fresh service: the highest id it keeps is read again.
			restore := sqlstore.SetPGFirstRange(first)
			defer restore()
			s := sqlstore.NewPressService(db)
			var out [][]string
			for _, f := range filters {
				f.Limit = 200
				got, total, err := s.SearchArticles(ctx, f)
				if err != nil {
					t.Fatalf("%+v: %v", f, err)
				}
				urls := []string{fmt.Sprint(total)}
				for _, a := range got {
					urls = append(urls, a.URL)
				}
				out = append(out, urls)
			}
			return out
		}
		ranged, whole := search(500), search(1<<40)
		for i, f := range filters {
			if !slices.Equal(ranged[i], whole[i]) {
				t.Errorf("%+v: %s results with a first range of 500 ids, %s with one range", f, ranged[i][0], whole[i][0])
			}
			if len(ranged[i]) < 2 {
				t.Errorf("%+v: nothing found", f)
			}
		}
		if ranged[0][0] != fmt.Sprint(ttdn.SearchRankPool) {
			t.Errorf("cang: total %s, want the full pool of %d (most of it older than the first range)", ranged[0][0], ttdn.SearchRankPool)
		}
		answers[db.Engine()] = ranged
	})
	if lite, pg := answers[sqlstore.EngineSQLite], answers[sqlstore.EnginePostgres]; lite != nil && pg != nil {
		for i := range lite {
			if !slices.Equal(lite[i], pg[i]) {
				t.Errorf("search %d: SQLite and PostgreSQL differ (%s vs %s results)", i, lite[i][0], pg[i][0])
			}
		}
	}
}
