package http

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserProvinceSetup: in a real browser, the admin of a fresh
// instance follows the first-run banner, sets the province up as Lào Cai
// with two communes, and a coordinator then imports a Lào Cai plan: the
// preview leaves no unit name unresolved, the stored plan opens, and
// neither the plan's page nor the header says Tây Ninh.
func TestBrowserProvinceSetup(t *testing.T) {
	bin := findChromium(t)
	db := sqltest.Open(t, sqltest.Engines()[0])
	sqltest.MustSeed(t, db)
	if err := sqltest.SeedAgain(db); err != nil {
		t.Fatal(err)
	}
	if err := sqlstore.SeedWatchTerms(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	srv := newServer(db)
	admin := &ttdn.User{Username: "quantri", Name: "Quản trị", Role: ttdn.RoleAdmin}
	sqltest.MustCreateUser(t, db, admin, testPassword)
	base := serve(t, srv.Handler())
	ctx := newBrowser(t, bin)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	login := func(name string) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/login"),
			chromedp.WaitVisible(css(`#username`)),
			chromedp.SendKeys(css(`#username`), name),
			chromedp.SendKeys(css(`#password`), testPassword),
			chromedp.Click(css(`form.login button[type=submit]`)),
			chromedp.WaitReady(css(`a.who`)),
		}
	}
	if err := chromedp.Do(ctx, append(login("quantri"),
		chromedp.Click(css(`main .banner a[href="/setup/province"]`)),
		chromedp.WaitVisible(css(`#province`)),
		chromedp.SetValue(css(`#province`), "Lào Cai"),
		chromedp.SendKeys(css(`#communes`), "Phường Lào Cai\nXã Bát Xát"),
		chromedp.Click(css(`form[action="/setup/province"] button[type=submit]`)),
		chromedp.WaitVisible(css(`.banner.ok`)),
	)...); err != nil {
		t.Fatalf("setup: %v", err)
	}
	screenshot(t, ctx, "province-setup-done")
	org, err := chromedp.Run(ctx, chromedp.Text(css(`.brand-org`)))
	if err != nil || !strings.EqualFold(org, "Ủy ban nhân dân tỉnh Lào Cai") {
		t.Fatalf("header after setup: %q, %v", org, err)
	}
	coord := &ttdn.User{Username: "dieuphoi", Name: "Điều phối", Role: ttdn.RoleCoordinator, UnitID: sqltest.MustFindUnit(t, db, "so-vhttdl").ID}
	sqltest.MustCreateUser(t, db, coord, testPassword)
	file := "../planparse/testdata/province/lao-cai-2026.txt"
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css(`#username`)),
	); err != nil {
		t.Fatalf("log out: %v", err)
	}
	if err := chromedp.Do(ctx, append(login("dieuphoi"),
		chromedp.Navigate(base+"/plans/import"),
		chromedp.WaitVisible(css(`#file`)),
		chromedp.SetUploadFiles(css(`#file`), []string{abs(t, file)}),
		chromedp.Click(css(`form[action="/plans/import"] button[type=submit]`)),
		chromedp.WaitVisible(css(`#confirm-form`)),
	)...); err != nil {
		t.Fatalf("preview: %v", err)
	}
	unresolved, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`[...document.querySelectorAll('table.matches select')].filter(s => s.value === '').length`))
	total, err2 := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('table.matches select').length`))
	if err != nil || err2 != nil || total < 15 || unresolved > 0 {
		t.Fatalf("preview: %d of %d unit names unresolved (%v %v)", unresolved, total, err, err2)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#confirm`)),
		chromedp.WaitVisible(css(`article.document`)),
	); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	screenshot(t, ctx, "province-plan")
	text, err := chromedp.Run(ctx, chromedp.Text(css(`body`)))
	if err != nil || !strings.Contains(text, "Lào Cai") || strings.Contains(text, "Tây Ninh") {
		t.Fatalf("plan page: %v\n%s", err, text[:min(len(text), 800)])
	}
	if n := mustCount(t, db, `SELECT COUNT(*) FROM plans`); n != 1 {
		t.Fatalf("%d plans stored", n)
	}
}

func abs(t *testing.T, path string) string {
	t.Helper()
	a, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
