package http

import (
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestNoDeadLinks: on every GET page of the route table (and the English
// walk's records), as each role, every link into ttdn leads somewhere that
// role may go: no "not found" behind a button the page offered. It runs
// on every engine with one database connection for reads (on PostgreSQL
// for everything), so a request that needs a second while holding one
// fails by name instead of hanging a loaded server.
func TestNoDeadLinks(t *testing.T) {
	sqltest.EachParallel(t, walkLinks)
}

func walkLinks(t *testing.T, db *sqlstore.DB) {
	f := permFixture(t, db, ttdn.Internal)
	extra := englishWalkData(t, f)
	db.LimitReaders(1) // a read waiting for a second reader hangs: doWithin names its page
	href := regexp.MustCompile(`<a [^>]*href="(/[^"#]*)`)
	var pages []string
	for _, pattern := range f.srv.Routes() {
		if method, path := f.permPath(pattern); method == http.MethodGet && !skipNarrow(path) {
			pages = append(pages, path)
		}
	}
	pages = append(pages, extra...)
	checked := 0
	for _, who := range []string{"coordinator", "officer", "finance", "leader", "monitor", "admin"} {
		status := map[string]int{}
		from := map[string]string{}
		for _, page := range pages {
			res := f.doWithin(t, f.request(http.MethodGet, page, who, nil))
			if res.Code != http.StatusOK || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/html") {
				continue
			}
			for _, m := range href.FindAllStringSubmatch(res.Body.String(), -1) {
				link := html.UnescapeString(m[1])
				if strings.HasPrefix(link, "/lang/") || strings.HasPrefix(link, "/public") || strings.Contains(link, "/export") || strings.Contains(link, "/files/") {
					continue
				}
				if _, ok := from[link]; !ok {
					from[link] = page
				}
			}
		}
		var links []string
		for l := range from {
			links = append(links, l)
		}
		sort.Strings(links)
		for _, l := range links {
			res := f.doWithin(t, f.request(http.MethodGet, l, who, nil))
			status[l] = res.Code
			checked++
			if res.Code == http.StatusNotFound {
				t.Errorf("%s: %s links to %s, which answers 404", who, from[l], l)
			}
		}
	}
	if checked < 200 {
		t.Fatalf("only %d links checked", checked)
	}
}

// doWithin serves r and fails the test if the answer takes a minute: with
// one database reader that is a request holding a reader while it waits for
// another, which under load takes every reader of the pool and never ends.
func (f *fixture) doWithin(t *testing.T, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() { done <- f.do(r) }()
	select {
	case res := <-done:
		return res
	case <-time.After(time.Minute):
		t.Fatalf("%s %s has not answered in a minute with one database reader: does it read inside another read?", r.Method, r.URL)
		return nil
	}
}
