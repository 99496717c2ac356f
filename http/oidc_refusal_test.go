package http

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSignOnRefusalsAuditedNoTOTPBypass: every refused sign-on (no
// account, a disabled account, a bad token, a wrong state, no cookie, a
// NUL in the identity's claims — a 500 on PostgreSQL before —, and an
// account that reads secrets reached by e-mail, an address the
// administrator may have set) is
// in the audit log as a failed log-in by single sign-on, naming the
// account only when one has the identity's name; a disabled account gets
// no session; the page to return to stays on this site; and an account
// with two-step verification on is asked its code after the provider, as
// after a password — single sign-on is no way around it.
func TestSignOnRefusalsAuditedNoTOTPBypass(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, p := signOnFixture(t, db)
		set := func(q string, args ...any) {
			tx, err := db.BeginTx(t.Context(), true)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.ExecContext(t.Context(), q, args...); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		set(`UPDATE users SET disabled = ? WHERE username = 'finance'`, true)
		set(`UPDATE users SET totp_enabled = ? WHERE username = 'admin'`, true)
		set(`UPDATE users SET email = 'dieuphoi@tayninh.gov.vn' WHERE username = 'coordinator'`)

		cases := []struct {
			name     string
			identity map[string]any
			spoil    func(map[string]any)
			state    bool
			account  string
		}{
			{name: "unknown identity", identity: map[string]any{"sub": "x", "preferred_username": "nguoi-la"}},
			{name: "disabled account", identity: map[string]any{"sub": "y", "preferred_username": "finance"}, account: "finance"},
			{name: "expired token", identity: map[string]any{"sub": "z", "preferred_username": "officer"},
				spoil: func(m map[string]any) { m["exp"] = time.Now().Add(-time.Hour).Unix() }},
			{name: "wrong state", identity: map[string]any{"sub": "z", "preferred_username": "officer"}, state: true},
			// The administrator edits e-mail addresses: one of theirs put on
			// a coordinator's account must not open it.
			{name: "a secret reader by e-mail", identity: map[string]any{"sub": "e", "preferred_username": "it.staff",
				"email": "dieuphoi@tayninh.gov.vn", "email_verified": true}},
			{name: "NUL in the user name", identity: map[string]any{"sub": "n", "preferred_username": "offi\x00cer"}},
			{name: "NUL in the e-mail", identity: map[string]any{"sub": "m", "email": "taichinh\x00@tayninh.gov.vn", "email_verified": true}},
		}
		for _, c := range cases {
			before := len(f.auditRows(t, "login_failed"))
			p.LogInAs(c.identity)
			p.SpoilNext(c.spoil, false)
			w := f.signOn(t, "/plans", c.state)
			if w.Code != http.StatusUnauthorized || sessionOf(w) != "" {
				t.Errorf("%s: %d, session %q", c.name, w.Code, sessionOf(w))
			}
			rows := f.auditRows(t, "login_failed")
			if len(rows) != before+1 {
				t.Errorf("%s: %d failed log-ins audited, want %d", c.name, len(rows), before+1)
				continue
			}
			var after map[string]any
			if err := json.Unmarshal([]byte(rows[0].After), &after); err != nil {
				t.Fatal(err)
			}
			if after["step"] != "sso" || after["reason"] == "" || (c.account == "") != (after["account"] == nil) ||
				(c.account != "" && after["account"] != c.account) {
				t.Errorf("%s: audited as %s", c.name, rows[0].After)
			}
		}
		before := len(f.auditRows(t, "login_failed"))
		if w := f.do(f.request("GET", "/login/oidc/callback?code=x&state=y", anon, nil)); w.Code != http.StatusUnauthorized {
			t.Errorf("callback without its cookie: %d", w.Code)
		} else if len(f.auditRows(t, "login_failed")) != before+1 {
			t.Error("a callback without its cookie is not audited")
		}

		// The page to return to is a path on this site, whatever the link said.
		for _, target := range []string{"/\t/evil.example", "//evil.example", "/\\evil.example", "/%2F%09%2Fevil.example",
			"javascript:alert(1)", "https://evil.example", "/./\\evil.example"} {
			p.LogInAs(map[string]any{"sub": "sso-1", "preferred_username": "officer"})
			if w := f.signOn(t, target, false); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/" {
				t.Errorf("sign-on with next=%q: %d Location %q, want 303 /", target, w.Code, w.Header().Get("Location"))
			}
		}

		// TOTP on: the provider's word is not the second factor.
		p.LogInAs(map[string]any{"sub": "sso-admin", "preferred_username": "admin"})
		w := f.signOn(t, "/users", false)
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login/totp") ||
			sessionOf(w) != "" || cookieOf(w, pendingCookie) == nil {
			t.Fatalf("an account with TOTP on signed on without its code: %d %q session %q", w.Code, w.Header().Get("Location"), sessionOf(w))
		}
	})
}
