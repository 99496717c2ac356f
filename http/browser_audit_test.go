package http

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserAuditCheck: on the audit page a full check under way shows
// its progress and the page reloads itself until the verdict is in; the
// "check now" button starts one and the verdict shows. At the narrow width.
func TestBrowserAuditCheck(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		base := serve(t, f.h)
		ctx := newBrowser(t, bin)
		narrowLogin(t, ctx, base, "admin")
		id, err := db.StartAuditCheck(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/audit"),
			chromedp.WaitReady(chromedp.CSS(`#audit-chain[data-state="running"] progress`))); err != nil {
			t.Fatalf("a check under way: %v", err)
		}
		if _, err := db.RunAuditCheck(context.Background(), id, nil); err != nil {
			t.Fatal(err)
		}
		wait, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		if err := chromedp.Do(wait, chromedp.WaitReady(chromedp.CSS(`#audit-chain[data-state="intact"]`))); err != nil {
			t.Fatalf("the page did not reload itself to the verdict: %v", err)
		}
		// The page before the click is marked, so the wait below is for the
		// page the form's answer brings.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.dataset.before = "1"; true`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#audit-chain button`)),
			chromedp.WaitReady(chromedp.CSS(`body:not([data-before]) #audit-chain[data-state="intact"]`))); err != nil {
			t.Fatalf("check now: %v", err)
		}
		after, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#audit-chain`)))
		if err != nil {
			t.Fatal(err)
		}
		if want := "Người yêu cầu: admin"; !strings.Contains(after, want) {
			t.Fatalf("after check now the card says %q, want %q", after, want)
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil || width > narrowWidth {
			t.Errorf("the audit page scrolls sideways: %d px %v", width, err)
		}
	})
}
