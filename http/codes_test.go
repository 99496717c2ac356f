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

// TestNoInternalCodesShown: no page of the route table shows people an
// internal code — indicator codes, watch-term, theme and channel slugs —
// in Vietnamese or English. The codes come from the catalogues stored, so
// a new indicator or term is checked without being listed here.
func TestNoInternalCodesShown(t *testing.T) {
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := permFixture(t, db, ttdn.Internal)
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
	for _, lang := range []string{"vi", "en"} {
		for _, pattern := range f.srv.Routes() {
			method, path := f.permPath(pattern)
			if method != http.MethodGet || skipNarrow(path) {
				continue
			}
			r := f.request(http.MethodGet, path, "coordinator", nil)
			r.AddCookie(&http.Cookie{Name: "lang", Value: lang})
			res := f.do(r)
			if res.Code != http.StatusOK || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/html") {
				continue
			}
			walked++
			text := visibleText(res.Body.String())
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
