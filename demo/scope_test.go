package demo_test

import (
	"context"
	"slices"
	"testing"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestScopedTotalsMatchPolicy checks the fast list and dashboard queries
// against ttdn.Can on a small generated province: every total, page and
// count a user gets must be exactly what the policy lets them read, secret
// records of their unit included and others' excluded.
func TestScopedTotalsMatchPolicy(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sc := demo.Scale{ExtraUnits: 10, FirstYear: 2024, Plans: 2, TasksPerPlan: 60, Activities: 3000, Users: 5}
		if err := demo.Generate(context.Background(), db, sc, nil); err != nil {
			t.Fatal(err)
		}
		sys := sqltest.SystemContext()
		allActs, _, err := sqlstore.NewActivityService(db).FindActivities(sys, ttdn.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		allTasks, _, err := sqlstore.NewTaskService(db).FindTasks(sys, ttdn.TaskFilter{})
		if err != nil {
			t.Fatal(err)
		}
		tttt := sqltest.MustFindUnit(t, db, "so-tttt")
		officer := &ttdn.User{ID: 9002, Username: "cb1", Role: ttdn.RoleUnitOfficer, UnitID: busiestSecretUnit(allActs)}
		users := map[string]*ttdn.User{
			"anonymous":      nil,
			"leader":         {ID: 9001, Username: "ld", Role: ttdn.RoleLeader},
			"officer-secret": officer,
			"officer-tttt":   {ID: 9003, Username: "cb2", Role: ttdn.RoleUnitOfficer, UnitID: tttt.ID},
		}
		for name, u := range users {
			t.Run(name, func(t *testing.T) {
				secret := checkActivities(t, db, u, allActs)
				if u == officer && secret == 0 {
					t.Fatal("the officer reads no secret activity: the unit branch of the scope is not exercised")
				}
				checkUnitTasks(t, db, u, allTasks, tttt.ID)
				if u != nil {
					checkUnitActivity(t, db, u, allTasks[len(allTasks)-1].PlanID)
				}
			})
		}
	})
}

// busiestSecretUnit is the unit involved in most secret activities, so an
// officer of it reads secret records through the unit branch of the scope.
func busiestSecretUnit(acts []*ttdn.Activity) int64 {
	n := map[int64]int{}
	var best int64
	for _, a := range acts {
		if a.Classification != ttdn.Secret {
			continue
		}
		for _, id := range a.UnitIDs {
			if n[id]++; n[id] > n[best] {
				best = id
			}
		}
	}
	return best
}

// checkActivities compares the activity list and the year's statistics with
// the activities the policy lets u read, and returns how many are secret.
func checkActivities(t *testing.T, db *sqlstore.DB, u *ttdn.User, all []*ttdn.Activity) int {
	t.Helper()
	ctx := sqltest.UserContext(u)
	from, to := ttdn.Date{Year: 2025, Month: 1, Day: 1}, ttdn.Date{Year: 2025, Month: 12, Day: 31}
	var want, secret int
	byType, byTheme := map[string]int{}, map[string]int{}
	for _, a := range all {
		if !ttdn.Can(u, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceActivity, Classification: a.Classification, UnitIDs: a.UnitIDs}) {
			continue
		}
		want++
		if a.Classification == ttdn.Secret {
			secret++
		}
		if !a.StartDate.Before(from) && !to.Before(a.StartDate) {
			byType[string(a.Type)]++
			for _, th := range a.Themes {
				byTheme[th]++
			}
		}
	}
	page, total, err := sqlstore.NewActivityService(db).FindActivities(ctx, ttdn.ActivityFilter{Limit: 50, Offset: 10})
	if err != nil || total != want || len(page) != min(50, want-10) {
		t.Fatalf("activities: %d of total %d (%v), want total %d", len(page), total, err, want)
	}
	if u == nil {
		return secret // the dashboard needs a login
	}
	st, err := sqlstore.NewDashboardService(db).ActivityStats(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range st.ByType {
		if c.Count != byType[c.Key] {
			t.Errorf("stats type %s = %d, want %d", c.Key, c.Count, byType[c.Key])
		}
	}
	for _, c := range st.ByTheme {
		if c.Count != byTheme[c.Key] {
			t.Errorf("stats theme %s = %d, want %d", c.Key, c.Count, byTheme[c.Key])
		}
	}
	months := 0
	for _, c := range st.ByMonth {
		months += c.Count
	}
	if months != st.Total {
		t.Errorf("stats months add up to %d, total %d", months, st.Total)
	}
	return secret
}

// checkUnitTasks compares a unit's task list (named directly or through a
// group) with the tasks the policy lets u read.
func checkUnitTasks(t *testing.T, db *sqlstore.DB, u *ttdn.User, all []*ttdn.Task, unitID int64) {
	t.Helper()
	groups, err := sqlstore.NewUnitService(db).FindUnitGroups(sqltest.SystemContext())
	if err != nil {
		t.Fatal(err)
	}
	inGroup := map[int64]bool{}
	for _, g := range groups {
		inGroup[g.ID] = slices.Contains(g.MemberIDs, unitID)
	}
	var want []int64
	viaGroup := 0
	for _, task := range all {
		direct, group := false, false
		for _, r := range append(append(task.Lead, task.Executing...), task.Coordinating...) {
			direct = direct || (!r.Group && r.ID == unitID)
			group = group || (r.Group && inGroup[r.ID])
		}
		res := ttdn.Resource{Kind: ttdn.ResourceTask, Classification: task.Classification, UnitIDs: task.UnitIDs()}
		if (direct || group) && ttdn.Can(u, ttdn.ActionRead, res) {
			want = append(want, task.ID)
			if !direct {
				viaGroup++
			}
		}
	}
	if viaGroup == 0 {
		t.Fatal("no task names the unit only through a group: the group path is not exercised")
	}
	ctx := sqltest.UserContext(u)
	tasks, total, err := sqlstore.NewTaskService(db).FindTasks(ctx, ttdn.TaskFilter{UnitID: &unitID, Limit: 50})
	if err != nil || total != len(want) || len(tasks) != min(50, len(want)) {
		t.Fatalf("unit tasks: %d of total %d (%v), want total %d", len(tasks), total, err, len(want))
	}
	for i, task := range tasks {
		if task.ID != want[i] {
			t.Fatalf("unit task %d = %d, want %d (plan order)", i, task.ID, want[i])
		}
	}
}

// checkUnitActivity checks that narrowing the staleness report to a plan or
// a unit (filters applied inside its query) gives the same rows as the
// wider report. The one-unit report starts from the unit's task rows and
// the wide one from the open tasks (sqlstore.unitActivityQuery), so this
// also holds the two queries to the same answers, on both engines.
func checkUnitActivity(t *testing.T, db *sqlstore.DB, u *ttdn.User, planID int64) {
	t.Helper()
	ctx, svc := sqltest.UserContext(u), sqlstore.NewProgressService(db)
	all, err := svc.FindUnitActivity(ctx, ttdn.UnitActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	inPlan, err := svc.FindUnitActivity(ctx, ttdn.UnitActivityFilter{PlanID: &planID})
	if err != nil || len(inPlan) == 0 {
		t.Fatalf("plan's units: %v %v", inPlan, err)
	}
	for _, f := range []ttdn.UnitActivityFilter{{}, {PlanID: &planID}} {
		wide := all
		if f.PlanID != nil {
			wide = inPlan
		}
		for _, w := range wide[:min(40, len(wide))] {
			f.UnitID = &w.UnitID
			one, err := svc.FindUnitActivity(ctx, f)
			if err != nil || len(one) != 1 || *one[0] != *w {
				t.Fatalf("unit %d (plan filter %v): %+v %v, want %+v", w.UnitID, f.PlanID != nil, one, err, w)
			}
		}
	}
}
