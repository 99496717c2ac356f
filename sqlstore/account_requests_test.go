package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSeparationOfDuties: the administrator cannot make themselves leader,
// nor grant a role that reads secrets, nor take over such an account by
// resetting its password, without another leader's confirmation; the CLI
// (system user) can. Each step is notified to the account concerned.
func TestSeparationOfDuties(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		reqs := sqlstore.NewAccountRequestService(db)
		leader2 := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "lanh-dao-2", Name: "Lãnh đạo 2", Role: ttdn.RoleLeader}, "")
		role := func(u *ttdn.User) ttdn.Role {
			t.Helper()
			cur, err := w.users.FindUserByID(sqltest.SystemContext(), u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return cur.Role
		}
		version := func(u *ttdn.User) int {
			cur, _ := w.users.FindUserByID(sqltest.SystemContext(), u.ID)
			return cur.Version
		}
		leader := ttdn.RoleLeader
		if _, err := w.users.UpdateUser(as(w.admin), w.admin.ID, ttdn.UserUpdate{Version: version(w.admin), Role: &leader}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("admin makes themselves leader: %v", err)
		}
		if role(w.admin) != ttdn.RoleAdmin {
			t.Fatal("admin's role changed")
		}
		// A grant to someone else waits for a leader.
		coord := ttdn.RoleCoordinator
		if _, err := w.users.UpdateUser(as(w.admin), w.officerB.ID, ttdn.UserUpdate{Version: version(w.officerB), Role: &coord}); err != nil {
			t.Fatal(err)
		}
		if role(w.officerB) != ttdn.RoleUnitOfficer {
			t.Fatal("a secret-reading role was granted without confirmation")
		}
		// A password reset of a leader waits too: the old password still works.
		if err := w.users.SetPassword(as(w.admin), w.leader.ID, "mat-khau-moi-cua-admin-2026"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.users.Authenticate(sqltest.SystemContext(), w.leader.Username, "mat-khau-moi-cua-admin-2026"); err == nil {
			t.Fatal("the admin's new password works on the leader's account before confirmation")
		}
		if _, err := reqs.FindAccountRequests(as(w.officerA), true); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer lists account requests: %v", err)
		}
		pending, err := reqs.FindAccountRequests(as(w.leader), true)
		if err != nil || len(pending) != 2 {
			t.Fatalf("pending: %d, %v", len(pending), err)
		}
		var grant, reset *ttdn.AccountRequest
		for _, r := range pending {
			if r.Kind == ttdn.AccountGrantRole {
				grant = r
			} else {
				reset = r
			}
		}
		// Neither the requester nor the account's owner decides.
		if _, err := reqs.DecideAccountRequest(as(w.admin), grant.ID, true); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("admin confirms own request: %v", err)
		}
		if _, err := reqs.DecideAccountRequest(as(w.leader), reset.ID, true); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("leader confirms the reset of their own password: %v", err)
		}
		if _, err := reqs.DecideAccountRequest(as(w.leader), grant.ID, true); err != nil {
			t.Fatal(err)
		}
		if role(w.officerB) != ttdn.RoleCoordinator {
			t.Fatal("confirmed grant not applied")
		}
		if _, err := reqs.DecideAccountRequest(as(w.leader), grant.ID, false); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("decided twice: %v", err)
		}
		if _, err := reqs.DecideAccountRequest(as(leader2), reset.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := w.users.Authenticate(sqltest.SystemContext(), w.leader.Username, "mat-khau-moi-cua-admin-2026"); err == nil {
			t.Fatal("a rejected password took effect")
		}
		// Turning off a leader's second factor waits for another leader too.
		tx, err := db.BeginTx(t.Context(), true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(t.Context(), `UPDATE users SET totp_enabled = ?, totp_secret = 'sealed' WHERE id = ?`, true, leader2.ID); err != nil {
			t.Fatal(err)
		} else if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := sqlstore.NewAccountService(db).DisableTOTP(as(w.admin), leader2.ID, ""); err != nil {
			t.Fatal(err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM users WHERE id = ? AND totp_enabled = ?`, leader2.ID, true); n != 1 {
			t.Fatal("the admin turned a leader's second factor off without confirmation")
		}
		pending, _ = reqs.FindAccountRequests(as(w.leader), true)
		if len(pending) != 1 || pending[0].Kind != ttdn.AccountResetTOTP {
			t.Fatalf("pending after the TOTP reset: %+v", pending)
		}
		if _, err := reqs.DecideAccountRequest(as(w.leader), pending[0].ID, true); err != nil {
			t.Fatal(err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM users WHERE id = ? AND totp_enabled = ?`, leader2.ID, true); n != 0 {
			t.Fatal("confirmed TOTP reset not applied")
		}
		// Granting a role that reads no secrets needs no leader; the CLI none at all.
		fin := ttdn.RoleFinance
		if _, err := w.users.UpdateUser(as(w.admin), w.officerA1.ID, ttdn.UserUpdate{Version: version(w.officerA1), Role: &fin}); err != nil || role(w.officerA1) != fin {
			t.Fatalf("finance role: %v", err)
		}
		if _, err := w.users.UpdateUser(sqltest.SystemContext(), w.officerA1.ID, ttdn.UserUpdate{Version: version(w.officerA1), Role: &leader}); err != nil || role(w.officerA1) != leader {
			t.Fatalf("CLI grant: %v", err)
		}
		// Every step reached the accounts concerned, and the audit log.
		for _, u := range []*ttdn.User{w.officerB, w.leader, w.officerA1} {
			if n := mustInt(t, db, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'account_change'`, u.ID); n < 1 {
				t.Errorf("%s was not told about changes to their account", u.Username)
			}
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'account_request'`); n != 6 {
			t.Errorf("account request audit events: %d, want 6 (3 requests, 3 decisions)", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM account_requests WHERE password_hash <> ''`); n != 0 {
			t.Errorf("%d decided requests still keep a password hash", n)
		}
	})
}
