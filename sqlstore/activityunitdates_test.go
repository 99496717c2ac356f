package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestActivityUnitDatesKept: the start date kept beside an activity's units
// (0045) equals the activity's after a create, an update that moves the date
// and the units, and a bulk load; and a unit's activities of a window are
// those of the unit's whole list whose date falls in it.
func TestActivityUnitDatesKept(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		check := func(step string) {
			t.Helper()
			off, err := db.QueryIntTest(`SELECT COUNT(*) FROM activity_units u JOIN activities a ON a.id = u.activity_id WHERE u.start_date <> a.start_date`)
			if err != nil || off != 0 {
				t.Fatalf("%s: %d links with another date than their activity's: %v", step, off, err)
			}
			from, to := date(2019, 3, 1), date(2019, 6, 30)
			for _, unit := range []int64{w.unitA.ID, w.unitB.ID} {
				all, _, err := w.acts.FindActivities(as(w.coordinator), ttdn.ActivityFilter{UnitID: &unit})
				if err != nil {
					t.Fatal(err)
				}
				var want []int64
				for _, a := range all {
					if a.StartDate.ISO() >= from.ISO() && a.StartDate.ISO() <= to.ISO() {
						want = append(want, a.ID)
					}
				}
				got, n, err := w.acts.FindActivities(as(w.coordinator), ttdn.ActivityFilter{UnitID: &unit, From: &from, To: &to})
				if err != nil || n != len(want) || len(got) != len(want) {
					t.Fatalf("%s: unit %d window: %d (total %d), want %d: %v", step, unit, len(got), n, len(want), err)
				}
				for i := range got {
					if got[i].ID != want[i] {
						t.Fatalf("%s: unit %d window: %d at %d, want %d", step, unit, got[i].ID, i, want[i])
					}
				}
			}
		}
		var made []*ttdn.Activity
		for i := range 6 {
			a := w.sample(ttdn.ActivityPressConference)
			a.StartDate, a.EndDate, a.TaskIDs = date(2019, 1+2*i, 10), ttdn.Date{}, nil
			a.UnitIDs = []int64{[]int64{w.unitA.ID, w.unitB.ID}[i%2], w.unitA1.ID}
			if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatal(err)
			}
			made = append(made, a)
		}
		check("after creates")
		moved, ua := date(2019, 4, 2), []int64{w.unitB.ID}
		if _, err := w.acts.UpdateActivity(as(w.coordinator), made[0].ID, ttdn.ActivityUpdate{Version: made[0].Version, StartDate: &moved, UnitIDs: &ua}); err != nil {
			t.Fatal(err)
		}
		out := date(2019, 12, 1)
		if _, err := w.acts.UpdateActivity(as(w.coordinator), made[2].ID, ttdn.ActivityUpdate{Version: made[2].Version, StartDate: &out}); err != nil {
			t.Fatal(err)
		}
		check("after updates")
		var bulk []*ttdn.Activity
		for i := range 4 {
			a := w.sample(ttdn.ActivityPublication)
			a.StartDate, a.EndDate, a.TaskIDs, a.UnitIDs = date(2019, 3+i, 5), ttdn.Date{}, nil, []int64{w.unitA.ID}
			bulk = append(bulk, a)
		}
		if err := sqlstore.NewBulkLoader(db).CreateActivities(sqltest.SystemContext(), bulk); err != nil {
			t.Fatal(err)
		}
		check("after a bulk load")
	})
}
