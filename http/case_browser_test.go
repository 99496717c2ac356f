package http

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserReviewHitToPublishedRebuttal follows a hit in a real browser
// from the review queue to a published rebuttal: the monitor opens a case
// from the queue, assesses it and assigns it to Công an tỉnh; the unit's
// officer drafts a press release and submits it; the coordinator approves
// it; the officer marks it published. The case then shows its response
// time, and the list counts it.
func TestBrowserReviewHitToPublishedRebuttal(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		b := &browserSession{t: t, ctx: newBrowser(t, bin), base: serve(t, f.h)}
		row := `#review-` + itoa(item.ID)

		b.login("monitor", "/press/review")
		b.openCaseFromQueue(row)
		page := b.location()
		if got := b.text(`#case-stage`); got != "Phát hiện" {
			t.Fatalf("a new case is at stage %q", got)
		}
		b.do("assess",
			chromedp.SetValue(chromedp.CSS(`#verdict`), "false"),
			chromedp.SetValue(chromedp.CSS(`#severity`), "high"),
			chromedp.Click(chromedp.CSS(`#topics input[value="border"]`)),
			chromedp.Click(chromedp.CSS(`#topics input[value="cambodia"]`)),
			chromedp.Click(chromedp.CSS(`#assess-save`)),
			chromedp.WaitVisible(chromedp.CSS(`#case-stage[data-stage="assessed"]`)),
		)
		b.do("assign to Công an tỉnh",
			chromedp.SetValue(chromedp.CSS(`#lead`), itoa(f.units["cong-an"].ID)),
			chromedp.SetValue(chromedp.CSS(`#coordinating`), itoa(f.units["bdbp"].ID)),
			chromedp.Click(chromedp.CSS(`#assign-save`)),
			chromedp.WaitVisible(chromedp.CSS(`#case-stage[data-stage="assigned"]`)),
		)
		if got := b.text(`#case-stage`); got != "Đã giao xử lý" {
			t.Fatalf("after assignment the stage is %q", got)
		}
		screenshot(t, b.ctx, "assigned")

		b.logout()
		b.login("officer", page)
		b.do("draft a press release",
			chromedp.SetValue(chromedp.CSS(`#new-kind`), "press_release"),
			chromedp.SetValue(chromedp.CSS(`#new-title`), "Thông cáo về hoạt động của cửa khẩu Mộc Bài"),
			chromedp.SetValue(chromedp.CSS(`#new-body`), "Cửa khẩu quốc tế Mộc Bài vẫn hoạt động bình thường."),
			chromedp.Click(chromedp.CSS(`#response-save`)),
			chromedp.WaitVisible(chromedp.CSS(`article.response[data-status="draft"]`)),
			chromedp.Click(chromedp.CSS(`.response-edit .submit-response`)),
			chromedp.WaitVisible(chromedp.CSS(`article.response[data-status="submitted"]`)),
		)

		b.logout()
		b.login("coordinator", page)
		b.do("approve", chromedp.Click(chromedp.CSS(`.approve-response`)),
			chromedp.WaitVisible(chromedp.CSS(`article.response[data-status="approved"]`)))

		b.logout()
		b.login("officer", page)
		b.do("mark it published",
			chromedp.SetValue(chromedp.CSS(`.publish-response input[name=where]`), "Cổng thông tin điện tử tỉnh Tây Ninh"),
			chromedp.SetValue(chromedp.CSS(`.publish-response input[name=time]`), "09:02"),
			chromedp.Click(chromedp.CSS(`.publish-response button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`article.response[data-status="published"]`)),
		)
		if got := b.text(`#case-stage`); got != "Đã đăng phản hồi" {
			t.Errorf("after publication the stage is %q", got)
		}
		if got := b.text(`#case-response-time`); got != "23 giờ 2 phút" {
			t.Errorf("response time %q (detected 10:00 14/11, published 09:02 15/11)", got)
		}
		screenshot(t, b.ctx, "published")
		if doc := b.docxText(`#case-docx`); !strings.Contains(doc, "23 giờ 2 phút") || !strings.Contains(doc, "Cổng thông tin điện tử tỉnh Tây Ninh") {
			t.Error("the case report lacks the response")
		}

		b.logout()
		b.login("leader", "/cases")
		if got := b.text(`#kpi-avg`); got != "23 giờ 2 phút" {
			t.Errorf("the list's mean response time is %q", got)
		}

		// On a phone the case page, with every form the coordinator has,
		// and the list do not scroll sideways.
		b.logout()
		b.login("coordinator", page)
		for _, path := range []string{page, "/cases", "/cases/new?article=" + itoa(item.ID)} {
			b.do("narrow "+path, chromedp.EmulateViewport(narrowWidth, 844), chromedp.Navigate(b.base+path),
				chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			if width, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || width > narrowWidth {
				t.Errorf("%s at %d px is %d px wide (%v)", path, narrowWidth, width, err)
			}
		}
	})
}

// openCaseFromQueue opens a case from the review queue's row for the
// Mộc Bài item, with its claim, and waits for the case page.
func (b *browserSession) openCaseFromQueue(row string) {
	b.t.Helper()
	b.do("open a case from the queue",
		chromedp.WaitVisible(chromedp.CSS(row)),
		chromedp.Click(chromedp.CSS(row+` a[data-open-case]`)),
		chromedp.WaitVisible(chromedp.CSS(`#case-item`)),
		chromedp.SetValue(chromedp.CSS(`#claim`), "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn."),
		chromedp.Click(chromedp.CSS(`#open-case`)),
		chromedp.WaitVisible(chromedp.CSS(`#case-facts`)),
	)
}
