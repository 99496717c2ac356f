package http

import (
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserBudgetGrid: on the estimate form, amounts and the total follow
// what is typed, a row can be added, and rows pasted from a spreadsheet
// fill the grid.
func TestBrowserBudgetGrid(t *testing.T) {
	bin := findChromium(t)
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := newFixture(t, db, true)
	cfg := f.srv.cfg
	cfg.Budgets = sqlstore.NewBudgetService(db)
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	base := serve(t, f.h)
	ctx := newBrowser(t, bin)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login?next=/budgets/new"),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), "officer"),
		chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#line-table`)),
		chromedp.SendKeys(chromedp.CSS(`tr.line-row:nth-child(1) [name=quantity]`), "4"),
		chromedp.SendKeys(chromedp.CSS(`tr.line-row:nth-child(1) [name=price]`), "15.000.000"),
	); err != nil {
		t.Fatalf("type a line: %v", err)
	}
	text := func(js string) string {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if a, tot := text(`document.querySelector('tr.line-row .line-amount').textContent`), text(`document.getElementById('lines-total').textContent`); a != "60.000.000" || tot != "60.000.000" {
		t.Fatalf("amount %q total %q, want 60.000.000", a, tot)
	}
	before := text(`String(document.querySelectorAll('tr.line-row').length)`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#add-line`))); err != nil {
		t.Fatal(err)
	}
	if after := text(`String(document.querySelectorAll('tr.line-row').length)`); after == before {
		t.Fatalf("add line: %s rows before and after", after)
	}
	text(`(() => { const dt = new DataTransfer(); dt.setData('text/plain', 'In tờ rơi\t2000\ttờ\t3.500\nThuê hội trường\t1\tbuổi\t5.000.000\n');
		const i = document.querySelector('tr.line-row:nth-child(2) [name=item]');
		i.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true})); return ''; })()`)
	if got := text(`document.querySelector('tr.line-row:nth-child(3) [name=item]').value + '|' + document.getElementById('lines-total').textContent`); got != "Thuê hội trường|72.000.000" {
		t.Fatalf("after pasting two rows: %q", got)
	}
}
