package sqlstore_test

import (
	"context"
	"fmt"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// unitList is what a unit list shows: ids, names, levels and versions in
// order, and the total.
func unitList(t *testing.T, s *sqlstore.UnitService, ctx context.Context, f ttdn.UnitFilter) string {
	t.Helper()
	units, total, err := s.FindUnits(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	out := fmt.Sprintf("total %d:", total)
	for _, u := range units {
		out += fmt.Sprintf(" %d %q %s v%d %v;", u.ID, u.Name, u.Classification, u.Version, u.Aliases)
	}
	return out
}

// TestUnitDirectoryKept: the unit list read from the in-memory directory
// (a filter with only a page) equals the list the database computes (an
// empty search, which takes the SQL path) for every role — secret units
// only for who may read them — at every page; a change made through the
// service, or straight in SQL, or on another instance (a second handle
// on the same database), shows at the next read; and a caller changing a
// returned unit does not change the directory.
func TestUnitDirectoryKept(t *testing.T) {
	sqltest.EachTwoInstances(t, func(t *testing.T, db, other *sqlstore.DB) {
		w := newWorld(t, db)
		sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "mat", Name: "Ban Bảo vệ chính trị nội bộ", Classification: ttdn.Secret, Aliases: []string{"BVCTNB"}})
		sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "a-truoc", Name: "An ninh", Classification: ttdn.Internal})
		empty := ""
		check := func(step string, s *sqlstore.UnitService) {
			t.Helper()
			for _, u := range []*ttdn.User{w.coordinator, w.leader, w.officerA, w.officerB, w.admin} {
				ctx := as(u)
				for _, page := range []ttdn.UnitFilter{{}, {Limit: 2}, {Offset: 2, Limit: 2}, {Offset: 100}} {
					sqlPath := page
					sqlPath.Query = &empty
					if got, want := unitList(t, s, ctx, page), unitList(t, s, ctx, sqlPath); got != want {
						t.Fatalf("%s, %s, page %+v:\n directory %s\n database  %s", step, u.Username, page, got, want)
					}
				}
			}
		}
		units, others := sqlstore.NewUnitService(db), sqlstore.NewUnitService(other)
		check("created", units)
		check("created, other instance", others)
		sqltest.MustCreateUnit(t, other, &ttdn.Unit{Code: "moi", Name: "Ấp mới"})
		check("created on the other instance", units)
		if err := db.ExecTest(`UPDATE units SET name = 'Z cuối', classification = 'secret' WHERE code = 'so-b'`); err != nil {
			t.Fatal(err)
		}
		check("renamed in SQL", units)
		check("renamed in SQL, other instance", others)
		if err := other.ExecTest(`DELETE FROM units WHERE code = 'a-truoc'`); err != nil {
			t.Fatal(err)
		}
		check("deleted in SQL on the other instance", units)
		list, _, err := units.FindUnits(sqltest.SystemContext(), ttdn.UnitFilter{})
		if err != nil || len(list) == 0 {
			t.Fatal(err)
		}
		before := unitList(t, units, sqltest.SystemContext(), ttdn.UnitFilter{})
		for _, u := range list {
			u.Name = "đổi"
			if len(u.Aliases) > 0 {
				u.Aliases[0] = "y"
			}
		}
		if after := unitList(t, units, sqltest.SystemContext(), ttdn.UnitFilter{}); after != before {
			t.Fatalf("a caller's change reached the directory:\n%s\n%s", before, after)
		}
	})
}
