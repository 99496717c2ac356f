package demo_test

import (
	"context"
	"testing"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// BenchmarkLargeQueries measures the queries behind issue 3's pages — the
// activity list, the dashboard (activity statistics from the count tables,
// the plan overview), a unit's task list and the plan list — on
// the large demo province (50,000 activities, 3,000 tasks), on each engine,
// as a unit officer (the scoped, slower path) and as a leader.
func BenchmarkLargeQueries(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		sc := demo.LargeScale
		sc.Updates = 0 // not read by these queries
		if err := demo.Generate(context.Background(), db, sc, nil); err != nil {
			b.Fatal(err)
		}
		sys := sqltest.SystemContext()
		code := "so-ngoai-vu"
		unit := sqltest.MustFindUnit(b, db, code)
		officer := sqltest.UserContext(&ttdn.User{ID: 9001, Username: "bench", Role: ttdn.RoleUnitOfficer, UnitID: unit.ID})
		leader := sqltest.UserContext(&ttdn.User{ID: 9002, Username: "bench2", Role: ttdn.RoleLeader})
		plans, _, err := sqlstore.NewPlanService(db).FindPlans(sys, ttdn.PlanFilter{Limit: 1})
		if err != nil || len(plans) == 0 {
			b.Fatal(err)
		}
		acts, dash := sqlstore.NewActivityService(db), sqlstore.NewDashboardService(db)
		from, to := ttdn.Date{Year: 2025, Month: 1, Day: 1}, ttdn.Date{Year: 2025, Month: 12, Day: 31}
		day := ttdn.Date{Year: 2025, Month: 6, Day: 30}
		b.Run("FindActivities/page50/officer", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := acts.FindActivities(officer, ttdn.ActivityFilter{Limit: 50, Offset: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("FindActivities/unit+query/leader", func(b *testing.B) {
			q := "bien gioi"
			for b.Loop() {
				if _, _, err := acts.FindActivities(leader, ttdn.ActivityFilter{UnitID: &unit.ID, Query: &q, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("ActivityStats/year/officer", func(b *testing.B) {
			for b.Loop() {
				if _, err := dash.ActivityStats(officer, from, to); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("ActivityStats/year/leader", func(b *testing.B) {
			for b.Loop() {
				if _, err := dash.ActivityStats(leader, from, to); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("FindUnitActivity/plan/leader", func(b *testing.B) {
			progress := sqlstore.NewProgressService(db)
			for b.Loop() {
				if _, err := progress.FindUnitActivity(leader, ttdn.UnitActivityFilter{PlanID: &plans[0].ID, StaleOnly: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("PlanProgress/officer", func(b *testing.B) {
			for b.Loop() {
				if _, err := dash.PlanProgress(officer, plans[0].ID, day); err != nil {
					b.Fatal(err)
				}
			}
		})
		// What the dashboard asks of a plan: progress and the summarised
		// timeline from one read of its ~350 tasks.
		for _, who := range []struct {
			name string
			ctx  context.Context
		}{{"officer", officer}, {"leader", leader}} {
			b.Run("PlanOverview/"+who.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := dash.PlanOverview(who.ctx, plans[0].ID, day); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		// A range cutting months at both ends: the partial months are counted
		// from the activities, the whole ones from the count tables.
		b.Run("ActivityStats/partial/officer", func(b *testing.B) {
			from, to := ttdn.Date{Year: 2025, Month: 2, Day: 15}, ttdn.Date{Year: 2025, Month: 11, Day: 14}
			for b.Loop() {
				if _, err := dash.ActivityStats(officer, from, to); err != nil {
					b.Fatal(err)
				}
			}
		})
		benchTaskLists(b, db, officer)
		b.Run("AttentionTasks/leader", func(b *testing.B) {
			for b.Loop() {
				if _, err := dash.AttentionTasks(leader, ttdn.AttentionFilter{Day: day, StaleDays: 30, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// benchTaskLists measures a unit's task page (Sở TTTT, named directly and
// through groups: a page of 50 and the total), a plan's task count and the
// plan list with its task counts.
func benchTaskLists(b *testing.B, db *sqlstore.DB, officer context.Context) {
	tasks, plans := sqlstore.NewTaskService(db), sqlstore.NewPlanService(db)
	tttt := sqltest.MustFindUnit(b, db, "so-tttt")
	all, _, err := plans.FindPlans(officer, ttdn.PlanFilter{Limit: 1})
	if err != nil || len(all) == 0 {
		b.Fatal(err)
	}
	b.Run("FindTasks/unit/page50/officer", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := tasks.FindTasks(officer, ttdn.TaskFilter{UnitID: &tttt.ID, Limit: 50}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FindTasks/plan/count/officer", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := tasks.FindTasks(officer, ttdn.TaskFilter{PlanID: &all[0].ID, Limit: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FindPlans/page20/officer", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := plans.FindPlans(officer, ttdn.PlanFilter{Limit: 20}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
