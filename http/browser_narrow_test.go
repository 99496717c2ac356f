package http

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore/sqltest"
)

// narrowWidth is a common phone's CSS width.
const narrowWidth = 390

// TestBrowserNarrowScreens walks every page of the route table (GET, as
// the coordinator, who may open the most) in Chromium at 390 px and checks
// that none scrolls sideways: wide tables scroll inside their box, the
// navigation folds behind its button. Generated from the route table, so a
// new page is checked without being listed here.
func TestBrowserNarrowScreens(t *testing.T) {
	bin := findChromium(t)
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := permFixture(t, db, ttdn.Internal)
	base := serve(t, f.h)
	ctx := newBrowser(t, bin)
	narrowLogin(t, ctx, base, "coordinator")
	walked := 0
	for _, pattern := range f.srv.Routes() {
		method, path := f.permPath(pattern)
		if method != http.MethodGet || skipNarrow(path) {
			continue
		}
		// Only pages that render for the coordinator (no downloads, no errors).
		res := f.do(f.request(http.MethodGet, path, "coordinator", nil))
		if res.Code != http.StatusOK || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/html") {
			continue
		}
		walked++
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if width > narrowWidth {
			wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > `+itoa(narrowWidth)+` && !e.closest('.scroll-x, table')).slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')`))
			t.Errorf("%s scrolls sideways at %d px: %d px wide (%s)", path, narrowWidth, width, wide)
		}
	}
	if walked < 30 {
		t.Fatalf("only %d pages walked", walked)
	}
}

// skipNarrow leaves out what is not a page.
func skipNarrow(path string) bool {
	for _, p := range []string{"/api/", "/assets/", "/export", "/download", "/attachments/", "/lang/", "/healthz", "/readyz", "/no-such-page"} {
		if strings.Contains(path, p) {
			return true
		}
	}
	return false
}

// narrowLogin sets a phone's viewport and logs in as name, waiting until
// the log-in page is gone (it has a main h1 too), so the next navigation
// never aborts the one the form started.
func narrowLogin(t *testing.T, ctx context.Context, base, name string) {
	t.Helper()
	b := &browserSession{t: t, ctx: ctx, base: base}
	b.do("phone viewport", chromedp.EmulateViewport(narrowWidth, 844))
	b.login(name, "/")
}
