package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestFindActivityChoices: a picker's list holds the same activities, in
// the same order, with their own fields, as the full list — without links
// and without a total — for a reader who sees all and one who sees some.
func TestFindActivityChoices(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		for i, unit := range []int64{w.unitA.ID, w.unitA1.ID, w.unitB.ID, w.unitA.ID} {
			a := w.sample(ttdn.ActivityPressConference)
			a.Title, a.StartDate, a.EndDate, a.UnitIDs, a.TaskIDs = "Họp báo "+string(rune('A'+i)), date(2019, 4, 1+i), ttdn.Date{}, []int64{unit}, nil
			if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatal(err)
			}
		}
		from, to := date(2019, 4, 1), date(2019, 4, 30)
		for _, u := range []*ttdn.User{w.coordinator, w.officerA} {
			f := ttdn.ActivityFilter{UnitID: &w.unitA.ID, From: &from, To: &to, Limit: 3}
			full, _, err := w.acts.FindActivities(as(u), f)
			if err != nil {
				t.Fatal(err)
			}
			f.Choices = true
			picks, total, err := w.acts.FindActivities(as(u), f)
			if err != nil || total != -1 || len(picks) != len(full) || len(full) == 0 {
				t.Fatalf("%s: %d choices (total %d) for %d activities: %v", u.Username, len(picks), total, len(full), err)
			}
			for i, a := range full {
				p := picks[i]
				if p.ID != a.ID || p.Title != a.Title || p.StartDate != a.StartDate || p.Classification != a.Classification || p.UnitIDs != nil || len(a.UnitIDs) == 0 {
					t.Errorf("%s: choice %d is %+v, activity %+v", u.Username, i, p, a)
				}
			}
		}
	})
}
