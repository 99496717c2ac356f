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
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	tok := rand.Text()
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	return tok
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
