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
// navigation folds behind its button — and that no table column is
// squeezed narrower than a word in it (a name read one letter a line).
// Generated from the route table, so a new page is checked without being
// listed here.
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
		if squeezed, err := chromedp.Run(ctx, chromedp.Evaluate[string](squeezedCellsJS)); err != nil {
			t.Errorf("%s: %v", path, err)
		} else if squeezed != "" {
			t.Errorf("%s squeezes table columns at %d px, words break inside: %s", path, narrowWidth, squeezed)
		}
	}
	if walked < 30 {
		t.Fatalf("only %d pages walked", walked)
	}
}

// squeezedCellsJS lists (up to three) table cells narrower than the widest
// word of letters they show (text only for screen readers left out),
// measured in the cell's own font.
const squeezedCellsJS = `(() => {
  const c = document.createElement('canvas').getContext('2d'), out = [];
  for (const e of document.querySelectorAll('main td, main th')) {
    let text = e.innerText || '';
    e.querySelectorAll('.sr-only').forEach(h => { text = text.replace(h.innerText || h.textContent, ' '); });
    const words = text.split(/\s+/).filter(w => /^\p{L}{4,}$/u.test(w));
    if (!words.length) continue;
    const cs = getComputedStyle(e);
    c.font = cs.font;
    const inner = e.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const widest = words.reduce((a, w) => c.measureText(w).width > c.measureText(a).width ? w : a);
    if (inner + 2 < c.measureText(widest).width) out.push(e.tagName.toLowerCase() + ' "' + widest + '"');
    if (out.length >= 3) break;
  }
  return out.join(', ');
})()`

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
