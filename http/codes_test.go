package http

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// visibleText is what a person reads on a page: no tags, attributes,
// scripts or styles.
func visibleText(page string) string {
	page = regexp.MustCompile(`(?s)<(script|style|svg)\b.*?</(script|style|svg)>`).ReplaceAllString(page, " ")
	page = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, " ")
	return html.UnescapeString(page)
}

var (
	optionCodeRE = regexp.MustCompile(`<option value="([a-z][a-z0-9_-]*)"[^>]*>\s*([^<]*?)\s*</option>`)
	ofWhichRE    = regexp.MustCompile(`(?:trong đó|of which): ([a-z]{2}) \(`)
)

// TestNoInternalCodesShown: no page of the route table shows people an
// internal code — indicator codes, watch-term, theme and channel slugs —
// in Vietnamese or English. The codes come from the catalogues stored, so
// a new indicator or term is checked without being listed here.
func TestNoInternalCodesShown(t *testing.T) {
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := permFixture(t, db, ttdn.Internal)
	// The English walk's records (a press item matching watch terms, a
	// case, an estimate, a report) are walked too, with a press search.
	extra := append(englishWalkData(t, f), "/press?q=moc+bai", "/notifications")
	ctx := sqltest.SystemContext()
	var codes []string
	inds, err := sqlstore.NewIndicatorService(db).FindIndicators(ctx, ttdn.IndicatorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range inds {
		codes = append(codes, i.Code)
	}
	themes, err := sqlstore.NewThemeService(db).FindThemes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range themes {
		codes = append(codes, th.Code)
	}
	chans, _, err := sqlstore.NewChannelService(db).FindChannels(ctx, ttdn.ChannelFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chans {
		codes = append(codes, c.Code)
	}
	terms, err := sqlstore.NewPressService(db).FindWatchTerms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range terms {
		codes = append(codes, w.Code)
	}
	var slugs []string // codes no word of a language contains
	for _, c := range codes {
		if strings.ContainsAny(c, "_-") {
			slugs = append(slugs, c)
		}
	}
	if len(slugs) < 10 {
		t.Fatalf("only %d codes to look for", len(slugs))
	}
	walked := 0
	type visit struct{ who, path string }
	var visits []visit
	for _, pattern := range f.srv.Routes() {
		if method, path := f.permPath(pattern); method == http.MethodGet && !skipNarrow(path) {
			visits = append(visits, visit{"coordinator", path})
		}
	}
	for _, path := range extra {
		visits = append(visits, visit{"coordinator", path}, visit{"monitor", path})
	}
	for _, lang := range []string{"vi", "en"} {
		for _, v := range visits {
			path := v.path
			r := f.request(http.MethodGet, path, v.who, nil)
			r.AddCookie(&http.Cookie{Name: "lang", Value: lang})
			res := f.do(r)
			if res.Code != http.StatusOK || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/html") {
				continue
			}
			walked++
			// A choice shows its name, not the code it sends.
			for _, m := range optionCodeRE.FindAllStringSubmatch(res.Body.String(), -1) {
				if m[1] == m[2] {
					t.Errorf("%s (%s) offers the choice %q by its code", path, lang, m[1])
				}
			}
			// A "trong đó" row names its item (a language by its name).
			for _, m := range ofWhichRE.FindAllStringSubmatch(html.UnescapeString(res.Body.String()), -1) {
				if ttdn.LanguageName(m[1], false) != m[1] {
					t.Errorf("%s (%s) shows the language code %q in %q", path, lang, m[1], m[0])
				}
			}
			text := visibleText(res.Body.String())
			if strings.Contains(text, "[TTĐN]") {
				t.Errorf("%s (%s) shows the e-mail subject tag [TTĐN]", path, lang)
			}
			for _, c := range slugs {
				if regexp.MustCompile(`(^|[\s(])` + regexp.QuoteMeta(c) + `($|[\s),.;])`).MatchString(text) {
					t.Errorf("%s (%s) shows the code %q", path, lang, c)
				}
			}
		}
	}
	if walked < 60 {
		t.Fatalf("only %d pages walked", walked)
	}
}
