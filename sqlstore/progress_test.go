package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// moveClock fixes db.Now and returns a function moving it by days.
func moveClock(db *sqlstore.DB, start time.Time) func(days int) {
	now := start
	db.Now = func() time.Time { return now }
	return func(days int) { now = now.AddDate(0, 0, days) }
}

func TestDutiesAreTasks(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		duty := ttdn.TaskKindDuty
		duties, total, err := w.tasks.FindTasks(sqltest.SystemContext(), ttdn.TaskFilter{PlanID: &p.ID, Kind: &duty})
		if err != nil || total != 3 || fmt.Sprint(taskIDs(duties)) != "[V.1.1 V.1.2 V.2.1]" {
			t.Fatalf("duties: %v (total %d), %v", taskIDs(duties), total, err)
		}
		d := duties[0]
		if d.Title != "Chủ trì, theo dõi, đôn đốc." || d.ResponsibilityID != p.Responsibilities[0].ID ||
			len(d.Executing) != 1 || d.Executing[0].ID != w.unitA.ID || d.Classification != ttdn.Internal {
			t.Fatalf("duty task: %+v", d)
		}
		if fmt.Sprint(p.Responsibilities[0].DutyTaskIDs) != fmt.Sprint([]int64{duties[0].ID, duties[1].ID}) {
			t.Fatalf("duty ids %v", p.Responsibilities[0].DutyTaskIDs)
		}
		// A duty is updated exactly like a task, by its unit.
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: d.ID, Text: "Đã đôn đốc", Percent: ptr(50)}); err != nil {
			t.Fatal(err)
		}
		got, _ := w.tasks.FindTaskByID(as(w.officerA), d.ID)
		if got.Status != ttdn.TaskInProgress || got.Percent != 50 {
			t.Fatalf("duty after update: %s %d%%", got.Status, got.Percent)
		}
		plan, _ := w.plans.FindPlanByID(as(w.officerA), p.ID)
		if plan.TaskCount != 2 || len(plan.Tasks) != 2 {
			t.Fatalf("plan view mixes duties with tasks: %d", len(plan.Tasks))
		}
	})
}

func TestSubtasksDeriveProgress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		parent := p.Tasks[0]
		ctx := as(w.coordinator)
		var subs []*ttdn.Task
		for i := range 2 {
			s := &ttdn.Task{PlanID: p.ID, ParentID: parent.ID, Ref: fmt.Sprintf("III.1.%d", i+1), Title: "Họp báo quý", Lead: []ttdn.UnitRef{{Code: "so-a"}}}
			if err := w.tasks.CreateTask(ctx, s); err != nil {
				t.Fatal(err)
			}
			subs = append(subs, s)
		}
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: subs[0].ID, Text: "Xong", Status: ptr(ttdn.TaskDone)}); err != nil {
			t.Fatal(err)
		}
		got, _ := w.tasks.FindTaskByID(ctx, parent.ID)
		if got.Status != ttdn.TaskInProgress || got.Percent != 50 {
			t.Fatalf("parent after one of two done: %s %d%%", got.Status, got.Percent)
		}
		err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: parent.ID, Percent: ptr(90)})
		if ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("setting a derived percent: %v", err)
		}
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: subs[1].ID, Status: ptr(ttdn.TaskCancelled)}); err != nil {
			t.Fatal(err)
		}
		got, _ = w.tasks.FindTaskByID(ctx, parent.ID)
		if got.Status != ttdn.TaskDone || got.Percent != 100 {
			t.Fatalf("parent with one done, one cancelled: %s %d%%", got.Status, got.Percent)
		}
		other := sqltest.MustCreatePlan(t, db, w.plan2019())
		bad := &ttdn.Task{PlanID: other.ID, ParentID: parent.ID, Title: "x"}
		if err := w.tasks.CreateTask(ctx, bad); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("parent in another plan: %v", err)
		}
	})
}

func TestProgressUpdate(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		move := moveClock(db, time.Date(2019, 3, 1, 3, 0, 0, 0, time.UTC))
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		task := p.Tasks[0] // led by A, group (A, B) coordinating
		move(2)
		u := &ttdn.ProgressUpdate{TaskID: task.ID, Text: "Đã tổ chức họp báo quý I", Percent: ptr(30), Date: date(2019, 3, 2)}
		if err := w.progress.AddProgressUpdate(as(w.officerA), u); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.UnitID != w.unitA.ID || u.Contribution {
			t.Fatalf("update: %+v", u)
		}
		got, _ := w.tasks.FindTaskByID(as(w.officerA), task.ID)
		if got.Status != ttdn.TaskInProgress || got.Percent != 30 || got.Version != 2 || !got.LastUpdateAt.Equal(db.Now().UTC()) {
			t.Fatalf("task after update: %s %d%% v%d last %v", got.Status, got.Percent, got.Version, got.LastUpdateAt)
		}
		move(5)
		if d := got.DaysSinceUpdate(db.Now()); d != 5 {
			t.Fatalf("days since update: %d", d)
		}
		future := &ttdn.ProgressUpdate{TaskID: task.ID, Text: "x", Date: date(2030, 1, 1)}
		if err := w.progress.AddProgressUpdate(as(w.officerA), future); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("future date: %v", err)
		}
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: task.ID, Percent: ptr(101)}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("percent 101: %v", err)
		}
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: p.Tasks[1].ID, Text: "x"}); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("officer A on B's secret task: %v", err)
		}
		list, total, err := w.progress.FindProgressUpdates(as(w.officerB), ttdn.ProgressFilter{TaskID: &task.ID})
		if err != nil || total != 1 || list[0].Text != u.Text || *list[0].Percent != 30 || list[0].Date != date(2019, 3, 2) {
			t.Fatalf("updates: %v (total %d), %v", list, total, err)
		}
		// By IDs, as the unit report names the updates it cites.
		if list, total, err = w.progress.FindProgressUpdates(as(w.officerB), ttdn.ProgressFilter{IDs: []int64{u.ID, 99999999}}); err != nil || total != 1 || len(list) != 1 || list[0].ID != u.ID {
			t.Fatalf("updates by ids: %v (total %d), %v", list, total, err)
		}
		if list, total, err = w.progress.FindProgressUpdates(as(w.officerB), ttdn.ProgressFilter{IDs: []int64{}}); err != nil || total != 0 || len(list) != 0 {
			t.Fatalf("no ids: %v (total %d), %v", list, total, err)
		}
	})
}

func TestContributionByCoordinatingUnit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		// B coordinates directly, so officer B may add to it.
		p.Tasks[0].Coordinating = []ttdn.UnitRef{{Name: w.unitB.Name, Code: "so-b"}}
		sqltest.MustCreatePlan(t, db, p)
		task := p.Tasks[0]
		u := &ttdn.ProgressUpdate{TaskID: task.ID, Text: "Sở Ngoại vụ cung cấp thông tin cho họp báo", Status: ptr(ttdn.TaskDone)}
		if err := w.progress.AddProgressUpdate(as(w.officerB), u); err != nil {
			t.Fatal(err)
		}
		if !u.Contribution || u.UnitID != w.unitB.ID {
			t.Fatalf("coordinating unit's update: %+v", u)
		}
		got, _ := w.tasks.FindTaskByID(sqltest.SystemContext(), task.ID)
		if got.Status != ttdn.TaskNotStarted || got.Percent != 0 || got.LastUpdateAt.IsZero() {
			t.Fatalf("contribution changed the lead's status: %s %d%%", got.Status, got.Percent)
		}
		list, _, _ := w.progress.FindProgressUpdates(as(w.officerA), ttdn.ProgressFilter{TaskID: &task.ID})
		if len(list) != 1 || !list[0].Contribution || list[0].UnitID != w.unitB.ID {
			t.Fatalf("lead sees contributions: %+v", list)
		}
	})
}

func TestStaleUnits(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		move := moveClock(db, time.Date(2019, 1, 15, 2, 0, 0, 0, time.UTC))
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		move(10)
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: p.Tasks[0].ID, Text: "Bắt đầu"}); err != nil {
			t.Fatal(err)
		}
		move(25) // A updated 25 days ago, B never (35 days since the plan)
		acts, err := w.progress.FindUnitActivity(as(w.coordinator), ttdn.UnitActivityFilter{PlanID: &p.ID, StaleDays: 30})
		if err != nil || len(acts) != 2 {
			t.Fatalf("activity: %+v, %v", acts, err)
		}
		byUnit := map[int64]*ttdn.UnitActivity{}
		for _, a := range acts {
			byUnit[a.UnitID] = a
		}
		if a := byUnit[w.unitA.ID]; a == nil || a.DaysSinceUpdate != 25 || a.Stale || a.OpenTasks != 4 { // III.1, III.3 (group), duties V.1.1, V.1.2
			t.Fatalf("unit A: %+v", a)
		}
		if b := byUnit[w.unitB.ID]; b == nil || b.DaysSinceUpdate != 35 || !b.Stale || !b.LastUpdateAt.IsZero() {
			t.Fatalf("unit B: %+v", b)
		}
		if _, err := w.settings.UpdateSettings(as(w.admin), ttdn.SettingsUpdate{StaleDays: ptr(20)}); err != nil {
			t.Fatal(err)
		}
		stale, err := w.progress.FindUnitActivity(as(w.coordinator), ttdn.UnitActivityFilter{StaleOnly: true})
		if err != nil || len(stale) != 2 {
			t.Fatalf("stale with the 20-day setting: %+v, %v", stale, err)
		}
	})
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
