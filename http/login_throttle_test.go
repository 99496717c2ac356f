package http

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLoginRightPasswordFromOtherAddress: an attacker at one address
// hammering the administrator's account with wrong passwords is slowed and
// then locked out, but the administrator at another address still logs in
// with the right password on the first try.
func TestLoginRightPasswordFromOtherAddress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		refused := 0
		for range 40 {
			w := f.loginAs("admin", "doan-mo-mat-khau", "203.0.113.7")
			switch w.Code {
			case http.StatusUnauthorized:
			case http.StatusForbidden:
				refused++
			default:
				t.Fatalf("attacker: %d %s", w.Code, snippet(w.Body.String()))
			}
		}
		if refused == 0 {
			t.Fatal("40 quick wrong passwords from one address were never slowed down")
		}
		if w := f.loginAs("admin", testPassword, "203.0.113.7"); w.Code != http.StatusForbidden {
			t.Fatalf("the right password from the attacker's address during its lock: %d", w.Code)
		}
		if w := f.loginAs("admin", testPassword, "10.20.0.5"); w.Code != http.StatusSeeOther || cookieOf(w, sessionCookie) == nil {
			t.Fatalf("admin from another address: %d %s", w.Code, snippet(w.Body.String()))
		}
	})
}

// TestLoginSprayFromOneAddress: twenty failures from one address across
// many names (some of them a real user's) block neither that user at
// another address nor a user who has logged in from the same address
// before; new names from that address are refused for a while.
func TestLoginSprayFromOneAddress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		clock := time.Now()
		db.Now = func() time.Time { return clock }
		const office = "198.51.100.20"
		if w := f.loginAs("officer", testPassword, office); w.Code != http.StatusSeeOther {
			t.Fatalf("officer's usual log-in: %d", w.Code)
		}
		names := []string{"finance", "finance", "finance", "admin", "root", "quan-tri", "finance", "finance",
			"coordinator", "test", "finance", "user1", "admin1", "leader", "so-tttt", "van-thu", "ke-toan", "nguyen-van-a", "tran-thi-b", "le-van-c"}
		for i, name := range names {
			clock = clock.Add(70 * time.Second) // a patient guesser: no waits
			if w := f.loginAs(name, "sai-mat-khau-"+itoa(int64(i)), office); w.Code != http.StatusUnauthorized {
				t.Fatalf("spray %d (%s): %d", i, name, w.Code)
			}
		}
		if w := f.loginAs("ai-do-moi", "mat-khau-bat-ky", office); w.Code != http.StatusForbidden {
			t.Fatalf("a new name from the spraying address: %d", w.Code)
		}
		if w := f.loginAs("finance", testPassword, "10.30.0.9"); w.Code != http.StatusSeeOther {
			t.Fatalf("finance from another address: %d %s", w.Code, snippet(w.Body.String()))
		}
		if w := f.loginAs("officer", testPassword, office); w.Code != http.StatusSeeOther {
			t.Fatalf("officer behind the spraying address: %d %s", w.Code, snippet(w.Body.String()))
		}
	})
}

// auditRows returns the audit rows of one action, newest first.
func (f *fixture) auditRows(t *testing.T, action string) []*ttdn.AuditEvent {
	t.Helper()
	events, _, err := sqlstore.NewAuditService(f.db).FindAuditEvents(sqltest.SystemContext(), ttdn.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	return events
}

// TestUnlockLoginUI: the administrator sees on a user's page that the
// account is blocked from an address and lifts it with "Mở khóa đăng
// nhập" (a CSRF-checked POST, audited); nobody else may.
func TestUnlockLoginUI(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		clock := time.Now()
		db.Now = func() time.Time { return clock }
		const shared = "198.51.100.30" // the office, where someone else keeps guessing
		for range 30 {
			f.loginAs("finance", "doan-mat-khau", shared)
			clock = clock.Add(3 * time.Minute)
		}
		if w := f.loginAs("finance", testPassword, shared); w.Code != http.StatusForbidden {
			t.Fatalf("the pair is not locked: %d", w.Code)
		}
		page := "/users/" + itoa(f.users["finance"].ID)
		w := f.do(f.request(http.MethodGet, page+"/edit", "admin", nil))
		if body := w.Body.String(); w.Code != http.StatusOK || !strings.Contains(body, "Mở khóa đăng nhập") ||
			!strings.Contains(body, "đang bị chặn đăng nhập từ 1 địa chỉ") {
			t.Fatalf("user page: %d %s", w.Code, snippet(body))
		}
		if w := f.do(f.request(http.MethodPost, page+"/unlock", "coordinator", form())); w.Code != http.StatusForbidden {
			t.Fatalf("coordinator: %d", w.Code)
		}
		if w := f.do(f.request(http.MethodPost, page+"/unlock", "admin", form(csrfField, "sai"))); w.Code != http.StatusForbidden {
			t.Fatalf("without the CSRF token: %d", w.Code)
		}
		if n := len(f.auditRows(t, "login_unlocked")); n != 0 {
			t.Fatalf("refused unlocks were audited or done: %d", n)
		}
		w = f.do(f.request(http.MethodPost, page+"/unlock", "admin", form()))
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != page+"/edit" {
			t.Fatalf("unlock: %d %s", w.Code, w.Header().Get("Location"))
		}
		if w := f.loginAs("finance", testPassword, shared); w.Code != http.StatusSeeOther {
			t.Fatalf("after the unlock: %d %s", w.Code, snippet(w.Body.String()))
		}
		rows := f.auditRows(t, "login_unlocked")
		if len(rows) != 1 || rows[0].Username != "admin" || rows[0].EntityID != f.users["finance"].ID {
			t.Fatalf("unlock audit: %+v", rows)
		}
		if w := f.do(f.request(http.MethodGet, page+"/edit", "admin", nil)); !strings.Contains(w.Body.String(), "không bị khóa đăng nhập") {
			t.Fatalf("user page after: %s", snippet(w.Body.String()))
		}
	})
}

// TestLoginAudit: a failed log-in, the lockout it leads to and a log-out
// are audited with the client's address, and the attempted password is
// written nowhere in the log.
func TestLoginAudit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		clock := time.Now()
		db.Now = func() time.Time { return clock }
		const secret = "Bi-Mat-Go-Sai-7731"
		for range sqlstore.MaxPairFailures {
			if w := f.loginAs("officer", secret, "192.0.2.15"); w.Code != http.StatusUnauthorized {
				t.Fatalf("wrong password: %d", w.Code)
			}
			clock = clock.Add(5 * time.Minute)
		}
		failed := f.auditRows(t, "login_failed")
		if len(failed) != sqlstore.MaxPairFailures || failed[0].Addr != "192.0.2.15" || failed[0].EntityID != f.users["officer"].ID ||
			!strings.Contains(failed[0].After, `"step":"password"`) {
			t.Fatalf("failed log-ins: %d rows, %+v", len(failed), failed[0])
		}
		if locked := f.auditRows(t, "login_locked"); len(locked) != 1 || !strings.Contains(locked[0].After, `"scope":"pair"`) {
			t.Fatalf("lockout: %+v", locked)
		}
		w := f.do(f.request(http.MethodPost, "/logout", "coordinator", form()))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("log-out: %d", w.Code)
		}
		if out := f.auditRows(t, "logout"); len(out) != 1 || out[0].Username != "coordinator" || out[0].EntityID != f.users["coordinator"].ID {
			t.Fatalf("log-out audit: %+v", out)
		}
		tx, err := db.BeginTx(t.Context(), false)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		var n int
		if err := tx.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM audit_events
			WHERE before_json LIKE ? OR after_json LIKE ? OR username LIKE ?`, "%"+secret+"%", "%"+secret+"%", "%"+secret+"%").Scan(&n); err != nil || n != 0 {
			t.Fatalf("the attempted password is in the audit log: %d rows %v", n, err)
		}
	})
}
