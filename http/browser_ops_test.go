package http

import (
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserAdminOpsNarrow walks the administrator's pages the
// coordinator's walk (TestBrowserNarrowScreens) cannot open — the webhooks
// and an endpoint's deliveries, with a long URL — and the account page with
// a calendar address shown, at the narrow width.
func TestBrowserAdminOpsNarrow(t *testing.T) {
	bin := findChromium(t)
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := newFixture(t, db, false)
	h := &ttdn.Webhook{URL: "https://he-thong-mot-cua.tayninh.gov.vn/api/v2/tich-hop/ttdn/su-kien-quy-trinh-bao-cao?khoa=abcdefghijklmnopqrstuvwxyz",
		Description: "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh"}
	if _, err := sqlstore.NewWebhookService(db).CreateWebhook(sqltest.UserContext(f.users["admin"]), h); err != nil {
		t.Fatal(err)
	}
	base := serve(t, f.h)
	ctx := newBrowser(t, bin)
	narrowLogin(t, ctx, base, "admin")
	check := func(what string) {
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if width > narrowWidth {
			t.Errorf("%s scrolls sideways: %d px", what, width)
		}
	}
	for _, path := range []string{"/admin/webhooks", "/admin/webhooks/" + itoa(h.ID)} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitReady(chromedp.CSS(`h1`))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		check(path)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/account"), chromedp.WaitReady(chromedp.CSS(`#calendar button`)),
		chromedp.Click(chromedp.CSS(`#calendar button`)), chromedp.WaitReady(chromedp.CSS(`#calendar input[readonly]`))); err != nil {
		t.Fatalf("calendar address: %v", err)
	}
	check("/account with a calendar address")
}
