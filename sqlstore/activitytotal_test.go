package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The activity list's total without a filter comes from the count tables
// for what every reader of a level sees; it equals the rows a user can list
// and a direct count (a filter that matches everything), for every role,
// after creating, reclassifying and deleting.
func TestActivityTotalFromCounts(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		var made []*ttdn.Activity
		for i, c := range []ttdn.Classification{ttdn.Public, ttdn.Internal, ttdn.Secret, ttdn.Internal, ttdn.Secret} {
			a := w.sample(ttdn.ActivityTypes[i%len(ttdn.ActivityTypes)].Type)
			a.Classification = c
			a.UnitIDs = []int64{[]int64{w.unitA.ID, w.unitB.ID}[i%2]}
			if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatal(err)
			}
			made = append(made, a)
		}
		check := func(step string) {
			t.Helper()
			for _, u := range []*ttdn.User{w.coordinator, w.leader, w.officerA, w.officerB, w.admin} {
				rows, total, err := w.acts.FindActivities(as(u), ttdn.ActivityFilter{Limit: 1000})
				if err != nil {
					t.Fatal(err)
				}
				early := ttdn.Date{Year: 1900, Month: 1, Day: 1}
				_, direct, err := w.acts.FindActivities(as(u), ttdn.ActivityFilter{From: &early, Limit: 1})
				if err != nil || total != len(rows) || direct != total {
					t.Errorf("%s, %s: total %d, rows %d, direct count %d (%v)", step, u.Username, total, len(rows), direct, err)
				}
			}
		}
		check("created")
		v := made[0].Version
		secret := ttdn.Secret
		if _, err := w.acts.UpdateActivity(as(w.coordinator), made[0].ID, ttdn.ActivityUpdate{Version: v, Classification: &secret}); err != nil {
			t.Fatal(err)
		}
		check("made secret")
		if err := w.acts.DeleteActivity(as(w.coordinator), made[2].ID); err != nil {
			t.Fatal(err)
		}
		check("deleted")
	})
}
