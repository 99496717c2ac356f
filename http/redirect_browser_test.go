package http

import (
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserOpenRedirect follows the reported link in Chromium: /lang
// with a next of "/<TAB>/host" (which Chromium reads as "//host", another
// site) and the log-in form carrying the same next. The "other site" is a
// second server on 127.0.0.1 (another port, so another origin) that counts
// its visitors: the browser must stay on ttdn's origin and never reach it.
func TestBrowserOpenRedirect(t *testing.T) {
	bin := findChromium(t)
	f := newFixture(t, sqltest.Open(t, sqlstore.EngineSQLite), false)
	base := serve(t, f.h)
	var visits atomic.Int32
	evil := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		visits.Add(1)
		_, _ = w.Write([]byte("<!doctype html><title>evil</title><h1>evil</h1>"))
	}))
	evilHost := strings.TrimPrefix(evil, "http://")
	b := &browserSession{t: t, ctx: newBrowser(t, bin), base: base}
	origin := func() string {
		t.Helper()
		loc, err := chromedp.Run(b.ctx, chromedp.Location())
		if err != nil {
			t.Fatalf("location: %v", err)
		}
		u, err := url.Parse(loc)
		if err != nil {
			t.Fatal(err)
		}
		return u.Scheme + "://" + u.Host
	}
	for _, next := range []string{"/\t/" + evilHost + "/", "/\n/" + evilHost + "/", "/\\" + evilHost + "/", "/%09/" + evilHost + "/"} {
		b.do("lang with next "+next, chromedp.Navigate(base+"/lang/en?next="+url.QueryEscape(next)), chromedp.WaitVisible(chromedp.CSS(`body`)))
		if o := origin(); o != base {
			t.Errorf("after /lang?next=%q the browser is on %s, want %s", next, o, base)
		}
	}
	b.login("coordinator", "/\t/"+evilHost+"/")
	if o := origin(); o != base {
		t.Errorf("after log-in with a hostile next the browser is on %s, want %s", o, base)
	}
	if n := visits.Load(); n != 0 {
		t.Errorf("the other site was visited %d times", n)
	}
	// The check has teeth: the same browser does reach the other site by a
	// plain link, so a redirect there would have been seen.
	b.do("visit the other site", chromedp.Navigate(evil+"/"), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if visits.Load() == 0 || origin() != evil {
		t.Errorf("the control visit did not reach the other site (%d visits)", visits.Load())
	}
}
