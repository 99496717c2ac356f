package pressingest_test

import (
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestStoryOutletsCountNewspapers: a story carried by two section feeds of
// one newspaper and by another newspaper is told by two outlets, not three
// — on the story list as in the digest's most covered events.
func TestStoryOutletsCountNewspapers(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		var sources []*ttdn.Source
		for _, s := range []struct{ name, outlet string }{{"VnExpress – Thời sự", "VnExpress"}, {"VnExpress – Thế giới", "VnExpress"}, {"Tuổi Trẻ", ""}} {
			src := &ttdn.Source{Name: s.name, Outlet: s.outlet}
			if err := store.CreateSource(ctx, src); err != nil {
				t.Fatal(err)
			}
			sources = append(sources, src)
		}
		at := time.Date(2025, 11, 3, 8, 0, 0, 0, time.UTC)
		var items []pressingest.Item
		for i, src := range sources {
			items = append(items, pressingest.Item{SourceID: src.ID, Outlet: src.Outlet, Link: "https://example.vn/bai-" + string(rune('a'+i)) + ".htm",
				Title:   "Campuchia sơ tán hàng trăm dân sau vụ đấu súng ở biên giới",
				Summary: "Hàng trăm người dân được sơ tán sau vụ đấu súng tại khu vực biên giới sáng nay.", Published: at.Add(time.Duration(i) * time.Hour), Fetched: at})
		}
		p, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if st, err := p.IngestItems(ctx, items); err != nil || st.Stored != 3 {
			t.Fatalf("ingest: %+v, %v", st, err)
		}
		stories, err := store.FindStories(ctx, ttdn.StoryFilter{From: at.Add(-time.Hour), To: at.Add(24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if len(stories) != 1 || stories[0].Articles != 3 || stories[0].Outlets != 2 {
			for _, s := range stories {
				t.Logf("story %d: %d articles, %d outlets", s.ID, s.Articles, s.Outlets)
			}
			t.Fatalf("%d stories, want one of 3 articles told by 2 outlets", len(stories))
		}
	})
}
