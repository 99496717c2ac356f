package sqlstore_test

import (
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The account page's token list, read in one query, holds every token of
// the user, newest first, with its scope and revocation.
func TestFindUserTokensInOneQuery(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		sys := sqltest.SystemContext()
		_, plain, err := w.auth.CreateToken(sys, w.coordinator.ID, "kich-ban", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		_, scoped, err := w.auth.CreateScopedToken(sys, w.coordinator.ID, "don-vi-b", time.Hour,
			ttdn.TokenScope{Role: ttdn.RoleUnitOfficer, UnitID: w.unitB.ID, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.auth.RevokeToken(as(w.coordinator), plain.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := w.auth.CreateToken(sys, w.officerA.ID, "cua-nguoi-khac", time.Hour); err != nil {
			t.Fatal(err)
		}
		before := sqlstore.Statements()
		list, err := sqlstore.NewAccountService(db).FindUserTokens(as(w.coordinator), w.coordinator.ID)
		if n := sqlstore.Statements() - before; err != nil || n > 2 {
			t.Fatalf("%d statements (want a transaction and one query), %v", n, err)
		}
		if len(list) != 2 || list[0].ID != scoped.ID || list[1].ID != plain.ID {
			t.Fatalf("tokens %+v, want the scoped then the plain one", list)
		}
		if s := list[0]; s.Name != "don-vi-b" || s.Scope.UnitID != w.unitB.ID || !s.Scope.ReadOnly || s.Scope.Role != ttdn.RoleUnitOfficer || !s.RevokedAt.IsZero() {
			t.Errorf("scoped token read back as %+v", s)
		}
		if p := list[1]; p.RevokedAt.IsZero() || p.UserID != w.coordinator.ID || p.ExpiresAt.IsZero() {
			t.Errorf("revoked token read back as %+v", p)
		}
	})
}
