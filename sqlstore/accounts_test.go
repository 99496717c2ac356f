package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLogoutEverywhere: ending a user's sessions ends them all, and only the
// user or an administrator may do it.
func TestLogoutEverywhere(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		acc := sqlstore.NewAccountService(db)
		s1 := sqltest.MustCreateSession(t, db, w.officerA)
		s2 := sqltest.MustCreateSession(t, db, w.officerA)
		other := sqltest.MustCreateSession(t, db, w.officerB)
		if err := acc.EndUserSessions(as(w.officerB), w.officerA.ID); err == nil {
			t.Fatal("another officer logged A out")
		}
		if err := acc.EndUserSessions(as(w.officerA), w.officerA.ID); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{s1, s2} {
			if _, err := w.auth.FindSessionUser(as(nil), s); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
				t.Fatalf("session survived: %v", err)
			}
		}
		if _, err := w.auth.FindSessionUser(as(nil), other); err != nil {
			t.Fatalf("B's session ended: %v", err)
		}
	})
}

// TestTokenScope: a token may narrow its user's role and unit, never widen
// them, and acts with the narrowed rights.
func TestTokenScope(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		sys := sqltest.SystemContext()
		raw, tok, err := w.auth.CreateScopedToken(sys, w.coordinator.ID, "don-vi-b", time.Hour,
			ttdn.TokenScope{Role: ttdn.RoleUnitOfficer, UnitID: w.unitB.ID})
		if err != nil {
			t.Fatal(err)
		}
		u, err := w.auth.FindTokenUser(as(nil), raw)
		if err != nil || u.Role != ttdn.RoleUnitOfficer || u.UnitID != w.unitB.ID || u.Token == nil || u.InScope(w.unitA.ID) {
			t.Fatalf("narrowed user %+v, %v", u, err)
		}
		for _, sc := range []ttdn.TokenScope{{Role: ttdn.RoleCoordinator}, {Role: ttdn.RoleAdmin}, {UnitID: w.unitB.ID}, {Role: "x"}} {
			if _, _, err := w.auth.CreateScopedToken(sys, w.officerA.ID, "rong", time.Hour, sc); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Errorf("officer A token %+v: %v", sc, err)
			}
		}
		raw2, _, err := w.auth.CreateScopedToken(sys, w.officerA.ID, "phong", time.Hour, ttdn.TokenScope{UnitID: w.unitA1.ID})
		if err != nil {
			t.Fatal(err)
		}
		if u, err := w.auth.FindTokenUser(as(nil), raw2); err != nil || u.InScope(w.unitA.ID) || !u.InScope(w.unitA1.ID) {
			t.Fatalf("sub-unit token %+v %v", u, err)
		}
		acc := sqlstore.NewAccountService(db)
		list, err := acc.FindUserTokens(as(w.coordinator), w.coordinator.ID)
		if err != nil || len(list) != 1 || list[0].Scope.UnitID != w.unitB.ID {
			t.Fatalf("token list %+v %v", list, err)
		}
		if err := w.auth.RevokeToken(as(w.coordinator), tok.ID); err != nil {
			t.Fatalf("owner revokes: %v", err)
		}
		if _, err := w.auth.FindTokenUser(as(nil), raw); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("revoked token works: %v", err)
		}
		if err := w.auth.RevokeToken(as(w.officerB), tok.ID); err == nil {
			t.Fatal("another user revoked a token")
		}
	})
}

// TestTOTP: enrolment, second step at log-in, no code reuse, recovery codes
// used once, and the pending session is no log-in.
func TestTOTP(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		clock := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return clock }
		acc := sqlstore.NewAccountService(db)
		me := as(w.coordinator)
		enr, err := acc.BeginTOTP(me, w.coordinator.ID)
		if err != nil || !strings.HasPrefix(enr.URI, "otpauth://totp/ttdn:dieu-phoi?") {
			t.Fatalf("begin: %+v %v", enr, err)
		}
		here := sqltest.MustCreateSession(t, db, w.coordinator)
		elsewhere := sqltest.MustCreateSession(t, db, w.coordinator)
		if _, err := acc.ConfirmTOTP(me, w.coordinator.ID, "000000", here); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("wrong code confirmed: %v", err)
		}
		if _, err := w.auth.FindSessionUser(as(nil), elsewhere); err != nil {
			t.Fatalf("a refused confirmation ended a session: %v", err)
		}
		codes, err := acc.ConfirmTOTP(me, w.coordinator.ID, sqlstore.TOTPCode(enr.Secret, clock), here)
		if err != nil || len(codes) != 10 {
			t.Fatalf("confirm: %v %v", codes, err)
		}
		if _, err := w.auth.FindSessionUser(as(nil), elsewhere); err == nil {
			t.Fatal("a session opened before the second factor outlived it")
		} else if _, err := w.auth.FindSessionUser(as(nil), here); err != nil {
			t.Fatalf("the confirming session ended: %v", err)
		}
		if h := mustString(t, db, `SELECT code_hash FROM recovery_codes WHERE user_id = ? ORDER BY id LIMIT 1`, w.coordinator.ID); strings.Contains(h, codes[0][:5]) {
			t.Fatal("recovery code stored in clear")
		}
		pending, err := acc.StartSecondFactor(as(nil), w.coordinator.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.auth.FindSessionUser(as(nil), pending.Token); err == nil {
			t.Fatal("a pending session is a log-in")
		}
		// The code used to confirm cannot be used again.
		if _, err := acc.FinishSecondFactor(as(nil), pending.Token, sqlstore.TOTPCode(enr.Secret, clock)); err == nil {
			t.Fatal("a used code was accepted again")
		}
		clock = clock.Add(30 * time.Second)
		sess, err := acc.FinishSecondFactor(as(nil), pending.Token, sqlstore.TOTPCode(enr.Secret, clock))
		if err != nil || sess.Token == pending.Token {
			t.Fatalf("finish: %v", err)
		}
		if u, err := w.auth.FindSessionUser(as(nil), sess.Token); err != nil || u.ID != w.coordinator.ID || !u.TOTPEnabled {
			t.Fatalf("full session: %+v %v", u, err)
		}
		p2, _ := acc.StartSecondFactor(as(nil), w.coordinator.ID)
		if _, err := acc.FinishSecondFactor(as(nil), p2.Token, strings.ToUpper(codes[3])); err != nil {
			t.Fatalf("recovery code: %v", err)
		}
		p3, _ := acc.StartSecondFactor(as(nil), w.coordinator.ID)
		if _, err := acc.FinishSecondFactor(as(nil), p3.Token, codes[3]); err == nil {
			t.Fatal("a recovery code worked twice")
		}
		clock = clock.Add(10 * time.Minute)
		if _, err := acc.FinishSecondFactor(as(nil), p3.Token, codes[4]); err == nil {
			t.Fatal("an expired pending log-in finished")
		}
		if err := acc.SetRequireTOTP(me, true); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("coordinator set the requirement: %v", err)
		}
		if err := acc.SetRequireTOTP(as(w.admin), true); err != nil {
			t.Fatal(err)
		}
		if on, err := acc.RequireTOTP(me); !on || err != nil || !w.admin.NeedsTOTP(on) || w.officerA.NeedsTOTP(on) {
			t.Fatalf("requirement: %v %v", on, err)
		}
	})
}

// TestPasswordPolicy: common passwords are refused.
func TestPasswordPolicy(t *testing.T) {
	for _, p := range []string{"1234567890", "Password123", "aaaaaaaaaaaa", "MatKhau@123"} {
		if ttdn.ValidatePassword("ai-do", p) == nil {
			t.Errorf("%q accepted", p)
		}
	}
	if err := ttdn.ValidatePassword("ai-do", "ngua-o-tay-ninh-2025"); err != nil {
		t.Fatal(err)
	}
}
