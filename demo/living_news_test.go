package demo_test

import (
	"context"
	"testing"
	"time"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// newsDir is the shared news sample (real outlets' items, test input only).
const newsDir = "../../shared/testdata/news"

// TestLivingYearNewsDir loads the demo with the shared news sample instead
// of the invented items: moved so its last day is yesterday, nothing after
// now or before the two weeks, its hits reviewed and a few marked for
// action, its stories grouped. A folder without news files is refused
// before anything of the year is made.
func TestLivingYearNewsDir(t *testing.T) {
	now := time.Date(2031, 8, 19, 11, 0, 0, 0, ttdn.VietnamZone())
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		if _, err := demo.LoadLiving(context.Background(), db, demo.Options{Today: now, NewsDir: t.TempDir()}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("an empty folder: %v, want EINVALID", err)
		}
		year := now.Year()
		if plans, _, err := sqlstore.NewPlanService(db).FindPlans(sqltest.SystemContext(), ttdn.PlanFilter{Year: &year}); err != nil || len(plans) != 0 {
			t.Fatalf("the refused load made plans: %v, %v", plans, err)
		}
		sum, err := demo.LoadLiving(context.Background(), db, demo.Options{Today: now, NewsDir: newsDir})
		if err != nil {
			t.Fatal(err)
		}
		ctx := sqltest.SystemContext()
		press := sqlstore.NewPressService(db)
		from, yesterday := now.AddDate(0, 0, -14), time.Date(2031, 8, 18, 0, 0, 0, 0, ttdn.VietnamZone())
		for _, c := range []struct {
			what     string
			f        ttdn.ArticleFilter
			min, max int
		}{
			{"items of the last two weeks", ttdn.ArticleFilter{From: from, To: now}, 1000, ttdn.SearchCountCap},
			{"items of yesterday", ttdn.ArticleFilter{From: yesterday, To: yesterday.AddDate(0, 0, 1)}, 100, ttdn.SearchCountCap},
			{"items after now", ttdn.ArticleFilter{From: now}, 0, 0},
			{"items before the two weeks", ttdn.ArticleFilter{To: from}, 0, 0},
			{"hits", ttdn.ArticleFilter{From: from, To: now, HitsOnly: true}, 100, ttdn.SearchCountCap},
		} {
			c.f.Limit = 1
			if _, n, err := press.SearchArticles(ctx, c.f); err != nil || n < c.min || n > c.max {
				t.Errorf("%s: %d (%v), want %d–%d", c.what, n, err, c.min, c.max)
			}
		}
		if sum.Articles < 1000 {
			t.Errorf("summary: %d articles", sum.Articles)
		}
		stories, err := press.FindStories(ctx, ttdn.StoryFilter{From: from, To: now, Limit: 1000})
		told := 0
		for _, s := range stories {
			if s.Outlets >= 2 {
				told++
			}
		}
		if err != nil || told < 10 {
			t.Errorf("%d stories told by two outlets or more, %v", told, err)
		}
		yes, fresh := true, ttdn.ReviewNew
		if _, n, err := press.FindReviews(ctx, ttdn.ReviewFilter{NeedsAction: &yes}); err != nil || n == 0 || n > 3 {
			t.Errorf("%d hits needing action, %v", n, err)
		}
		if _, n, err := press.FindReviews(ctx, ttdn.ReviewFilter{Status: &fresh}); err != nil || n == 0 {
			t.Errorf("%d new hits, %v", n, err)
		}
	})
}
