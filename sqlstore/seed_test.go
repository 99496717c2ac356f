package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"ttdn"
	"ttdn/directory"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestSeedDirectory(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		units := mustInt(t, db, `SELECT COUNT(*) FROM units`)
		groups := mustInt(t, db, `SELECT COUNT(*) FROM unit_groups`)
		members := mustInt(t, db, `SELECT COUNT(*) FROM unit_group_members`)
		if units != int64(len(directory.Entries())) || groups != int64(len(directory.Groups())) {
			t.Fatalf("seeded %d units, %d groups; directory has %d, %d", units, groups, len(directory.Entries()), len(directory.Groups()))
		}

		sqltest.MustSeed(t, db) // twice changes nothing
		if u, g, m := mustInt(t, db, `SELECT COUNT(*) FROM units`), mustInt(t, db, `SELECT COUNT(*) FROM unit_groups`),
			mustInt(t, db, `SELECT COUNT(*) FROM unit_group_members`); u != units || g != groups || m != members {
			t.Fatalf("second seed changed counts: %d/%d/%d → %d/%d/%d", units, groups, members, u, g, m)
		}

		tttt, vh := sqltest.MustFindUnit(t, db, "so-tttt"), sqltest.MustFindUnit(t, db, "so-vhttdl")
		if tttt.SuccessorID != vh.ID || tttt.ValidTo.IsZero() {
			t.Fatalf("so-tttt: successor %d (want %d), valid to %v", tttt.SuccessorID, vh.ID, tttt.ValidTo)
		}

		// A release that adds a unit: remove one, seed again, it comes back linked.
		if err := db.ExecTest(`DELETE FROM units WHERE code = ?`, "so-vhttdl"); err != nil {
			t.Fatal(err)
		}
		sqltest.MustSeed(t, db)
		tttt, vh = sqltest.MustFindUnit(t, db, "so-tttt"), sqltest.MustFindUnit(t, db, "so-vhttdl")
		if tttt.SuccessorID != vh.ID {
			t.Fatalf("re-added successor not linked: %d, want %d", tttt.SuccessorID, vh.ID)
		}
		if m := mustInt(t, db, `SELECT COUNT(*) FROM unit_group_members`); m != members {
			t.Fatalf("group members after re-seed: %d, want %d", m, members)
		}
	})
}

func TestLoadResolver(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		r, err := sqlstore.LoadResolver(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		vh := sqltest.MustFindUnit(t, db, "so-vhttdl")
		ref, ok := r.Resolve(vh.Name)
		if !ok || ref.ID != vh.ID || ref.Code != vh.Code {
			t.Fatalf("Resolve(%q) = %+v, %v; want id %d", vh.Name, ref, ok, vh.ID)
		}
	})
}

func TestFindUnits(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		s := sqlstore.NewUnitService(db)
		ctx := sqltest.SystemContext()
		q := "so thong tin va truyen THONG" // folded, any case
		units, total, err := s.FindUnits(ctx, ttdn.UnitFilter{Query: &q})
		if err != nil || total == 0 || units[0].Code != "so-tttt" {
			t.Fatalf("query %q: %d units, %v, first %+v", q, total, err, units)
		}
		day := ttdn.Date{Year: 2026, Month: 1, Day: 1}
		active, _, err := s.FindUnits(ctx, ttdn.UnitFilter{ActiveOn: &day, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range active {
			if !u.ActiveOn(day) {
				t.Fatalf("%s not active on %v", u.Code, day)
			}
		}
		all, n, _ := s.FindUnits(ctx, ttdn.UnitFilter{Limit: 5, Offset: 2})
		if len(all) != 5 || n != len(directory.Entries()) {
			t.Fatalf("paging: %d rows, total %d", len(all), n)
		}
		vhttdl := sqltest.MustFindUnit(t, db, "so-vhttdl")
		preds, _, err := s.FindUnits(ctx, ttdn.UnitFilter{SuccessorID: &vhttdl.ID, Limit: 100})
		if err != nil || !slices.ContainsFunc(preds, func(u *ttdn.Unit) bool { return u.Code == "so-tttt" }) {
			t.Fatalf("predecessors of Sở VHTTDL: %v, %v", preds, err)
		}
		for _, u := range preds {
			if u.SuccessorID != vhttdl.ID {
				t.Fatalf("%s does not end into Sở VHTTDL", u.Code)
			}
		}
		groups, err := s.FindUnitGroups(ctx)
		if err != nil || len(groups) != len(directory.Groups()) {
			t.Fatalf("groups: %d, %v", len(groups), err)
		}
	})
}
