package http

import (
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"ttdn"
)

// Text enters the server through the URL, forms and uploaded files. A NUL
// byte or invalid UTF-8 in it made PostgreSQL fail (a 500) and SQLite store
// what PostgreSQL then refused on import; ttdn.CleanText removes both. The
// URL's query is cleaned for every request here, a posted form once it is
// parsed (cleanForm), uploaded text where it is read.

// cleanInput cleans the query string before any handler reads it and
// refuses a path holding NUL or invalid UTF-8: no route has one.
func (s *Server) cleanInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ttdn.IsCleanText(r.URL.Path) {
			err := ttdn.Errorf(ttdn.EINVALID, "Địa chỉ trang có ký tự không hợp lệ.", "The page address holds invalid characters.")
			if isAPI(r) {
				s.apiError(w, r, err)
			} else {
				s.renderError(w, r, err)
			}
			return
		}
		if q := r.URL.RawQuery; q != "" && dirtyQuery(q) {
			r.URL.RawQuery = cleanValues(r.URL.Query()).Encode()
		}
		next.ServeHTTP(w, r)
	})
}

// dirtyQuery reports whether a raw query decodes to text CleanText would
// change; a query of plain ASCII without escapes is clean at a glance.
func dirtyQuery(raw string) bool {
	if !strings.Contains(raw, "%") && ttdn.IsCleanText(raw) {
		return false
	}
	for k, vs := range url.Values(mustParseQuery(raw)) {
		if !ttdn.IsCleanText(k) {
			return true
		}
		for _, v := range vs {
			if !ttdn.IsCleanText(v) {
				return true
			}
		}
	}
	return false
}

// mustParseQuery parses what it can, as url.URL.Query does.
func mustParseQuery(raw string) url.Values {
	v, _ := url.ParseQuery(raw)
	return v
}

// cleanValues cleans every key and value of v in place and returns it.
func cleanValues(v url.Values) url.Values {
	for k, vs := range v {
		for i := range vs {
			vs[i] = ttdn.CleanText(vs[i])
		}
		if ck := ttdn.CleanText(k); ck != k {
			delete(v, k)
			v[ck] = append(v[ck], vs...)
		}
	}
	return v
}

// cleanForm cleans a parsed form: its fields, and the names of uploaded
// files (stored with the attachment). File contents are not text here;
// the code that reads a file as text cleans it.
func cleanForm(r *http.Request) {
	cleanValues(r.Form)
	cleanValues(r.PostForm)
	if mf := r.MultipartForm; mf != nil {
		cleanMultipart(mf)
	}
}

func cleanMultipart(mf *multipart.Form) {
	cleanValues(url.Values(mf.Value))
	for _, files := range mf.File {
		for _, fh := range files {
			fh.Filename = ttdn.CleanText(fh.Filename)
		}
	}
}
