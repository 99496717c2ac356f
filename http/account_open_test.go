package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAdminCannotCreateASecretReader: the administrator may not make an
// account that reads secrets with a password of their own choosing and log
// in as it — through the API or the page. For every role that reads
// secrets (from the policy), the new account is created disabled, the
// administrator's log-in with its password fails, and a leader's
// confirmation opens it; a role that reads none is opened at once.
func TestAdminCannotCreateASecretReader(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		adm := newAPIClient(t, f.h, mustToken(t, db, f.users["admin"], ttdn.TokenScope{}))
		leader := newAPIClient(t, f.h, mustToken(t, db, f.users["leader"], ttdn.TokenScope{}))
		const pw = "Mật-khẩu-người-tạo-biết-2019"
		n := 0
		for _, role := range ttdn.Roles {
			n++
			name := "moi-" + strings.ReplaceAll(string(role), "_", "-")
			in := map[string]any{"username": name, "name": "Tài khoản mới", "role": role, "password": pw}
			if role == ttdn.RoleUnitOfficer || role == ttdn.RoleFinance {
				in["unit_id"] = f.units["bdbp"].ID
			}
			u := adm.call("POST", "/api/v1/users", in).want(t, http.StatusCreated)
			w := f.loginAs(name, pw, "10.30.0."+itoa(int64(n)))
			loggedIn := w.Code == http.StatusSeeOther && sessionOf(w) != ""
			if role.ReadsSecrets() {
				if loggedIn || u.body["disabled"] != true {
					t.Errorf("%s: the administrator made an account that reads secrets and logged in as it (disabled %v)", role, u.body["disabled"])
					continue
				}
				reqs := leader.call("GET", "/api/v1/account-requests?pending=true", nil).want(t, http.StatusOK)
				var rid string
				for _, it := range reqs.items() {
					if it["username"] == name && it["kind"] == "open" && it["role"] == string(role) {
						rid = itoa(int64(it["id"].(float64)))
					}
				}
				if rid == "" {
					t.Errorf("%s: no request for a leader: %s", role, reqs.raw)
					continue
				}
				adm.call("POST", "/api/v1/account-requests/"+rid+"/confirm", nil).want(t, http.StatusForbidden)
				leader.call("POST", "/api/v1/account-requests/"+rid+"/confirm", nil).want(t, http.StatusOK)
				if now := adm.call("GET", "/api/v1/users/"+itoa(u.id()), nil).want(t, http.StatusOK); now.body["disabled"] == true || now.str("role") != string(role) {
					t.Errorf("%s: after the leader's confirmation: %s", role, now.raw)
				}
			} else if !loggedIn {
				t.Errorf("%s, a role that reads no secrets: no log-in (%d)", role, w.Code)
			}
		}
		// The page does the same.
		w := f.do(f.request("POST", "/users/new", "admin", form("username", "moi-qua-trang", "name", "Qua trang", "role", "leader",
			"password", pw)))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create through the page: %d %s", w.Code, snippet(w.Body.String()))
		}
		if w := f.loginAs("moi-qua-trang", pw, "10.31.0.1"); sessionOf(w) != "" {
			t.Error("the administrator logged in as a leader made through the page")
		}
	})
}
