package http

import (
	"context"
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// browserSession drives one browser through the pages as different users.
type browserSession struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// login logs out whoever is logged in and logs in as name, landing on next.
func (b *browserSession) login(name, next string) {
	b.t.Helper()
	b.do("log in as "+name,
		chromedp.Navigate(b.base+"/login?next="+url.QueryEscape(next)),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SetValue(chromedp.CSS(`#username`), name),
		chromedp.SetValue(chromedp.CSS(`#password`), testPassword),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		// The log-in page has a main h1 too: wait for it to be gone, so the
		// next navigation never aborts the one the form started.
		chromedp.WaitNotPresent(chromedp.CSS(`form.login`)),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)),
	)
}

func (b *browserSession) logout() {
	b.t.Helper()
	b.do("log out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`#username`)))
}

func (b *browserSession) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browserSession) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (b *browserSession) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("location: %v", err)
	}
	u, _ := url.Parse(loc)
	return u.Path
}

// lineField is the selector of a field of the n-th line of the estimate form.
func lineField(n int, field string) string {
	return `#line-table tbody tr:nth-child(` + itoa(int64(n)) + `) [name=` + field + `]`
}

// TestBrowserBudgetCycle drives a whole estimate through a real browser:
// draft with a warning, submit, appraise with a changed amount, return,
// revise, submit, appraise, forward, approve, record spending.
func TestBrowserBudgetCycle(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newBudgetFixture(t, db)
		b := &browserSession{t: t, ctx: newBrowser(t, bin), base: serve(t, f.h)}
		task := itoa(f.plan.Tasks[5].ID)

		b.login("officer", "/budgets/new")
		b.do("draft",
			chromedp.SetValue(chromedp.CSS(`#title`), "Dự toán TTĐN năm 2019"),
			chromedp.SetValue(chromedp.CSS(lineField(1, "item")), "Tập huấn phản bác thông tin sai"),
			chromedp.SetValue(chromedp.CSS(lineField(1, "task")), task),
			chromedp.SetValue(chromedp.CSS(lineField(1, "quantity")), "2"),
			chromedp.SetValue(chromedp.CSS(lineField(1, "uom")), "lớp"),
			chromedp.SetValue(chromedp.CSS(lineField(1, "price")), "25.000.000"),
			chromedp.SetValue(chromedp.CSS(lineField(2, "item")), "Văn phòng phẩm"),
			chromedp.SetValue(chromedp.CSS(lineField(2, "quantity")), "10"),
			chromedp.SetValue(chromedp.CSS(lineField(2, "price")), "150 000 đ"),
			chromedp.Click(chromedp.CSS(`#check`)),
			chromedp.WaitVisible(chromedp.CSS(`#budget-warnings`)),
		)
		if w := b.text(`#budget-warnings`); !strings.Contains(w, "Dòng 2") {
			t.Fatalf("the check shows %q", w)
		}
		b.do("save", chromedp.Click(chromedp.CSS(`#save`)), chromedp.WaitVisible(chromedp.CSS(`#submit-form`)))
		page := b.location()
		if w := b.text(`#budget-warnings`); !strings.Contains(w, "chưa gắn với nhiệm vụ") {
			t.Fatalf("the saved draft shows %q", w)
		}
		b.do("submit", chromedp.Click(chromedp.CSS(`#submit-budget`)), chromedp.WaitNotPresent(chromedp.CSS(`#submit-form`)))

		b.logout()
		b.login("finance", page)
		// The boxes start at the amounts proposed: the total follows what is
		// typed, marked as not saved.
		b.do("type an appraisal",
			chromedp.SetValue(chromedp.CSS(`#budget-lines tbody tr:nth-child(1) [name=appraised]`), "40.000.000"),
			chromedp.SetValue(chromedp.CSS(`#budget-lines tbody tr:nth-child(1) [name=comment]`), "Tối đa 20 triệu đồng một lớp"))
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.getElementById("appraise-form").dispatchEvent(new Event("input"))`)); err != nil {
			t.Fatal(err)
		}
		if got := b.text(`#total-appraised`); got != "41.500.000 đ (theo số đang nhập, chưa lưu)" {
			t.Fatalf("appraised total while typing %q", got)
		}
		b.do("appraise",
			chromedp.Click(chromedp.CSS(`#save-appraisal`)),
			chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)),
		)
		if got := b.text(`#total-appraised`); got != "41.500.000 đ" {
			t.Fatalf("appraised total %q", got)
		}
		b.do("return",
			chromedp.SetValue(chromedp.CSS(`#return-note`), "Giảm đơn giá tập huấn."),
			chromedp.Click(chromedp.CSS(`#return-budget`)),
			chromedp.WaitVisible(chromedp.CSS(`#budget-note`)),
		)

		b.logout()
		b.login("officer", page+"/edit")
		b.do("revise",
			chromedp.SetValue(chromedp.CSS(lineField(1, "price")), "20.000.000"),
			chromedp.Click(chromedp.CSS(`#save`)),
			chromedp.WaitVisible(chromedp.CSS(`#submit-form`)),
			chromedp.Click(chromedp.CSS(`#submit-budget`)),
			chromedp.WaitNotPresent(chromedp.CSS(`#submit-form`)),
		)
		b.do("diff", chromedp.Navigate(b.base+page+"/diff?from=1&to=3"), chromedp.WaitVisible(chromedp.CSS(`#diff-lines`)))
		if d := b.text(`#diff-lines`); !strings.Contains(d, "25.000.000 đ") || !strings.Contains(d, "20.000.000 đ") {
			t.Fatalf("the diff shows %q", d)
		}

		b.logout()
		b.login("finance", page)
		b.do("appraise, forward, approve",
			chromedp.WaitVisible(chromedp.CSS(`#save-appraisal`)),
			chromedp.Click(chromedp.CSS(`#save-appraisal`)),
			chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)), // the saved page, not the one clicked on
			chromedp.WaitVisible(chromedp.CSS(`#forward-form`)),
			chromedp.Click(chromedp.CSS(`#forward-budget`)),
			chromedp.WaitVisible(chromedp.CSS(`#approve-form`)),
			chromedp.SetValue(chromedp.CSS(`#number`), "123/QĐ-UBND"),
			chromedp.SetValue(chromedp.CSS(`#date`), "01/03/2019"),
			chromedp.Click(chromedp.CSS(`#approve-budget`)),
			chromedp.WaitVisible(chromedp.CSS(`#decision`)),
		)
		if got := b.text(`#total-approved`); got != "41.500.000 đ" {
			t.Fatalf("approved total %q", got)
		}

		b.logout()
		b.login("officer", page)
		b.do("spend over the approved amount",
			chromedp.SetValue(chromedp.CSS(`#entry-amount`), "50.000.000"),
			chromedp.Click(chromedp.CSS(`#record-entry`)),
			chromedp.WaitVisible(chromedp.CSS(`.banner.error`)),
		)
		b.do("spend",
			chromedp.SetValue(chromedp.CSS(`#entry-amount`), "10.000.000"),
			chromedp.Click(chromedp.CSS(`#record-entry`)),
			chromedp.WaitVisible(chromedp.CSS(`#entries`)),
		)
		if got := b.text(`#total-spent`); got != "10.000.000 đ" {
			t.Fatalf("spent %q", got)
		}
		if got := b.text(`#budget-status`); got != "Đã phê duyệt" {
			t.Fatalf("status %q", got)
		}
		screenshot(t, b.ctx, "budget")
	})
}

// TestBrowserDifficulty raises a difficulty, groups and forwards it as the
// coordinator, records the answer, and checks the unit sees it.
func TestBrowserDifficulty(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newBudgetFixture(t, db)
		b := &browserSession{t: t, ctx: newBrowser(t, bin), base: serve(t, f.h)}
		b.login("officer", "/difficulties/new")
		b.do("raise",
			chromedp.SetValue(chromedp.CSS(`#title`), "Thiếu phiên dịch tiếng Khmer"),
			chromedp.SetValue(chromedp.CSS(`#text`), "Đơn vị chưa có người dịch tài liệu sang tiếng Khmer."),
			chromedp.Click(chromedp.CSS(`#save-difficulty`)),
			chromedp.WaitVisible(chromedp.CSS(`#difficulty-status`)),
		)
		page := b.location()
		id := path.Base(page)
		b.logout()
		b.login("coordinator", "/difficulties")
		b.do("group",
			chromedp.Click(chromedp.CSS(`input[name=member][value="`+id+`"]`)),
			chromedp.SetValue(chromedp.CSS(`#group-title`), "Dịch thuật tiếng Khmer"),
			chromedp.SetValue(chromedp.CSS(`#proposal`), "Đề nghị UBND tỉnh bố trí phiên dịch dùng chung."),
			chromedp.Click(chromedp.CSS(`#group-submit`)),
			chromedp.WaitVisible(chromedp.CSS(`#forward-form`)),
			chromedp.SetValue(chromedp.CSS(`#number`), "12/TTr-SVHTTDL"),
			chromedp.SetValue(chromedp.CSS(`#date`), "01/07/2019"),
			chromedp.Click(chromedp.CSS(`#forward-group`)),
			chromedp.WaitVisible(chromedp.CSS(`#answer-form`)),
			chromedp.SetValue(chromedp.CSS(`#answer-text`), "Đồng ý giao Sở Ngoại vụ hỗ trợ phiên dịch."),
			chromedp.SetValue(chromedp.CSS(`#number`), "345/UBND-KGVX"),
			chromedp.SetValue(chromedp.CSS(`#date`), "10/07/2019"),
			chromedp.Click(chromedp.CSS(`#answer-group`)),
			chromedp.WaitVisible(chromedp.CSS(`#answer`)),
		)
		b.logout()
		b.login("officer", page)
		if got := b.text(`#answer`); !strings.Contains(got, "Đồng ý giao Sở Ngoại vụ hỗ trợ phiên dịch.") {
			t.Fatalf("the unit sees %q", got)
		}
		if got := b.text(`#difficulty-status`); got != "Đã có ý kiến trả lời" {
			t.Fatalf("status %q", got)
		}
		screenshot(t, b.ctx, "difficulty")
	})
}
