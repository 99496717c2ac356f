package http

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestGarbageToEveryPost sends malformed, oversized and broken multipart
// bodies to every POST route, with a valid session and CSRF token so the
// body itself is what is judged: the answer is always 4xx, never 5xx, and
// never shows a stack trace.
func TestGarbageToEveryPost(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := permFixture(t, db, 0)
		tok := sessionCSRF(f.sessions["coordinator"])
		huge := bytes.Repeat([]byte("a"), 17<<20) // over the largest limit (plan import)
		bodies := []struct {
			name, ctype string
			body        []byte
		}{
			{"bad escapes", "application/x-www-form-urlencoded", []byte("csrf_token=" + tok + "&title=%zz%&%%%=\x00\xff")},
			{"oversized", "application/x-www-form-urlencoded", huge},
			{"multipart cut short", "multipart/form-data; boundary=XYZ",
				[]byte("--XYZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + tok + "\r\n--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc")},
			{"multipart without boundary", "multipart/form-data", []byte("--\r\n\r\n")},
			{"broken content type", "multipart/form-data; boundary=\"", []byte("x")},
			{"oversized multipart", "multipart/form-data; boundary=XYZ",
				append([]byte("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"), huge...)},
		}
		for _, pattern := range f.srv.Routes() {
			if !strings.HasPrefix(pattern, "POST ") {
				continue
			}
			_, path := f.permPath(pattern)
			for _, b := range bodies {
				r := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(b.body))
				r.Header.Set("Content-Type", b.ctype)
				r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions["coordinator"]})
				w := f.do(r)
				checkClientError(t, pattern+" "+b.name, w)
			}
		}
	})
}

// TestGarbagePaths sends ids that are not ids to every route with one.
func TestGarbagePaths(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := permFixture(t, db, 0)
		for _, pattern := range f.srv.Routes() {
			method, path, ok := strings.Cut(pattern, " ")
			if !ok || !strings.Contains(path, "{id}") {
				continue
			}
			for _, bad := range []string{"abc", "-1", "0", "99999999999999999999999", "1%00", "%zz"} {
				p := strings.NewReplacer("{id}", bad, "{format}", "csv", "{file}", bad).Replace(path)
				var form map[string][]string
				if method == http.MethodPost {
					form = map[string][]string{}
				}
				r := f.request(method, "/", "coordinator", form)
				r.URL.Path, r.URL.RawPath = p, ""
				if strings.Contains(bad, "%") {
					r.URL.RawPath = p
				}
				if strings.HasPrefix(p, "/api/") {
					r.Header.Set("Authorization", "Bearer "+f.token)
				}
				checkClientError(t, pattern+" with "+bad, f.do(r))
			}
		}
	})
}

func checkClientError(t *testing.T, what string, w *httptest.ResponseRecorder) {
	t.Helper()
	body := w.Body.String()
	if w.Code < 400 || w.Code >= 500 {
		t.Errorf("%s: status %d, want 4xx\n%s", what, w.Code, snippet(body))
	}
	for _, leak := range []string{"goroutine ", "panic", ".go:", "runtime/"} {
		if strings.Contains(body, leak) {
			t.Errorf("%s: the answer shows %q", what, leak)
		}
	}
}
