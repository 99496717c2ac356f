package http

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserPressKeyboardTriage triages the review queue by keyboard in a
// real browser: j moves to the first hit, x selects it and the next, n
// judges both not relevant (the queue comes back offering to teach their
// terms), then a marks the current hit as needing action without any
// selection. Keys typed into a note never act.
func TestBrowserPressKeyboardTriage(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		b := &browserSession{t: t, ctx: newBrowser(t, bin), base: serve(t, f.h)}
		b.login("monitor", "/press/review")
		ids := func() []int64 {
			s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#review-queue li.review")).slice(0, 3).map(li => li.dataset.articleId).join(",")`))
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, f := range strings.Split(s, ",") {
				id, _ := strconv.ParseInt(f, 10, 64)
				out = append(out, id)
			}
			return out
		}
		before := ids()
		if len(before) < 3 {
			t.Fatalf("queue rows %v", before)
		}
		if hidden := b.text(`#review-keys`); hidden == "" {
			t.Error("the shortcut help stays hidden with JavaScript on")
		}
		// A key typed into a note is text, not a command.
		note := `#review-` + itoa(before[0]) + ` input[name=note]`
		b.do("type into a note", chromedp.Click(chromedp.CSS(note)), chromedp.KeyEvent("nra"))
		if v, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector(`+strconv.Quote(note)+`).value`)); v != "nra" {
			t.Errorf("note %q, want the keys typed", v)
		}
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.activeElement.blur(); true`)); err != nil {
			t.Fatal(err)
		}
		b.do("select two and judge them not relevant",
			chromedp.KeyEvent("jxjx"),
			chromedp.WaitVisible(chromedp.CSS(`#review-queue li.review.current`)),
		)
		if got := b.text(`#bulk-count`); got != "Đã chọn 2 tin bài" {
			t.Errorf("selection count %q", got)
		}
		screenshot(t, b.ctx, "triage-selected")
		b.do("n", chromedp.KeyEvent("n"), chromedp.WaitVisible(chromedp.CSS(`#triage-result`)))
		if got := b.text(`#triage-result`); got != "Đã đánh giá 2 tin bài." {
			t.Errorf("triage banner %q", got)
		}
		if n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#teach form.teach-form").length`)); n == 0 {
			t.Error("no offer to teach the terms of the hits judged not relevant")
		}
		screenshot(t, b.ctx, "triage-teach")
		store := sqlstore.NewPressService(db)
		for _, id := range before[:2] {
			r, err := store.FindReviewByArticle(sqltest.SystemContext(), id)
			if err != nil || r.Status != ttdn.ReviewDismissed || r.Relevance != ttdn.RelevanceIrrelevant {
				t.Errorf("article %d after n: %+v, %v", id, r, err)
			}
		}
		// The queue shows new hits: the third is now first.
		if now := ids(); now[0] != before[2] {
			t.Fatalf("queue after triage starts with %d, want %d", now[0], before[2])
		}
		// Gone from this page, the banner shows again only on the next one.
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.getElementById("triage-result").remove(); true`)); err != nil {
			t.Fatal(err)
		}
		b.do("a on the current hit", chromedp.KeyEvent("ja"), chromedp.WaitVisible(chromedp.CSS(`#triage-result`)))
		if got := b.text(`#triage-result`); got != "Đã đánh giá 1 tin bài." {
			t.Errorf("triage banner %q", got)
		}
		r, err := store.FindReviewByArticle(sqltest.SystemContext(), before[2])
		if err != nil || r.Status != ttdn.ReviewDone || !r.NeedsAction || r.Relevance != ttdn.RelevanceRelevant {
			t.Errorf("article %d after a: %+v, %v", before[2], r, err)
		}
	})
}
