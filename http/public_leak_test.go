package http

import (
	"net/url"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPublicSiteShowsOnlyPublic builds records at every classification,
// publishes what the form allows (the public ones), makes two published
// records more classified afterwards, then crawls every public route of
// the route table (every language, section, publication id and file) and
// every link found, anonymously and with a coordinator's session cookie:
// no marker of a non-public record appears in any page, feed, calendar or
// the sitemap; every public one appears; no answer sets a cookie; and the
// coordinator's cookie changes nothing.
func TestPublicSiteShowsOnlyPublic(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newPublicWorld(t, db)
		anonBodies := w.crawlPublic(t, w.h, anon)
		coordBodies := w.crawlPublic(t, w.h, "coordinator")
		if len(anonBodies) < 60 {
			t.Fatalf("crawled only %d resources", len(anonBodies))
		}
		t.Logf("crawled %d resources; %d markers shown, %d never", len(anonBodies), len(w.shown), len(w.never))
		all := ""
		for p, body := range anonBodies {
			for _, m := range w.never {
				if strings.Contains(body, m) {
					t.Errorf("%s shows %q, which is not public", p, m)
				}
			}
			if coordBodies[p] != body {
				t.Errorf("%s differs with a session cookie", p)
			}
			all += body
		}
		for _, m := range w.shown {
			for _, lang := range []string{"Tin " + m, "News " + m, "ព័ត៌មាន " + m} {
				if !strings.Contains(all, lang) {
					t.Errorf("%q was published but appears nowhere", lang)
				}
			}
		}
		// Unpublishing removes the fair from every page, feed and the sitemap at once.
		fair := "/public/vi/items/" + itoa(w.fairID)
		if !strings.Contains(anonBodies["/public/sitemap.xml"], fair) {
			t.Fatalf("the sitemap lacks %s", fair)
		}
		w.step(t, "GET", "/publications/"+itoa(w.fairID), "coordinator", nil, 200)
		w.step(t, "POST", "/publications/"+itoa(w.fairID)+"/unpublish", "coordinator", url.Values{"version": {"1"}}, 303)
		for p, body := range w.crawlPublic(t, w.h, anon) {
			if strings.Contains(body, "HĐ-public-fair") {
				t.Errorf("%s still shows the unpublished fair", p)
			}
		}
	})
}
