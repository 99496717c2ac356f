package http

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLoginFormInTwoTabs: opening the log-in page twice (two tabs) keeps
// the first form valid: the anonymous CSRF cookie is not replaced.
func TestLoginFormInTwoTabs(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		get := func(jar *http.Cookie) (*httptest.ResponseRecorder, string) {
			r := f.request(http.MethodGet, "/login", anon, nil)
			if jar != nil {
				r.AddCookie(jar)
			}
			w := f.do(r)
			body := w.Body.String()
			i := strings.Index(body, `name="`+csrfField+`" value="`)
			if w.Code != http.StatusOK || i < 0 {
				t.Fatalf("log-in page: %d", w.Code)
			}
			rest := body[i+len(`name="`+csrfField+`" value="`):]
			return w, rest[:strings.IndexByte(rest, '"')]
		}
		w1, tok1 := get(nil)
		jar := cookieOf(w1, csrfCookie)
		if jar == nil {
			t.Fatal("no CSRF cookie on the first visit")
		}
		w2, _ := get(jar)
		if c := cookieOf(w2, csrfCookie); c != nil {
			jar = c // what the browser would now hold
		}
		r := f.request(http.MethodPost, "/login", anon, form("username", "officer", "password", testPassword, csrfField, tok1))
		r.AddCookie(jar)
		if w := f.do(r); w.Code != http.StatusSeeOther || cookieOf(w, sessionCookie) == nil {
			t.Fatalf("first tab's form after the second tab opened: %d %s", w.Code, snippet(w.Body.String()))
		}
	})
}
