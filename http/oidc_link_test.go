package http

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSignOnLinksSubject: the first sign-on links the account to the
// provider's subject; afterwards another subject claiming the same user
// name (a provider that lets people choose or reuse names) is refused and
// audited with why, the linked person still gets in after the provider
// renames them, and after the link is removed (a replaced provider account)
// the next sign-on links again. Linking and unlinking are in the audit log
// in words.
func TestSignOnLinksSubject(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, p := signOnFixture(t, db)
		in := func(name string, identity map[string]any) string {
			t.Helper()
			p.LogInAs(identity)
			w := f.signOn(t, "/account", false)
			sess := sessionOf(w)
			if w.Code != http.StatusSeeOther || sess == "" {
				return ""
			}
			f.sessions[name] = sess
			return f.do(f.request("GET", "/account", name, nil)).Body.String()
		}
		if body := in("s1", map[string]any{"sub": "s-1", "preferred_username": "officer"}); !strings.Contains(body, "officer") {
			t.Fatalf("first sign-on refused or not the officer's:\n%s", snippet(body))
		}
		if body := in("evil", map[string]any{"sub": "s-evil", "preferred_username": "officer"}); body != "" {
			t.Fatal("another subject claiming the linked account's user name got a session")
		}
		if body := in("renamed", map[string]any{"sub": "s-1", "preferred_username": "tran.van.officer"}); !strings.Contains(body, "officer") {
			t.Fatal("the linked subject under a new user name was refused")
		}
		// The e-mail route is closed to another subject too.
		tx, err := db.BeginTx(t.Context(), true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(t.Context(), `UPDATE users SET email = 'cb@tayninh.gov.vn' WHERE username = 'officer'`); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if body := in("mail", map[string]any{"sub": "s-mail", "email": "cb@tayninh.gov.vn", "email_verified": true}); body != "" {
			t.Fatal("another subject reached the linked account by its e-mail")
		}
		auth := sqlstore.NewAuthService(db)
		if n, err := auth.UnlinkSignOn(sqltest.SystemContext(), "officer"); err != nil || n != 1 {
			t.Fatalf("unlink: %d, %v", n, err)
		}
		if body := in("new", map[string]any{"sub": "s-new", "preferred_username": "officer"}); !strings.Contains(body, "officer") {
			t.Fatal("after unlinking, the new subject was refused")
		}
		if body := in("old", map[string]any{"sub": "s-1", "preferred_username": "officer"}); body != "" {
			t.Fatal("the old subject still got in after the link was replaced")
		}

		audit := f.do(f.request(http.MethodGet, "/audit", "admin", nil)).Body.String()
		// The raw record under "chi tiết" is the stored JSON by design.
		audit = regexp.MustCompile(`(?s)<details class="audit-raw">.*?</details>`).ReplaceAllString(audit, "")
		for _, want := range []string{"liên kết đăng nhập một cửa cho", "gỡ liên kết đăng nhập một cửa của",
			"tài khoản đã liên kết với một danh tính một cửa khác"} {
			if !strings.Contains(audit, want) {
				t.Errorf("the audit log does not say %q", want)
			}
		}
		if strings.Contains(audit, ttdn.SignOnOtherIdentity) || strings.Contains(audit, ">sso_link<") || strings.Contains(audit, "<ins>sso</ins>") {
			i := max(strings.Index(audit, ttdn.SignOnOtherIdentity), strings.Index(audit, ">sso_link<"), strings.Index(audit, "<ins>sso</ins>"))
			t.Errorf("the audit log shows a code: %s", audit[max(0, i-300):min(len(audit), i+200)])
		}
	})
}
