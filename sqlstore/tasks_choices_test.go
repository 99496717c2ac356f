package sqlstore_test

import (
	"fmt"
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

// A picker over every plan lists the newest plan's tasks first — by year,
// not by the order plans were stored in (2019, then 2026, then 2018: the
// order by id either way differs from the order by year) — each plan's in
// its own order, so a cap keeps this year's tasks, not the oldest plans'.
func TestFindTasksNewestPlansFirst(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		inYear := func(year int) *ttdn.Plan {
			p := w.plan2019()
			p.Year, p.Title = year, fmt.Sprintf("Kế hoạch thông tin đối ngoại năm %d", year)
			return p
		}
		p2019 := sqltest.MustCreatePlan(t, db, w.plan2019())
		p2026 := sqltest.MustCreatePlan(t, db, inYear(2026))
		p2018 := sqltest.MustCreatePlan(t, db, inYear(2018))
		for _, u := range []*ttdn.User{w.coordinator, w.officerA} {
			byPlan := map[int64][]int64{}
			for _, id := range []int64{p2026.ID, p2019.ID, p2018.ID} {
				tasks, _, err := w.tasks.FindTasks(as(u), ttdn.TaskFilter{PlanID: &id, Limit: 500})
				if err != nil || len(tasks) == 0 {
					t.Fatalf("%s: plan %d: %d tasks, %v", u.Username, id, len(tasks), err)
				}
				for _, x := range tasks {
					byPlan[id] = append(byPlan[id], x.ID)
				}
			}
			want := append(append(append([]int64{}, byPlan[p2026.ID]...), byPlan[p2019.ID]...), byPlan[p2018.ID]...)
			got, _, err := w.tasks.FindTasks(as(u), ttdn.TaskFilter{Limit: 500, Choices: true, NoTotal: true, NewestPlansFirst: true})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, x := range got {
				ids = append(ids, x.ID)
			}
			if !reflect.DeepEqual(ids, want) {
				t.Fatalf("%s: newest plans first %v, want %v", u.Username, ids, want)
			}
			capped, _, err := w.tasks.FindTasks(as(u), ttdn.TaskFilter{Limit: len(byPlan[p2026.ID]), Choices: true, NewestPlansFirst: true})
			if err != nil || len(capped) != len(byPlan[p2026.ID]) || capped[0].PlanID != p2026.ID || capped[len(capped)-1].PlanID != p2026.ID {
				t.Fatalf("%s: capped to the newest plan's count: %d tasks, %v", u.Username, len(capped), err)
			}
		}
	})
}
