package http

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"

	"ttdn"
)

// CSRF protection has two layers on every POST of the UI:
//
//  1. the browser's own word: net/http's CrossOriginProtection refuses a
//     request whose Sec-Fetch-Site or Origin says it came from another site;
//  2. a token in a hidden field. With a session, it is derived from the session
//     token (which only the browser holding the HttpOnly cookie knows), so it
//     needs no storage and works across instances. Before log-in, it is a
//     random value also set in a cookie (double submit).
const (
	csrfField  = "csrf_token"
	csrfCookie = "ttdn_csrf"
)

var crossOrigin = http.NewCrossOriginProtection()

// csrfToken returns the token the forms of this request must carry, setting
// the pre-session cookie when needed.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	req := reqOf(r)
	if req.session != "" {
		return sessionCSRF(req.session)
	}
	// Keep a valid cookie: replacing it would void the forms already open
	// in the browser's other tabs.
	if c, err := r.Cookie(csrfCookie); err == nil && validCSRFCookie(c.Value) {
		return c.Value
	}
	tok := rand.Text()
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	return tok
}

// validCSRFCookie accepts a token as csrfToken issues it (rand.Text: 26
// base32 characters, 130 bits) or any other long random-looking value; a
// short or odd one is replaced.
func validCSRFCookie(v string) bool {
	if len(v) < 26 || len(v) > 128 {
		return false
	}
	for _, c := range v {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func sessionCSRF(session string) string {
	sum := sha256.Sum256([]byte("ttdn csrf\x00" + session))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

var errCSRF = ttdn.Errorf(ttdn.EFORBIDDEN,
	"Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
	"The form has expired or is invalid. Please reload the page and try again.")

// validCSRF compares the form's token with the one this browser should hold.
func (s *Server) validCSRF(r *http.Request, req *request) bool {
	got := r.PostFormValue(csrfField)
	var want string
	if req.session != "" {
		want = sessionCSRF(req.session)
	} else if c, err := r.Cookie(csrfCookie); err == nil {
		want = c.Value
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
