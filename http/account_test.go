package http

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// loginAs posts the log-in form from addr and returns the response.
func (f *fixture) loginAs(user, password, addr string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	tok := fixedCSRF
	for _, c := range cookies {
		if c.Name == sessionCookie { // the form came from a page of that session
			tok = sessionCSRF(c.Value)
		}
	}
	r := f.request(http.MethodPost, "/login", anon, form("username", user, "password", password, csrfField, tok))
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: fixedCSRF})
	for _, c := range cookies {
		r.AddCookie(c)
	}
	r.RemoteAddr = addr + ":5555"
	return f.do(r)
}

func cookieOf(w *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// TestLoginSessionAndThrottle: a log-in gets a new HttpOnly SameSite session
// id even when the browser already had one; quick wrong passwords from one
// address are slowed down with a Vietnamese message, and do not stop the
// account at another address.
func TestLoginSessionAndThrottle(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		planted := &http.Cookie{Name: sessionCookie, Value: f.sessions["officer"]}
		w := f.loginAs("officer", testPassword, "10.1.0.1", planted)
		c := cookieOf(w, sessionCookie)
		if w.Code != http.StatusSeeOther || c == nil || c.Value == f.sessions["officer"] || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Fatalf("log-in: %d, cookie %+v", w.Code, c)
		}
		if _, err := sqlstore.NewAuthService(db).FindSessionUser(t.Context(), f.sessions["officer"]); err == nil {
			t.Fatal("the session id from before log-in still works")
		}
		for i := range sqlstore.PairFreeFailures {
			if w := f.loginAs("finance", "sai-mat-khau-roi", "10.1.0.10"); w.Code != http.StatusUnauthorized {
				t.Fatalf("wrong password %d: %d", i, w.Code)
			}
		}
		w = f.loginAs("finance", testPassword, "10.1.0.10")
		if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "vui lòng chờ 2 giây") {
			t.Fatalf("slowed down: %d %s", w.Code, snippet(w.Body.String()))
		}
		if w := f.loginAs("finance", testPassword, "10.1.0.99"); w.Code != http.StatusSeeOther {
			t.Fatalf("another address: %d %s", w.Code, snippet(w.Body.String()))
		}
	})
}

// TestLogoutEverywhereHTTP: the account page's button ends every session.
func TestLogoutEverywhereHTTP(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		other := sqltest.MustCreateSession(t, db, f.users["coordinator"])
		if w := f.do(f.request(http.MethodGet, "/account", "coordinator", nil)); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Đăng xuất khỏi mọi thiết bị") {
			t.Fatalf("account page: %d", w.Code)
		}
		w := f.do(f.request(http.MethodPost, "/account/logout-all", "coordinator", form()))
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
			t.Fatalf("logout-all: %d", w.Code)
		}
		for _, s := range []string{other, f.sessions["coordinator"]} {
			if _, err := sqlstore.NewAuthService(db).FindSessionUser(t.Context(), s); err == nil {
				t.Fatal("a session survived log-out everywhere")
			}
		}
	})
}

// TestTOTPLoginHTTP: enrol through the pages, then log in in two steps; an
// admin turning the requirement on sends an unenrolled admin to enrolment.
func TestTOTPLoginHTTP(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		now := time.Now()
		db.Now = func() time.Time { return now }
		w := f.do(f.request(http.MethodPost, "/account/totp", "officer", form()))
		body := w.Body.String()
		i := strings.Index(body, "secret=")
		if w.Code != http.StatusOK || i < 0 || !strings.Contains(body, "otpauth://totp/") {
			t.Fatalf("begin: %d %s", w.Code, snippet(body))
		}
		secret := body[i+7 : i+7+32]
		w = f.do(f.request(http.MethodPost, "/account/totp/confirm", "officer", form("code", sqlstore.TOTPCode(secret, now), "current", testPassword)))
		if w.Code != http.StatusOK || strings.Count(w.Body.String(), "<li><code>") != 10 {
			t.Fatalf("confirm: %d %s", w.Code, snippet(w.Body.String()))
		}
		w = f.loginAs("officer", testPassword, "10.2.0.1")
		pending := cookieOf(w, pendingCookie)
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login/totp") || pending == nil || cookieOf(w, sessionCookie) != nil {
			t.Fatalf("password step: %d %v", w.Code, w.Header())
		}
		now = now.Add(30 * time.Second)
		r := f.request(http.MethodPost, "/login/totp", anon, form("code", sqlstore.TOTPCode(secret, now), csrfField, fixedCSRF))
		r.AddCookie(&http.Cookie{Name: csrfCookie, Value: fixedCSRF})
		r.AddCookie(pending)
		w = f.do(r)
		if w.Code != http.StatusSeeOther || cookieOf(w, sessionCookie) == nil {
			t.Fatalf("code step: %d %s", w.Code, snippet(w.Body.String()))
		}

		if w := f.do(f.request(http.MethodPost, "/account/totp/require", "admin", form("require", "on"))); w.Code != http.StatusSeeOther {
			t.Fatalf("require: %d", w.Code)
		}
		f.srv.totpReq.forget()
		if w := f.do(f.request(http.MethodGet, "/plans", "admin", nil)); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/account/totp" {
			t.Fatalf("unenrolled admin: %d %s", w.Code, w.Header().Get("Location"))
		}
		if w := f.do(f.request(http.MethodGet, "/plans", "officer", nil)); w.Code != http.StatusOK {
			t.Fatalf("officer under the requirement: %d", w.Code)
		}
	})
}

// TestTOTPOnNeedsPassword: turning TOTP on asks for the current password
// (a wrong one changes nothing, counts as a failed log-in and keeps the
// offered secret on the page), and then ends every other session of the
// user, keeping the one that did it.
func TestTOTPOnNeedsPassword(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		now := time.Now()
		db.Now = func() time.Time { return now }
		other := sqltest.MustCreateSession(t, db, f.users["officer"])
		w := f.do(f.request(http.MethodPost, "/account/totp", "officer", form()))
		body := w.Body.String()
		i := strings.Index(body, "secret=")
		if w.Code != http.StatusOK || i < 0 || !strings.Contains(body, `name="current"`) {
			t.Fatalf("begin: %d %s", w.Code, snippet(body))
		}
		secret := body[i+7 : i+7+32]
		uri := "otpauth://totp/ttdn:officer?secret=" + secret
		for _, pw := range []string{"", "khong-phai-mat-khau"} {
			w = f.do(f.request(http.MethodPost, "/account/totp/confirm", "officer",
				form("code", sqlstore.TOTPCode(secret, now), "current", pw, "secret", secret, "uri", uri)))
			if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Mật khẩu hiện tại không đúng") ||
				!strings.Contains(w.Body.String(), secret) {
				t.Fatalf("password %q: %d %s", pw, w.Code, snippet(w.Body.String()))
			}
		}
		u, err := sqlstore.NewUserService(db).FindUserByID(sqltest.SystemContext(), f.users["officer"].ID)
		if err != nil || u.TOTPEnabled {
			t.Fatalf("TOTP turned on without the password: %v", err)
		}
		if _, err := sqlstore.NewAuthService(db).FindSessionUser(t.Context(), other); err != nil {
			t.Fatalf("a refused attempt ended a session: %v", err)
		}
		if n := len(f.auditRows(t, "login_failed")); n != 2 {
			t.Fatalf("%d failed attempts audited, want 2", n)
		}
		w = f.do(f.request(http.MethodPost, "/account/totp/confirm", "officer",
			form("code", sqlstore.TOTPCode(secret, now), "current", testPassword, "secret", secret, "uri", uri)))
		if w.Code != http.StatusOK || strings.Count(w.Body.String(), "<li><code>") != 10 {
			t.Fatalf("confirm: %d %s", w.Code, snippet(w.Body.String()))
		}
		if _, err := sqlstore.NewAuthService(db).FindSessionUser(t.Context(), other); err == nil {
			t.Fatal("another session survived turning TOTP on")
		}
		if w := f.do(f.request(http.MethodGet, "/account", "officer", nil)); w.Code != http.StatusOK {
			t.Fatalf("the session that turned TOTP on: %d", w.Code)
		}
	})
}

// TestSecurityHeaders: every answer carries a CSP without inline script,
// frame-ancestors 'none', nosniff and a strict referrer policy.
func TestSecurityHeaders(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		for _, p := range []string{"/login", "/plans", "/no-such-page", "/api/v1/plans", "/assets/style.css"} {
			w := f.do(f.request(http.MethodGet, p, anon, nil))
			h := w.Header()
			csp := h.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("%s: CSP %q", p, csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: no nosniff", p)
			}
			if rp := h.Get("Referrer-Policy"); rp != "strict-origin-when-cross-origin" && rp != "no-referrer" {
				t.Errorf("%s: referrer policy %q", p, rp)
			}
		}
	})
}
