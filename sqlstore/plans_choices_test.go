package sqlstore_test

import (
	"reflect"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// A plan list for pickers (Choices) holds the same plans, order, totals and
// task counts as the full list; only the plan's text lists are left empty.
func TestFindPlanChoices(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Objectives, p.Closing = []string{"Nâng cao hình ảnh tỉnh."}, []string{"Giao Sở TTTT theo dõi."}
		sqltest.MustCreatePlan(t, db, p)
		plans := sqlstore.NewPlanService(db)
		for _, u := range []*ttdn.User{w.coordinator, w.officerA} {
			full, total, err := plans.FindPlans(as(u), ttdn.PlanFilter{Limit: 50})
			if err != nil || len(full) == 0 || len(full[0].Objectives) == 0 {
				t.Fatalf("%s: %d plans %v", u.Username, len(full), err)
			}
			brief, briefTotal, err := plans.FindPlans(as(u), ttdn.PlanFilter{Limit: 50, Choices: true})
			if err != nil || briefTotal != total || len(brief) != len(full) {
				t.Fatalf("%s: %d choices of %d (%v), want %d of %d", u.Username, len(brief), briefTotal, err, len(full), total)
			}
			for i, b := range brief {
				own := *full[i]
				own.Objectives, own.Requirements, own.ContentDirections, own.Closing = nil, nil, nil, nil
				if !reflect.DeepEqual(&own, b) {
					t.Errorf("%s: choice %+v, plan %+v", u.Username, b, &own)
				}
			}
			// Without the task count: the same plans, fields and total,
			// every count 0 (and the full list did count tasks).
			bare, bareTotal, err := plans.FindPlans(as(u), ttdn.PlanFilter{Limit: 50, Choices: true, NoTaskCount: true})
			if err != nil || bareTotal != total || len(bare) != len(full) {
				t.Fatalf("%s: %d uncounted of %d (%v), want %d of %d", u.Username, len(bare), bareTotal, err, len(full), total)
			}
			counted := 0
			for i, b := range bare {
				own := *brief[i]
				counted += own.TaskCount
				own.TaskCount = 0
				if !reflect.DeepEqual(&own, b) {
					t.Errorf("%s: uncounted %+v, choice %+v", u.Username, b, &own)
				}
			}
			if counted == 0 {
				t.Errorf("%s: no plan had a task counted: the test proves nothing", u.Username)
			}
		}
	})
}
