package pressingest_test

import (
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestEditedHeadlineAndSlug: a repeated link whose headline the outlet
// edited updates the stored article and keeps the old headline; the same
// article under an edited slug (same article number) is not stored twice.
func TestEditedHeadlineAndSlug(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		src, err := store.OfflineSource(ctx, "Tuổi Trẻ", false)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2025, 11, 3, 8, 0, 0, 0, time.UTC)
		item := func(link, title string) pressingest.Item {
			return pressingest.Item{SourceID: src.ID, Outlet: src.Name, Title: title, Link: link,
				Summary: "Nghệ sĩ cải lương Minh Hoàng qua đời tại TP.HCM sau thời gian điều trị bệnh.", Published: at, Fetched: at}
		}
		ingest := func(it pressingest.Item) pressingest.Stats {
			p, err := pressingest.New(ctx, store, pressingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			st, err := p.IngestItems(ctx, []pressingest.Item{it})
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		const link = "https://tuoitre.vn/nghe-si-minh-hoang-qua-doi-2025110308000001.htm"
		ingest(item(link, "Nghệ sĩ Minh Hoàng qua đời"))
		st := ingest(item(link, "Nghệ sĩ cải lương Minh Hoàng qua đời ở tuổi 70"))
		if st.Stored != 0 || st.Duplicates != 1 || st.Retitled != 1 {
			t.Errorf("edited headline: %+v", st)
		}
		st = ingest(item("https://tuoitre.vn/nsut-minh-hoang-qua-doi-o-tuoi-70-2025110308000001.htm",
			"Nghệ sĩ cải lương Minh Hoàng qua đời ở tuổi 70"))
		if st.Stored != 0 || st.Duplicates != 1 || st.Retitled != 0 {
			t.Errorf("edited slug: %+v", st)
		}
		got, _, err := store.SearchArticles(ctx, ttdn.ArticleFilter{Query: "tuổi 70", Limit: 10})
		if err != nil || len(got) != 1 || got[0].Title != "Nghệ sĩ cải lương Minh Hoàng qua đời ở tuổi 70" {
			t.Fatalf("search after retitle: %v %v", got, err)
		}
		hist, err := store.ArticleTitles(ctx, got[0].ID)
		if err != nil || len(hist) != 1 || hist[0].Title != "Nghệ sĩ Minh Hoàng qua đời" || hist[0].ReplacedAt.IsZero() {
			t.Errorf("history %+v, %v", hist, err)
		}
		if a, err := store.FindArticleByID(ctx, got[0].ID); err != nil || len(a.EarlierTitles) != 1 || a.EarlierTitles[0] != hist[0] {
			t.Errorf("the item's record does not carry its earlier headline: %+v, %v", a, err)
		}
	})
}

// TestInstancesGroupAlike: two pipelines on one database (two instances)
// group an item with what the other stored after it started, because each
// catches up with the stored articles under the ingest lock.
func TestInstancesGroupAlike(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		tn, err := store.OfflineSource(ctx, "Thanh Niên", false)
		if err != nil {
			t.Fatal(err)
		}
		vne, err := store.OfflineSource(ctx, "VnExpress", false)
		if err != nil {
			t.Fatal(err)
		}
		one, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		two, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2025, 11, 10, 8, 0, 0, 0, time.UTC)
		if _, err := one.IngestItems(ctx, []pressingest.Item{{SourceID: tn.ID, Outlet: tn.Name,
			Title: "Campuchia sơ tán hàng trăm dân sau vụ đấu súng biên giới với Thái Lan", Link: "https://thanhnien.vn/a-185251110080000001.htm",
			Summary: "Chính quyền tỉnh Banteay Meanchey sơ tán người dân sau vụ nổ súng ở biên giới.", Published: at, Fetched: at}}); err != nil {
			t.Fatal(err)
		}
		later := at.Add(time.Hour)
		if _, err := two.IngestItems(ctx, []pressingest.Item{{SourceID: vne.ID, Outlet: vne.Name,
			Title: "Campuchia sơ tán hàng trăm dân sau vụ đấu súng với Thái Lan", Link: "https://vnexpress.net/b-4980001.html",
			Summary: "Hàng trăm người dân Campuchia được đưa khỏi làng biên giới sau khi binh sĩ hai nước đấu súng.", Published: later, Fetched: later}}); err != nil {
			t.Fatal(err)
		}
		got, _, err := store.SearchArticles(ctx, ttdn.ArticleFilter{Query: "Campuchia", Limit: 10})
		if err != nil || len(got) != 2 {
			t.Fatalf("%d articles, %v", len(got), err)
		}
		stories, err := store.FindStories(ctx, ttdn.StoryFilter{Limit: 10})
		if err != nil || len(stories) != 1 || stories[0].Articles != 2 || stories[0].Outlets != 2 ||
			stories[0].Title != "Campuchia sơ tán hàng trăm dân sau vụ đấu súng biên giới với Thái Lan" || !stories[0].First.Equal(at) {
			t.Errorf("stories %+v, %v", stories, err)
		}
	})
}
