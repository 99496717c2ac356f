package sqlstore_test

import (
	"fmt"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// benchPlan is a plan of the seed's size: 30 tasks, each with a lead, an
// executing group and two coordinating refs (one unresolved).
func (w *world) benchPlan(year int) *ttdn.Plan {
	p := w.plan2019()
	p.Year, p.Tasks = year, nil
	for i := range 30 {
		lead := ttdn.UnitRef{Name: "Sở A", Code: "so-a"}
		if i%2 == 1 {
			lead = ttdn.UnitRef{Name: "Sở B", Code: "so-b"}
		}
		p.Tasks = append(p.Tasks, &ttdn.Task{Ref: fmt.Sprintf("III.%d", i+1), Title: "Nhiệm vụ thông tin đối ngoại",
			Body: "Nội dung chi tiết của nhiệm vụ.", Lead: []ttdn.UnitRef{lead},
			Executing:    []ttdn.UnitRef{{Name: "Các sở, ban, ngành", Code: "nhom-ab", Group: true}},
			Coordinating: []ttdn.UnitRef{{Name: "Phòng", Code: "so-a-phong"}, {Name: "Doanh nghiệp", Text: "Doanh nghiệp"}},
			Deadline:     date(year, 12, 15), Classification: ttdn.Classifications[i%3]})
	}
	return p
}

func BenchmarkFindPlanByID(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		w := newWorld(b, db)
		p := sqltest.MustCreatePlan(b, db, w.benchPlan(2019))
		ctx := as(w.officerA) // scoped reads: the realistic and slower path
		b.ResetTimer()
		for b.Loop() {
			if _, err := w.plans.FindPlanByID(ctx, p.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkFindTasksByUnit(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		w := newWorld(b, db)
		for year := 2015; year < 2025; year++ { // 10 plans, 300 tasks
			sqltest.MustCreatePlan(b, db, w.benchPlan(year))
		}
		ctx := as(w.officerB)
		filter := ttdn.TaskFilter{UnitID: &w.unitA1.ID, Limit: 50}
		b.ResetTimer()
		for b.Loop() {
			if _, _, err := w.tasks.FindTasks(ctx, filter); err != nil {
				b.Fatal(err)
			}
		}
	})
}
