package sqlstore_test

import (
	"reflect"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPlanOverview checks that the overview's progress is PlanProgress's
// and that its timeline draws top-level tasks with the readable sub-tasks
// counted in: III.2.1 sits under the secret III.2, which officer A may not
// read, so for A it is a bar of its own and III.2 is counted nowhere.
func TestPlanOverview(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Responsibilities = nil
		lead := []ttdn.UnitRef{{Name: w.unitA.Name, ID: w.unitA.ID}}
		p.Tasks = append(p.Tasks,
			&ttdn.Task{Ref: "III.1.1", Title: "Họp báo quý I", Lead: lead, Deadline: date(2019, 3, 31), Classification: ttdn.Internal,
				Status: ttdn.TaskDone, Percent: 100},
			&ttdn.Task{Ref: "III.1.2", Title: "Họp báo quý IV", Lead: lead, Deadline: date(2019, 12, 31), Classification: ttdn.Public},
			&ttdn.Task{Ref: "III.1.3", Title: "Họp báo mật", Lead: []ttdn.UnitRef{{Name: w.unitB.Name, ID: w.unitB.ID}},
				Deadline: date(2019, 6, 30), Classification: ttdn.Secret},
			&ttdn.Task{Ref: "III.2.1", Title: "Tổng hợp tin", Lead: lead, Classification: ttdn.Internal})
		plan := sqltest.MustCreatePlan(t, db, p)
		dash := sqlstore.NewDashboardService(db)
		day := date(2020, 1, 10)
		bars := func(u *ttdn.User) map[string]ttdn.SubtaskSummary {
			ov, err := dash.PlanOverview(as(u), plan.ID, day)
			if err != nil {
				t.Fatal(err)
			}
			pp, err := dash.PlanProgress(as(u), plan.ID, day)
			if err != nil || !reflect.DeepEqual(ov.Progress, pp) {
				t.Errorf("%s: overview progress %+v, PlanProgress %+v (%v)", u.Username, ov.Progress, pp, err)
			}
			full, err := dash.TaskTimeline(as(u), plan.ID, day)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]ttdn.SubtaskSummary{}
			n := 0
			for _, it := range ov.Timeline {
				out[it.Ref] = it.Subtasks
				n += 1 + it.Subtasks.Total
			}
			if n != len(full) || n != pp.Total.Total {
				t.Errorf("%s: %d tasks in the bars, %d in the full timeline, %d counted", u.Username, n, len(full), pp.Total.Total)
			}
			return out
		}
		got := bars(w.officerA)
		want := map[string]ttdn.SubtaskSummary{"III.1": {Total: 2, Done: 1, Overdue: 1, Last: date(2019, 12, 31)}, "III.2.1": {}, "III.3": {}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("officer A bars %+v, want %+v", got, want)
		}
		got = bars(w.coordinator)
		want = map[string]ttdn.SubtaskSummary{"III.1": {Total: 3, Done: 1, Overdue: 2, Last: date(2019, 12, 31)},
			"III.2": {Total: 1}, "III.3": {}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("coordinator bars %+v, want %+v", got, want)
		}
	})
}
