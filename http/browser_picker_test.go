package http

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn/sqlstore/sqltest"
)

// TestBrowserPickerFilter: typing in the box above a long unit picker
// leaves only the matching units visible, typed without diacritics too,
// and the chosen ones stay.
func TestBrowserPickerFilter(t *testing.T) {
	bin := findChromium(t)
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := newFixture(t, db, true)
	base := serve(t, f.h)
	ctx := newBrowser(t, bin)
	task := f.plan.Tasks[5]
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login?next=/tasks/"+itoa(task.ID)+"/edit"),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), "coordinator"),
		chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#lead`)),
		chromedp.SendKeys(chromedp.CSS(`#coordinating`+` ~ .picker-filter, .field:has(#coordinating) .picker-filter`), "ngoai vu"),
	); err != nil {
		t.Fatalf("open the form and type: %v", err)
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#coordinating option')].filter(o => !o.hidden).map(o => o.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(visible) == 0 {
		t.Fatal("no unit left after typing")
	}
	for _, v := range visible {
		if !strings.Contains(v, "Ngoại vụ") && !strings.Contains(v, "ngoại vụ") {
			sel, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`[...document.querySelectorAll('#coordinating option')].some(o => !o.hidden && o.selected && o.textContent === `+jsString(v)+`)`))
			if !sel {
				t.Errorf("%q stays visible after typing “ngoai vu”", v)
			}
		}
	}
}

// jsString quotes s for a JavaScript expression.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}
