package sqlstore_test

import (
	"fmt"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSessionScopeFromDirectory: a session's user comes back from one
// statement with the scope (their unit and every unit below it) taken from
// the kept unit directory while it is current; that scope equals what the
// recursive query gives (FindUserByID) for an officer of every unit of a
// three-level tree, after the tree changes in SQL on another handle (a
// unit moved under another, a unit added below a leaf), and the lookup
// sends one statement fewer with the directory kept than without it.
func TestSessionScopeFromDirectory(t *testing.T) {
	sqltest.EachTwoInstances(t, func(t *testing.T, db, other *sqlstore.DB) {
		w := newWorld(t, db)
		a2 := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-a-p2", Name: "Phòng 2", ParentID: w.unitA.ID})
		a21 := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-a-p2-t", Name: "Tổ 1", ParentID: a2.ID})
		sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-b-p", Name: "Phòng B", ParentID: w.unitB.ID})
		auth, users, units := sqlstore.NewAuthService(db), sqlstore.NewUserService(db), sqlstore.NewUnitService(db)
		all, _, err := units.FindUnits(sqltest.SystemContext(), ttdn.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		tokens := map[int64]string{} // user id → session token
		for _, u := range all {
			officer := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "cb-" + u.Code, Name: u.Name, Role: ttdn.RoleUnitOfficer, UnitID: u.ID}, "")
			sess, err := auth.CreateSession(as(officer), officer.ID)
			if err != nil {
				t.Fatal(err)
			}
			tokens[officer.ID] = sess.Token
		}
		check := func(step string) {
			t.Helper()
			// The directory is loaded by a page-only unit list.
			if _, _, err := units.FindUnits(as(w.admin), ttdn.UnitFilter{}); err != nil {
				t.Fatal(err)
			}
			for id, token := range tokens {
				got, err := auth.FindSessionUser(t.Context(), token)
				if err != nil {
					t.Fatal(err)
				}
				want, err := users.FindUserByID(sqltest.SystemContext(), id)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(got.ScopeUnitIDs) != fmt.Sprint(want.ScopeUnitIDs) || len(want.ScopeUnitIDs) == 0 {
					t.Fatalf("%s, %s: scope %v, the database's %v", step, want.Username, got.ScopeUnitIDs, want.ScopeUnitIDs)
				}
			}
		}
		check("created")
		if err := other.ExecTest(`UPDATE units SET parent_id = ? WHERE id = ?`, w.unitB.ID, a2.ID); err != nil {
			t.Fatal(err)
		}
		check("moved on another handle")
		sqltest.MustCreateUnit(t, other, &ttdn.Unit{Code: "so-a-p2-t-n", Name: "Nhóm", ParentID: a21.ID})
		check("added on another handle")

		// Kept directory: one statement fewer than after a change
		// the directory has not seen yet (the recursive query).
		var token string
		for _, tk := range tokens {
			token = tk
		}
		count := func() uint64 {
			n := sqlstore.Statements()
			if _, err := auth.FindSessionUser(t.Context(), token); err != nil {
				t.Fatal(err)
			}
			return sqlstore.Statements() - n
		}
		kept := count()
		if err := other.ExecTest(`UPDATE units SET note = 'x' WHERE id = ?`, a21.ID); err != nil {
			t.Fatal(err)
		}
		if stale := count(); stale != kept+1 {
			t.Fatalf("statements with the directory kept %d, stale %d: want one fewer", kept, stale)
		}
	})
}
