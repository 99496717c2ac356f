package sqlstore_test

import (
	"fmt"
	"sync"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func taskIDs(tasks []*ttdn.Task) []string {
	var refs []string
	for _, t := range tasks {
		refs = append(refs, t.Ref)
	}
	return refs
}

func TestFindTasksByUnit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		sqltest.MustCreatePlan(t, db, w.plan2019())
		ctx := sqltest.SystemContext()
		for _, c := range []struct {
			unit *ttdn.Unit
			role *ttdn.TaskRole
			want string
		}{
			{w.unitA, nil, "[III.1 III.3]"},       // lead of 1, coordinating (group) of 1, lead (group) of 3
			{w.unitB, nil, "[III.1 III.2 III.3]"}, // group on 1 and 3, lead of 2
			{w.unitB, ptr(ttdn.RoleLead), "[III.2 III.3]"},
			{w.unitA, ptr(ttdn.RoleCoordinating), "[III.1]"},
			{w.unitA1, nil, "[]"},
		} {
			tasks, total, err := w.tasks.FindTasks(ctx, ttdn.TaskFilter{UnitID: &c.unit.ID, Role: c.role, Kind: ptr(ttdn.TaskKindTask)})
			if got := fmt.Sprint(taskIDs(tasks)); err != nil || got != c.want || total != len(tasks) {
				t.Errorf("unit %s role %v: %s (total %d), %v; want %s", c.unit.Code, c.role, got, total, err, c.want)
			}
		}
		tasks, total, _ := w.tasks.FindTasks(ctx, ttdn.TaskFilter{UnitID: &w.unitB.ID, Kind: ptr(ttdn.TaskKindTask), Limit: 1, Offset: 1})
		if total != 3 || fmt.Sprint(taskIDs(tasks)) != "[III.2]" {
			t.Fatalf("paging: %v total %d", taskIDs(tasks), total)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestUpdateTask(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		task := p.Tasks[0]
		done := ttdn.TaskDone
		coord := []ttdn.UnitRef{{Name: w.unitA1.Name, Text: "Phòng TTBC", Code: "so-a-phong"}}
		// A unit officer reports progress on its task; it never rewrites it.
		if _, err := w.tasks.UpdateTask(as(w.officerA), task.ID, ttdn.TaskUpdate{Version: 1, Status: &done,
			Percent: ptr(100), Coordinating: &coord}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer A rewrites own task: %v", err)
		}
		got, err := w.tasks.UpdateTask(as(w.coordinator), task.ID, ttdn.TaskUpdate{Version: 1, Status: &done,
			Percent: ptr(100), Coordinating: &coord})
		if err != nil || got.Version != 2 || got.Status != done || got.Coordinating[0].ID != w.unitA1.ID {
			t.Fatalf("coordinator updates the task: %+v, %v", got, err)
		}
		again, _ := w.tasks.FindTaskByID(as(w.officerA), task.ID)
		if again.Percent != 100 || len(again.Coordinating) != 1 || again.Lead[0].ID != w.unitA.ID {
			t.Fatalf("reloaded: %+v", again)
		}
		// A stale edit is refused and changes nothing, audit included.
		audits := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'task'`)
		_, err = w.tasks.UpdateTask(as(w.coordinator), task.ID, ttdn.TaskUpdate{Version: 1, Percent: ptr(5)})
		if ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("stale update: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'task'`); n != audits {
			t.Fatalf("failed update wrote audit rows: %d → %d", audits, n)
		}
		if cur, _ := w.tasks.FindTaskByID(sqltest.SystemContext(), task.ID); cur.Percent != 100 || cur.Version != 2 {
			t.Fatalf("after conflict: %d%% v%d", cur.Percent, cur.Version)
		}
		if _, err := w.tasks.UpdateTask(as(w.coordinator), task.ID, ttdn.TaskUpdate{Version: 2, Percent: ptr(101)}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("percent 101: %v", err)
		}
		// Officer B may read task 1 (internal) but not change it: B is only in the group.
		if _, err := w.tasks.UpdateTask(as(w.officerB), task.ID, ttdn.TaskUpdate{Version: 2, Percent: ptr(1)}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer B updating A's task: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'task' AND action = 'update'`); n != 1 {
			t.Fatalf("update audit rows: %d, want 1", n)
		}
	})
}

func TestCreateTask(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		task := &ttdn.Task{PlanID: p.ID, Ref: "III.4", Title: "Tập huấn", Lead: []ttdn.UnitRef{{Name: "A", Code: "so-a"}}}
		if err := w.tasks.CreateTask(as(w.coordinator), task); err != nil || task.ID == 0 || task.Status != ttdn.TaskNotStarted {
			t.Fatalf("create: %+v, %v", task, err)
		}
		tasks, _, _ := w.tasks.FindTasks(sqltest.SystemContext(), ttdn.TaskFilter{PlanID: &p.ID, Kind: ptr(ttdn.TaskKindTask)})
		if got := fmt.Sprint(taskIDs(tasks)); got != "[III.1 III.2 III.3 III.4]" {
			t.Fatalf("order: %s", got)
		}
		bad := &ttdn.Task{PlanID: 987654, Title: "x"}
		if err := w.tasks.CreateTask(as(w.coordinator), bad); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("task of a missing plan: %v", err)
		}
		if err := w.tasks.CreateTask(as(w.officerA), &ttdn.Task{PlanID: p.ID, Title: "x"}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer creating a task: %v", err)
		}
	})
}

// TestConcurrentTaskUpdates runs 8 writers × 50 updates at once: on SQLite
// they queue on the one write connection and none fails with "database is
// locked".
func TestConcurrentTaskUpdates(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Tasks = nil
		for i := range 8 {
			p.Tasks = append(p.Tasks, &ttdn.Task{Ref: fmt.Sprint(i), Title: "Nhiệm vụ", Lead: []ttdn.UnitRef{{Code: "so-a"}}})
		}
		sqltest.MustCreatePlan(t, db, p)
		var wg sync.WaitGroup
		errs := make(chan error, 8*50)
		for _, task := range p.Tasks {
			wg.Go(func() {
				for v := 1; v <= 50; v++ {
					if _, err := w.tasks.UpdateTask(as(w.coordinator), task.ID, ttdn.TaskUpdate{Version: v, Percent: ptr(v * 2)}); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM tasks WHERE version = 51 AND percent = 100`); n != 8 {
			t.Fatalf("%d tasks fully updated, want 8", n)
		}
		if db.Engine() == sqlstore.EngineSQLite {
			if st := db.WriteStats(); st.MaxOpenConnections != 1 || st.OpenConnections > 1 {
				t.Fatalf("sqlite write pool: max %d, open %d", st.MaxOpenConnections, st.OpenConnections)
			}
		}
	})
}
