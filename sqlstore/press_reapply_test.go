package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// pressDesk is a press store with one outlet and a clock.
type pressDesk struct {
	t     *testing.T
	db    *sqlstore.DB
	press *sqlstore.PressService
	src   *ttdn.Source
	now   time.Time
	n     int64
}

func newPressDesk(t *testing.T, db *sqlstore.DB) *pressDesk {
	now := time.Date(2025, 11, 15, 3, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	press := sqlstore.NewPressService(db)
	src, err := press.OfflineSource(sqltest.SystemContext(), "Báo mẫu", false)
	if err != nil {
		t.Fatal(err)
	}
	return &pressDesk{t: t, db: db, press: press, src: src, now: now}
}

// term creates a watch term.
func (d *pressDesk) term(t *ttdn.WatchTerm) *ttdn.WatchTerm {
	d.t.Helper()
	t.Kind, t.Enabled = "topic", true
	if t.Priority == 0 {
		t.Priority = ttdn.PriorityHigh
	}
	if err := d.press.CreateWatchTerm(sqltest.SystemContext(), t); err != nil {
		d.t.Fatal(err)
	}
	return t
}

// store stores one article per title, published one hour apart going back
// from age hours before now, with the given hits as ingestion before issue
// 11 would have stored them.
func (d *pressDesk) store(age int, titles []string, hits ...*ttdn.WatchTerm) []int64 {
	d.t.Helper()
	var batch []*sqlstore.IngestArticle
	for i, title := range titles {
		d.n++
		a := &sqlstore.IngestArticle{Article: ttdn.Article{SourceID: d.src.ID, URL: fmt.Sprintf("https://bao.example/%d", d.n),
			Title: title, Language: "vi", Published: d.now.Add(-time.Duration(age+i) * time.Hour), Fetched: d.now,
			Tone: ttdn.ToneNeutral}, URLHash: d.n, Index: sqlstore.SearchText(title, ""), ToneGuess: ttdn.ToneNeutral, JoinBatch: -1}
		for _, h := range hits {
			a.Hits = append(a.Hits, ttdn.Hit{TermID: h.ID, Occurrences: 1})
			a.Priority = max(a.Priority, h.Priority)
			a.Themes = append(a.Themes, h.Themes...)
		}
		batch = append(batch, a)
	}
	if err := d.press.StoreArticles(sqltest.SystemContext(), batch); err != nil {
		d.t.Fatal(err)
	}
	ids := make([]int64, len(batch))
	for i, a := range batch {
		ids[i] = a.ID
	}
	return ids
}

// count runs a COUNT query.
func (d *pressDesk) count(q string, args ...any) int {
	d.t.Helper()
	ctx := sqltest.SystemContext()
	tx, err := d.db.BeginTx(ctx, false)
	if err != nil {
		d.t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		d.t.Fatal(err)
	}
	return n
}

func titles(n int, format string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return out
}

// TestReapplyWalksEveryArticleNewestFirst: re-applying "Biển Đông" after
// the matcher learnt diacritics goes through every stored article (more
// than two batches), newest first, with progress; the false hits the
// folded matcher stored on "biến động" go, with their untouched reviews
// and themes, a reviewed one stays at priority 0, the true ones stay.
func TestReapplyWalksEveryArticleNewestFirst(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		d := newPressDesk(t, db)
		ctx := sqltest.SystemContext()
		bd := d.term(&ttdn.WatchTerm{Code: "bien-dong", Name: "Biển Đông", Themes: []string{"bien-dao"}})
		other := d.term(&ttdn.WatchTerm{Code: "gia-xang", Name: "giá xăng", Priority: ttdn.PriorityLow, Themes: []string{"kinh-te"}})
		newest := d.store(1, titles(700, "Bão số %d đi vào Biển Đông"))
		falseIDs := d.store(800, titles(600, "Giá cổ phiếu biến động mạnh phiên %d"), bd)
		both := d.store(1500, []string{"Giá xăng biến động"}, bd, other)
		reviewed := d.store(1600, []string{"Huyết áp vẫn biến động"}, bd)
		r, err := d.press.FindReviewByArticle(ctx, reviewed[0])
		if err != nil {
			t.Fatal(err)
		}
		rel := ttdn.RelevanceRelevant
		if _, err := d.press.UpdateReview(ctx, reviewed[0], ttdn.ReviewUpdate{Relevance: &rel, Version: r.Version}); err != nil {
			t.Fatal(err)
		}
		oldest := d.store(2000, []string{"Hội thảo quốc tế về Biển Đông"})

		job, err := d.press.StartReapply(ctx, bd.ID, d.now.AddDate(-1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.press.StartReapply(ctx, bd.ID, d.now.AddDate(-1, 0, 0)); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Errorf("a second re-apply while one runs: %v, want a conflict", err)
		}
		var steps []int
		hit := `SELECT COUNT(*) FROM press_hits WHERE term_id = ? AND article_id = ?`
		done, err := d.press.RunReapply(ctx, job.ID, func(done, total int) {
			if len(steps) == 0 && (d.count(hit, bd.ID, newest[0]) != 1 || d.count(hit, bd.ID, oldest[0]) != 0 ||
				d.count(hit, bd.ID, falseIDs[0]) != 1) {
				t.Error("the first batch did not take the newest articles first")
			}
			if seen, err := d.press.FindReapplyJob(ctx, job.ID); err != nil || seen.Done != done || seen.Total != total {
				t.Errorf("stored progress %+v, %v; told %d of %d", seen, err, done, total)
			}
			steps = append(steps, done)
		})
		if err != nil {
			t.Fatal(err)
		}
		if done.State != ttdn.ReapplyDone || done.Total != 700+600+1+1+1 || done.Done != done.Total || done.Matched != 701 ||
			len(steps) != 3 || steps[2] != done.Total {
			t.Errorf("job %+v, progress %v", done, steps)
		}
		if n := d.count(`SELECT COUNT(*) FROM press_hits WHERE term_id = ?`, bd.ID); n != 701 {
			t.Errorf("%d hits of Biển Đông, want 701", n)
		}
		if n := d.count(`SELECT COUNT(*) FROM press_reviews WHERE article_id IN (?, ?)`, falseIDs[0], falseIDs[599]); n != 0 {
			t.Errorf("%d untouched reviews of false hits stay in the queue", n)
		}
		if n := d.count(`SELECT COUNT(*) FROM press_article_themes WHERE theme = 'bien-dao' AND article_id = ?`, falseIDs[5]); n != 0 {
			t.Error("a false hit keeps its theme")
		}
		if n := d.count(`SELECT COUNT(*) FROM press_reviews WHERE article_id = ? AND priority = 0 AND relevance = 'relevant'`, reviewed[0]); n != 1 {
			t.Error("the reviewed article left the queue or kept its priority")
		}
		if n := d.count(`SELECT COUNT(*) FROM press_reviews r JOIN press_articles a ON a.id = r.article_id
			WHERE a.id = ? AND a.priority = 1 AND r.priority = 1`, both[0]); n != 1 {
			t.Error("an article keeping another term's hit lost its review or priority")
		}
		if n := d.count(`SELECT COUNT(*) FROM press_article_themes WHERE article_id = ?`, both[0]); n != 1 {
			t.Errorf("the article keeping another term has %d themes, want 1 (kinh-te)", n)
		}
		if n := d.count(`SELECT COUNT(*) FROM press_reviews WHERE article_id IN (?, ?) AND priority = 3`, newest[699], oldest[0]); n != 2 {
			t.Errorf("%d true hits entered the queue, want 2", n)
		}
		// ReapplyWatchTerm does the same at once; a disabled term loses every hit.
		off := false
		bd, err = d.press.UpdateWatchTerm(ctx, bd.ID, ttdn.WatchTermUpdate{Enabled: &off, Version: bd.Version})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := d.press.ReapplyWatchTerm(ctx, bd.ID, d.now.AddDate(-1, 0, 0)); err != nil || n != 0 ||
			d.count(`SELECT COUNT(*) FROM press_hits WHERE term_id = ?`, bd.ID) != 0 {
			t.Errorf("disabled term re-applied: %d, %v", n, err)
		}
	})
}

// TestCompareWatchTerm: the preview of an edited rule shows the articles
// it gains and loses against the stored rule, with examples.
func TestCompareWatchTerm(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		d := newPressDesk(t, db)
		ctx := sqltest.SystemContext()
		vt := d.term(&ttdn.WatchTerm{Code: "viet-tan", Name: "Việt Tân"})
		d.store(1, []string{
			"Doanh nhân Trần Việt Tân xây dựng giá trị văn hóa",
			"Doanh nhân Trần Việt Tân: mong muốn đóng góp cho thể thao",
			"Cảnh giác với tổ chức khủng bố Việt Tân",
			"Việt Tân bị xác định là tổ chức khủng bố",
			"Chuyện của Việt Tấn",              // other diacritics: no hit for either
			"Viet Tan named a terrorist group", // no diacritics at all: folded
		})
		d.store(24*40, []string{"Trần Việt Tân, 40 ngày trước"}) // outside the 30 days
		edit := *vt
		edit.Context, edit.Exclude = []string{"tổ chức", "khủng bố", "terrorist"}, []string{"Trần Việt Tân"}
		diff, err := d.press.CompareWatchTerm(ctx, &edit, 30, 1)
		if err != nil {
			t.Fatal(err)
		}
		if diff.Matched != 3 || diff.Kept != 3 || diff.GainedTotal != 0 || diff.LostTotal != 2 || len(diff.Lost) != 1 ||
			diff.Lost[0].Snippet != "Doanh nhân Trần «Việt Tân» xây dựng giá trị văn hóa" {
			t.Errorf("diff %+v", diff)
		}
		edit.Aliases = []string{"Việt Tấn"}
		edit.Context, edit.Exclude = nil, nil
		if diff, err = d.press.CompareWatchTerm(ctx, &edit, 30, 5); err != nil || diff.GainedTotal != 1 || diff.LostTotal != 0 ||
			diff.Gained[0].Article.Title != "Chuyện của Việt Tấn" {
			t.Errorf("with an alias: %+v, %v", diff, err)
		}
		// A new term gains everything it matches; nothing is stored.
		fresh := &ttdn.WatchTerm{Code: "moi", Name: "tổ chức khủng bố", Kind: "topic", Priority: 2, Enabled: true}
		if diff, err = d.press.CompareWatchTerm(ctx, fresh, 30, 5); err != nil || diff.GainedTotal != 2 || diff.Matched != 2 {
			t.Errorf("new term: %+v, %v", diff, err)
		}
		if _, err := d.press.CompareWatchTerm(ctx, &ttdn.WatchTerm{Code: "x", Name: "x", Kind: "topic", Priority: 2, Within: 99}, 30, 5); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Errorf("invalid rule: %v", err)
		}
	})
}
