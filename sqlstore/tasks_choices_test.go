package sqlstore_test

import (
	"reflect"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// A picker's task list (Choices) holds the same tasks in the same order,
// with the same total and own fields, as the full list — only the units are
// left out — as an officer and as the coordinator.
func TestFindTaskChoices(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		sqltest.MustCreatePlan(t, db, w.plan2019())
		for _, u := range []*ttdn.User{w.coordinator, w.officerA, w.officerB} {
			for _, f := range []ttdn.TaskFilter{{Limit: 500}, {Limit: 2, Offset: 1}} {
				full, total, err := w.tasks.FindTasks(as(u), f)
				if err != nil || len(full) == 0 {
					t.Fatalf("%s: %d tasks, %v", u.Username, len(full), err)
				}
				f.Choices = true
				brief, briefTotal, err := w.tasks.FindTasks(as(u), f)
				if err != nil || briefTotal != total || len(brief) != len(full) {
					t.Fatalf("%s: %d choices of %d (%v), want %d of %d", u.Username, len(brief), briefTotal, err, len(full), total)
				}
				units := 0
				for i, b := range brief {
					units += len(full[i].Lead) + len(full[i].Executing) + len(full[i].Coordinating)
					if len(b.Lead)+len(b.Executing)+len(b.Coordinating) != 0 {
						t.Errorf("choice %s carries units", b.Ref)
					}
					own := *full[i]
					own.Lead, own.Executing, own.Coordinating = nil, nil, nil
					if !reflect.DeepEqual(&own, b) {
						t.Errorf("%s: choice %+v, task %+v", u.Username, b, &own)
					}
				}
				if f.Offset == 0 && units == 0 {
					t.Fatalf("%s: the full list names no unit: nothing was left out", u.Username)
				}
			}
		}
	})
}

// A list asked without its total (NoTotal) holds the same tasks, with the
// same fields, in the same order, for each role and filter; only the total
// is left 0.
func TestFindTasksNoTotal(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		for _, u := range []*ttdn.User{w.coordinator, w.officerA, w.officerB, w.leader} {
			for _, f := range []ttdn.TaskFilter{{Limit: 500}, {Limit: 2, Offset: 1}, {UnitID: &w.unitA.ID, PlanID: &p.ID}, {Choices: true}} {
				want, total, err := w.tasks.FindTasks(as(u), f)
				if err != nil {
					t.Fatal(err)
				}
				f.NoTotal = true
				got, none, err := w.tasks.FindTasks(as(u), f)
				if err != nil || none != 0 || !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, %+v: without the total %d tasks, total %d (%v); with it %d of %d", u.Username, f, len(got), none, err, len(want), total)
				}
			}
		}
	})
}
