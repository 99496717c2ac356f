package sqlstore_test

import (
	"slices"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLearnAliases: a name resolved by hand becomes an alias; one that was
// another unit's alias moves; a unit's own name never moves; officers may
// not teach the directory.
func TestLearnAliases(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		svc := sqlstore.NewUnitService(db)
		coord := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "dieuphoi", Name: "Điều phối", Role: ttdn.RoleCoordinator}, "")
		vh := sqltest.MustFindUnit(t, db, "so-vhttdl")
		officer := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "canbo", Name: "Cán bộ", Role: ttdn.RoleUnitOfficer, UnitID: vh.ID}, "")
		nv := sqltest.MustFindUnit(t, db, "so-ngoai-vu")
		learn := []ttdn.UnitAlias{
			{Text: "  Sở  VH - TT và DL tỉnh ", UnitID: vh.ID}, // new
			{Text: "SNgV", UnitID: vh.ID},                      // Sở Ngoại vụ's alias: moves
			{Text: "Sở Ngoại vụ", UnitID: vh.ID},               // Sở Ngoại vụ's own name: stays
			{Text: "Sở VHTTDL", UnitID: vh.ID},                 // its own short name already
		}
		if _, err := svc.LearnAliases(sqltest.UserContext(officer), learn); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer: %v", err)
		}
		n, err := svc.LearnAliases(sqltest.UserContext(coord), learn)
		if err != nil || n != 2 {
			t.Fatalf("learned %d, %v", n, err)
		}
		vh = sqltest.MustFindUnit(t, db, "so-vhttdl")
		nv = sqltest.MustFindUnit(t, db, "so-ngoai-vu")
		if !slices.Contains(vh.Aliases, "Sở VH - TT và DL tỉnh") || !slices.Contains(vh.Aliases, "SNgV") || slices.Contains(nv.Aliases, "SNgV") {
			t.Fatalf("aliases: VHTTDL %q, Ngoại vụ %q", vh.Aliases, nv.Aliases)
		}
		if _, err := svc.LearnAliases(sqltest.UserContext(coord), []ttdn.UnitAlias{{Text: "Sở mới", UnitID: 999999}}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("unknown unit: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'add_alias'`); n != 3 {
			t.Fatalf("%d add_alias events, want 3 (two on VHTTDL, one on Ngoại vụ)", n)
		}
	})
}
