package http

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

var jsonLD = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// claimReviewOf parses the ClaimReview of a page and checks its fields.
func claimReviewOf(t *testing.T, body string) map[string]any {
	t.Helper()
	m := jsonLD.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no JSON-LD on the rebuttal's page")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("ClaimReview is not JSON: %v\n%s", err, m[1])
	}
	rating, _ := v["reviewRating"].(map[string]any)
	author, _ := v["author"].(map[string]any)
	if v["@context"] != "https://schema.org" || v["@type"] != "ClaimReview" || v["claimReviewed"] == "" ||
		rating["ratingValue"] != float64(1) || rating["alternateName"] != "Sai sự thật" || author["@type"] != "Organization" ||
		author["name"] == "" || !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(v["datePublished"].(string)) {
		t.Fatalf("ClaimReview: %v", v)
	}
	return v
}

// TestPublicPages checks what the pages carry: the language of each page
// (lang="km" on Khmer ones), the fallback note, canonical, hreflang and
// Open Graph, the rebuttal's ClaimReview, the feeds and calendar as their
// formats, the cache's ETag, the rate limit, and the public address
// serving nothing of the internal UI.
func TestPublicPages(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newPublicWorld(t, db)
		get := func(h http.Handler, path string, hdr ...string) *httptest.ResponseRecorder {
			r := httptest.NewRequest(http.MethodGet, path, nil)
			for i := 0; i+1 < len(hdr); i += 2 {
				r.Header.Set(hdr[i], hdr[i+1])
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			return rec
		}
		fair := "/items/" + itoa(w.fairID)
		for lang, title := range map[string]string{"vi": "Tin HĐ-public-fair", "en": "News HĐ-public-fair", "km": "ព័ត៌មាន HĐ-public-fair"} {
			rec := get(w.h, "/public/"+lang+fair)
			body := rec.Body.String()
			if rec.Code != 200 || !strings.Contains(body, `<html lang="`+lang+`">`) || !strings.Contains(body, "<h1>"+title+"</h1>") {
				t.Fatalf("%s page: %d\n%s", lang, rec.Code, snippet(body))
			}
			for _, want := range []string{`<link rel="canonical" href="http://example.com/public/` + lang + fair + `">`,
				`hreflang="vi" href="http://example.com/public/vi` + fair, `hreflang="en" href="http://example.com/public/en` + fair,
				`hreflang="km" href="http://example.com/public/km` + fair, `hreflang="x-default"`, `property="og:title" content="` + title,
				`property="og:url"`, `property="og:locale"`, `property="og:type" content="article"`} {
				if !strings.Contains(body, want) {
					t.Errorf("%s page lacks %s", lang, want)
				}
			}
			if strings.Contains(body, publicT(lang, "fallback")) {
				t.Errorf("%s page says it falls back", lang)
			}
		}
		// The rebuttal has no approved Khmer… it has one marked translated: shown.
		// Its English is approved. A version still to translate falls back:
		p, err := sqlstore.NewPublicationService(db).FindPublicationByID(sqltest.UserContext(w.users["coordinator"]), w.rebutID)
		if err != nil {
			t.Fatal(err)
		}
		texts := []ttdn.PublicationText{*p.In("vi"), *p.In("en")}
		texts[1].Status = ttdn.TranslationNeeded
		form := url.Values{"version": {itoa(int64(p.Version))}, "author": {p.Author}, "title_vi": {texts[0].Title},
			"body_vi": {texts[0].Body}, "title_en": {texts[1].Title}, "status_en": {"needed"}}
		w.step(t, "POST", "/publications/"+itoa(w.rebutID), "coordinator", form, http.StatusSeeOther)
		rebut := "/items/" + itoa(w.rebutID)
		body := get(w.h, "/public/en"+rebut).Body.String()
		if !strings.Contains(body, publicT("en", "fallback")) || !strings.Contains(body, `<article lang="vi">`) ||
			!strings.Contains(body, `<link rel="canonical" href="http://example.com/public/vi`+rebut+`">`) ||
			strings.Contains(body, `hreflang="en" href=`) || strings.Contains(body, `hreflang="km" href=`) {
			t.Errorf("English page of a Vietnamese-only item:\n%s", snippet(body))
		}
		if v := claimReviewOf(t, body); !strings.Contains(v["claimReviewed"].(string), "PB-public-claim") {
			t.Errorf("claimReviewed: %v", v["claimReviewed"])
		}
		if !strings.Contains(get(w.h, "/public/km/").Body.String(), `<html lang="km">`) {
			t.Error("the Khmer home is not lang=km")
		}

		// Feeds and the calendar parse as their formats.
		var atom struct {
			Entries []struct {
				Title string `xml:"title"`
				Lang  string `xml:"lang,attr"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(get(w.h, "/public/en/feed.atom").Body.Bytes(), &atom); err != nil || len(atom.Entries) != 3 {
			t.Fatalf("atom: %+v %v", atom, err)
		}
		var feed struct {
			Version string `json:"version"`
			Items   []struct {
				Title, Language string
			} `json:"items"`
		}
		if err := json.Unmarshal(get(w.h, "/public/km/feed.json").Body.Bytes(), &feed); err != nil || len(feed.Items) != 3 ||
			feed.Version != "https://jsonfeed.org/version/1.1" {
			t.Fatalf("json feed: %+v %v", feed, err)
		}
		ics := get(w.h, "/public/vi/events.ics")
		if b := ics.Body.String(); ics.Header().Get("Content-Type") != "text/calendar; charset=utf-8" ||
			strings.Count(b, "BEGIN:VEVENT") != 1 || !strings.Contains(b, "DTSTART;VALUE=DATE:20190720\r\n") ||
			!strings.Contains(b, "SUMMARY:Tin HĐ-public-fair\r\n") {
			t.Fatalf("calendar:\n%s", b)
		}
		var sitemap struct {
			URLs []struct{ Loc string } `xml:"url"`
		}
		if err := xml.Unmarshal(get(w.h, "/public/sitemap.xml").Body.Bytes(), &sitemap); err != nil || len(sitemap.URLs) < 15 {
			t.Fatalf("sitemap: %v %v", sitemap, err)
		}

		// The fair's file downloads; a secret activity's file does not, under any publication.
		dl := get(w.h, "/public/en/items/"+itoa(w.fairID)+"/files/"+itoa(w.fileIDs[0]))
		if dl.Code != 200 || !strings.HasPrefix(dl.Header().Get("Content-Disposition"), "attachment;") || !strings.Contains(dl.Body.String(), "HĐ-public-fair") {
			t.Errorf("the fair's file: %d %q", dl.Code, dl.Header().Get("Content-Disposition"))
		}
		if !strings.Contains(get(w.h, "/public/en"+fair).Body.String(), "/files/"+itoa(w.fileIDs[0])+`"`) {
			t.Error("the fair's page does not offer its file")
		}
		if get(w.h, "/public/en/items/"+itoa(w.fairID)+"/files/"+itoa(w.fileIDs[len(w.fileIDs)-1])).Code != 404 {
			t.Error("a secret activity's file downloads under the fair")
		}

		// A leader reads the publication; only the coordinator has its forms.
		lead, _ := w.step(t, "GET", "/publications/"+itoa(w.fairID), "leader", nil, 200)
		coordPage, _ := w.step(t, "GET", "/publications/"+itoa(w.fairID), "coordinator", nil, 200)
		if !strings.Contains(lead, "News HĐ-public-fair") || strings.Contains(lead, `id="publication-form"`) ||
			!strings.Contains(coordPage, `id="publication-form"`) || !strings.Contains(coordPage, `id="unpublish"`) {
			t.Error("the publication page's forms by role")
		}

		// Lists page; a page past the end is not found.
		if get(w.h, "/public/vi/activities?page=x").Code != 200 || get(w.h, "/public/vi/activities?page=2").Code != 404 {
			t.Error("list paging")
		}

		// The cache answers a repeated request with its ETag.
		first := get(w.h, "/public/vi/")
		if etag := first.Header().Get("ETag"); etag == "" || get(w.h, "/public/vi/", "If-None-Match", etag).Code != http.StatusNotModified {
			t.Error("no ETag / 304 on the home page")
		}

		// The public address: the site, nothing else.
		ph := w.srv.PublicHandler()
		for path, code := range map[string]int{"/": 303, "/robots.txt": 200, "/sitemap.xml": 200, "/public/vi/": 200,
			"/public/km" + fair: 200, "/login": 404, "/plans": 404, "/api/v1/plans": 404, "/publications": 404, "/assets/app.js": 404} {
			if rec := get(ph, path); rec.Code != code || len(rec.Header().Values("Set-Cookie")) > 0 {
				t.Errorf("public address %s: %d, want %d (cookies %q)", path, rec.Code, code, rec.Header().Values("Set-Cookie"))
			}
		}
		if csp := get(ph, "/public/vi/").Header().Get("Content-Security-Policy"); csp != contentSecurityPolicy {
			t.Errorf("CSP on the public address: %q", csp)
		}

		// The rate limit: one client, past its minute.
		cfg := w.srv.cfg
		cfg.PublicRateLimit = 3
		limited := NewServer(cfg).PublicHandler()
		codes := ""
		for range 4 {
			codes += itoa(int64(get(limited, "/public/vi/").Code)) + " "
		}
		if codes != "200 200 200 429 " {
			t.Errorf("rate limit: %s", codes)
		}
	})
}

// TestPublicListPages publishes more items than a page holds: the first
// page links the next, the second holds the rest and is canonical to
// itself, and the pages together hold every item once.
func TestPublicListPages(t *testing.T) {
	db := sqltestOpen(t)
	f := newFixture(t, db, false)
	coord := sqltest.UserContext(f.users["coordinator"])
	acts, pubs := sqlstore.NewActivityService(db), sqlstore.NewPublicationService(db)
	for i := range publicPageSize + 5 {
		a := &ttdn.Activity{Type: ttdn.ActivityFair, Title: "Hội chợ số " + itoa(int64(i)) + ".", StartDate: ttdn.Date{Year: 2019, Month: 9, Day: 1},
			UnitIDs: []int64{f.units["so-tttt"].ID}, Classification: ttdn.Public}
		if err := acts.CreateActivity(coord, a); err != nil {
			t.Fatal(err)
		}
		p := &ttdn.Publication{Author: "Sở", Texts: []ttdn.PublicationText{{Lang: "vi", Title: a.Title}}}
		if err := pubs.Publish(coord, ttdn.PublicationSource{Kind: ttdn.ResourceActivity, ID: a.ID}, p); err != nil {
			t.Fatal(err)
		}
	}
	one := f.do(f.request(http.MethodGet, "/public/vi/activities", anon, nil)).Body.String()
	two := f.do(f.request(http.MethodGet, "/public/vi/activities?page=2", anon, nil)).Body.String()
	if !strings.Contains(one, `href="/public/vi/activities?page=2" rel="next"`) || !strings.Contains(two, `rel="prev"`) ||
		!strings.Contains(two, `<link rel="canonical" href="http://example.com/public/vi/activities?page=2">`) {
		t.Fatalf("page links:\n%s", snippet(two))
	}
	for i := range publicPageSize + 5 {
		title := "Hội chợ số " + itoa(int64(i)) + "."
		if strings.Count(one, title)+strings.Count(two, title) != 1 {
			t.Errorf("%q is on the pages %d times", title, strings.Count(one, title)+strings.Count(two, title))
		}
	}
}
