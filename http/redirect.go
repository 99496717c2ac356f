package http

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every redirect the server answers goes through redirect, and every target
// a visitor can choose (?next=, the log-in form's next, the review queue's
// back) is checked by localPath: an open redirect would let a link on
// another site borrow this site's name to send officials anywhere.

// redirect answers 303 See Other to target, or to "/" when target is not a
// path on this site.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, target string) {
	http.Redirect(w, r, localTarget(target), http.StatusSeeOther)
}

// setLocation sets the Location of an answer that is not a redirect (201
// Created names the new record), under the same check.
func setLocation(w http.ResponseWriter, target string) {
	w.Header().Set("Location", localTarget(target))
}

// localTarget returns target when localPath accepts it, else "/".
func localTarget(target string) string {
	if !localPath(target) {
		return "/"
	}
	return target
}

// safeNext returns a visitor-chosen target when it is a path on this site,
// else "" (the forms then carry none and the redirect goes home).
func safeNext(next string) string {
	if !localPath(next) {
		return ""
	}
	return next
}

// maxDecodes bounds the percent-decoding rounds: a target still changing
// after them is encoded on purpose to hide something.
const maxDecodes = 4

// localPath reports whether target is a path on this site: it starts with
// exactly one "/" (not "//" nor "/\", which browsers take as another host),
// has no scheme or host, no empty path segment, and holds no backslash, control character or white
// space — neither as written nor once percent-decoded, however many times
// it was encoded. Browsers drop tabs and newlines from URLs, so "/\t/evil"
// would become "//evil"; backslashes count as slashes and net/http cleans
// "/./\evil" to "/\evil".
func localPath(target string) bool {
	s := target
	for range maxDecodes {
		if !localShape(s) {
			return false
		}
		d := percentDecode(s)
		if d == s {
			u, err := url.Parse(target)
			return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil && u.Opaque == ""
		}
		s = d
	}
	return false
}

// localShape checks one layer of a target.
func localShape(s string) bool {
	if len(s) == 0 || s[0] != '/' || len(s) > 1 && (s[1] == '/' || s[1] == '\\') {
		return false
	}
	if !utf8.ValidString(s) {
		return false
	}
	if path, _, _ := strings.Cut(s, "?"); strings.Contains(path, "//") {
		return false // no empty segment: cleaning "/.//x" must not be what keeps it local
	}
	for _, c := range s {
		if c == '\\' || unicode.IsControl(c) || unicode.IsSpace(c) || c == utf8.RuneError ||
			unicode.Is(unicode.Cf, c) { // format characters: zero-width, bidi overrides
			return false
		}
	}
	return true
}

// percentDecode decodes every %XX and keeps a "%" not followed by two hex
// digits as it is, as browsers do.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
			b.WriteByte('%')
			continue
		}
		b.WriteByte(byte(unhex(s[i+1])<<4 | unhex(s[i+2])))
		i += 2
	}
	return b.String()
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// redirectToSignOn sends the browser to the sign-on provider's
// authorisation endpoint (oidc_ui.go): the one target off this site. It
// comes from the provider's discovery document at the issuer the operator
// configured, never from anything a visitor sent.
func (s *Server) redirectToSignOn(w http.ResponseWriter, r *http.Request, authURL string) {
	http.Redirect(w, r, authURL, http.StatusSeeOther)
}
