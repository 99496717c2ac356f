package http

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"ttdn/oidc"
	"ttdn/oidc/oidctest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// signOnFixture is the fixture with single sign-on through a provider
// started inside the test.
func signOnFixture(t *testing.T, db *sqlstore.DB) (*fixture, *oidctest.Provider) {
	f := newFixture(t, db, false)
	p := oidctest.Start(t, "ttdn-tay-ninh", "bi-mat-cua-ung-dung")
	c, err := oidc.New(oidc.Config{Issuer: p.Issuer(), ClientID: "ttdn-tay-ninh", ClientSecret: "bi-mat-cua-ung-dung",
		RedirectURL: "http://example.com/login/oidc/callback"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.srv.cfg
	cfg.OIDC, cfg.SignOn = c, sqlstore.NewAuthService(db)
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	return f, p
}

// signOn runs the browser's part: ttdn → provider → ttdn's callback.
// spoilState sends the callback another state than ttdn gave.
func (f *fixture) signOn(t *testing.T, next string, spoilState bool) *httptest.ResponseRecorder {
	t.Helper()
	w := f.do(f.request("GET", "/login/oidc?next="+url.QueryEscape(next), anon, nil))
	var cookie *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == oidcCookie {
			cookie = c
		}
	}
	auth := w.Header().Get("Location")
	if w.Code != http.StatusSeeOther || cookie == nil || !cookie.HttpOnly {
		t.Fatalf("start: %d %q cookie %v", w.Code, auth, cookie)
	}
	for _, want := range []string{"code_challenge_method=S256", "code_challenge=", "nonce=", "state=", "scope=openid"} {
		if !strings.Contains(auth, want) {
			t.Errorf("authorisation URL lacks %s: %s", want, auth)
		}
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(auth)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("provider: %d %v", resp.StatusCode, err)
	}
	if spoilState {
		q := back.Query()
		q.Set("state", oidc.Random())
		back.RawQuery = q.Encode()
	}
	r := f.request("GET", back.RequestURI(), anon, nil)
	r.AddCookie(cookie)
	return f.do(r)
}

func sessionOf(w *httptest.ResponseRecorder) string {
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			return c.Value
		}
	}
	return ""
}

// TestSignOn logs in through an OpenID provider started here: by user
// name, by verified e-mail; an unknown identity, an unverified e-mail, a
// wrong state, and tokens with a wrong nonce, audience, expiry or
// signature are each refused with a Vietnamese message and no session.
// Local passwords still work.
func TestSignOn(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, p := signOnFixture(t, db)
		if body := f.do(f.request("GET", "/login", anon, nil)).Body.String(); !strings.Contains(body, "Đăng nhập bằng tài khoản một cửa") {
			t.Error("no sign-on button on the log-in page")
		}

		p.LogInAs(map[string]any{"sub": "sso-1", "preferred_username": "officer", "name": "Cán bộ Công an"})
		w := f.signOn(t, "/plans", false)
		sess := sessionOf(w)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/plans" || sess == "" {
			t.Fatalf("sign-on by user name: %d %q %s", w.Code, w.Header().Get("Location"), snippet(w.Body.String()))
		}
		f.sessions["sso"] = sess
		if body := f.do(f.request("GET", "/account", "sso", nil)).Body.String(); !strings.Contains(body, "officer") {
			t.Error("the session is not the officer's")
		}

		tx, err := db.BeginTx(t.Context(), true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(t.Context(), `UPDATE users SET email = 'taichinh@tayninh.gov.vn' WHERE username = 'finance'`); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		p.LogInAs(map[string]any{"sub": "sso-2", "preferred_username": "nguyen.van.a", "email": "TaiChinh@tayninh.gov.vn", "email_verified": true})
		if w := f.signOn(t, "", false); w.Code != http.StatusSeeOther || sessionOf(w) == "" {
			t.Errorf("sign-on by e-mail: %d %s", w.Code, snippet(w.Body.String()))
		}

		refused := []struct {
			name     string
			identity map[string]any
			spoil    func(map[string]any)
			foreign  bool
			state    bool
			message  string
		}{
			{name: "unknown identity", identity: map[string]any{"sub": "x", "preferred_username": "nguoi-la", "email": "la@example.org", "email_verified": true},
				message: "chưa được gắn với tài khoản nào"},
			{name: "unverified e-mail", identity: map[string]any{"sub": "x", "email": "taichinh@tayninh.gov.vn", "email_verified": false},
				message: "chưa được gắn với tài khoản nào"},
			{name: "wrong nonce", spoil: func(m map[string]any) { m["nonce"] = "khac" }, message: "không thành công"},
			{name: "wrong audience", spoil: func(m map[string]any) { m["aud"] = "ung-dung-khac" }, message: "không thành công"},
			{name: "expired", spoil: func(m map[string]any) { m["exp"] = time.Now().Add(-time.Hour).Unix() }, message: "không thành công"},
			{name: "bad signature", foreign: true, message: "không thành công"},
			{name: "wrong state", state: true, message: "không thành công"},
		}
		for _, c := range refused {
			id := c.identity
			if id == nil {
				id = map[string]any{"sub": "sso-1", "preferred_username": "officer"}
			}
			p.LogInAs(id)
			p.SpoilNext(c.spoil, c.foreign)
			w := f.signOn(t, "/plans", c.state)
			if w.Code != http.StatusUnauthorized || sessionOf(w) != "" || !strings.Contains(w.Body.String(), c.message) {
				t.Errorf("%s: %d session %q %s", c.name, w.Code, sessionOf(w), snippet(w.Body.String()))
			}
		}

		// A callback without the cookie (another browser) is refused too.
		if w := f.do(f.request("GET", "/login/oidc/callback?code=x&state=y", anon, nil)); w.Code != http.StatusUnauthorized {
			t.Errorf("callback without its cookie: %d", w.Code)
		}
		// Local passwords still work for the administrator.
		if w := f.loginAs("admin", testPassword, "10.20.0.5"); w.Code != http.StatusSeeOther || sessionOf(w) == "" {
			t.Errorf("admin's password log-in: %d", w.Code)
		}
	})
}
