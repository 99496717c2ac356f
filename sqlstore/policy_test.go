package sqlstore_test

import (
	"fmt"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSecretTaskPolicy: the secret task III.2 is led by unit B.
func TestSecretTaskPolicy(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		secret := p.Tasks[1]

		if _, err := w.tasks.FindTaskByID(as(w.officerA), secret.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("officer A reads B's secret task: %v", err)
		}
		if _, err := w.tasks.UpdateTask(as(w.officerA), secret.ID, ttdn.TaskUpdate{Version: 1, Percent: ptr(1)}); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("officer A updates B's secret task: %v", err)
		}
		tasks, total, err := w.tasks.FindTasks(as(w.officerA), ttdn.TaskFilter{PlanID: &p.ID, Kind: ptr(ttdn.TaskKindTask)})
		if err != nil || total != 2 || fmt.Sprint(taskIDs(tasks)) != "[III.1 III.3]" {
			t.Fatalf("officer A lists %v (total %d), %v", taskIDs(tasks), total, err)
		}
		if _, total, _ := w.tasks.FindTasks(as(w.officerA), ttdn.TaskFilter{UnitID: &w.unitB.ID, Kind: ptr(ttdn.TaskKindTask)}); total != 2 {
			t.Fatalf("officer A filtering by B counts %d tasks, want 2 (secret hidden)", total)
		}
		whole, err := w.plans.FindPlanByID(as(w.officerA), p.ID)
		if err != nil || len(whole.Tasks) != 2 {
			t.Fatalf("officer A reads the plan with %d tasks, %v", len(whole.Tasks), err)
		}

		reads := func() int64 {
			return mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'read' AND entity = 'task' AND entity_id = ?`, secret.ID)
		}
		got, err := w.tasks.FindTaskByID(as(w.officerB), secret.ID)
		if err != nil || got.ID != secret.ID {
			t.Fatalf("officer B reads own secret task: %v", err)
		}
		if n := reads(); n != 1 {
			t.Fatalf("read audit rows after one read: %d", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'read' AND user_id = ?`, w.officerB.ID); n != 1 {
			t.Fatalf("read not attributed to officer B: %d", n)
		}
		w.tasks.FindTasks(as(w.officerB), ttdn.TaskFilter{PlanID: &p.ID})
		w.plans.FindPlanByID(as(w.coordinator), p.ID)
		if n := reads(); n != 3 {
			t.Fatalf("read audit rows after list and plan reads: %d, want 3", n)
		}
		// Reading a non-secret task leaves no read row.
		w.tasks.FindTaskByID(as(w.officerB), p.Tasks[0].ID)
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'read' AND entity_id = ?`, p.Tasks[0].ID); n != 0 {
			t.Fatalf("internal read audited: %d", n)
		}
	})
}

func TestScopeIncludesUnitsBelow(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		if fmt.Sprint(w.officerA.ScopeUnitIDs) != fmt.Sprint([]int64{w.unitA.ID, w.unitA1.ID}) {
			t.Fatalf("officer A scope %v, want [%d %d]", w.officerA.ScopeUnitIDs, w.unitA.ID, w.unitA1.ID)
		}
		p := w.plan2019()
		p.Tasks[1].Lead = []ttdn.UnitRef{{Name: w.unitA1.Name, ID: w.unitA1.ID}} // secret, led by A's bureau
		sqltest.MustCreatePlan(t, db, p)
		if _, err := w.tasks.FindTaskByID(as(w.officerA), p.Tasks[1].ID); err != nil {
			t.Fatalf("officer A reads the secret task of a unit below: %v", err)
		}
		if _, err := w.tasks.FindTaskByID(as(w.officerA1), p.Tasks[0].ID); err != nil {
			t.Fatalf("officer A1 reads an internal task: %v", err)
		}
	})
}

func TestAnonymousSeesOnlyPublic(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Classification = ttdn.Public
		sqltest.MustCreatePlan(t, db, p)
		tasks, total, err := w.tasks.FindTasks(as(nil), ttdn.TaskFilter{Kind: ptr(ttdn.TaskKindTask)})
		if err != nil || total != 1 || tasks[0].Classification != ttdn.Public {
			t.Fatalf("anonymous lists %v (total %d), %v", taskIDs(tasks), total, err)
		}
		if _, err := w.tasks.FindTaskByID(as(nil), p.Tasks[0].ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("anonymous reads an internal task: %v", err)
		}
		got, err := w.plans.FindPlanByID(as(nil), p.ID)
		if err != nil || len(got.Tasks) != 1 || len(got.Responsibilities) != 1 { // V.2 is public
			t.Fatalf("anonymous reads the public plan: %v, %v", got, err)
		}
		if _, _, err := w.users.FindUsers(as(nil), ttdn.UserFilter{}); err != nil {
			t.Fatal(err)
		} else if users, total, _ := w.users.FindUsers(as(nil), ttdn.UserFilter{}); total != 0 || users != nil {
			t.Fatalf("anonymous lists %d users", total)
		}
		if _, err := w.tasks.UpdateTask(as(nil), p.Tasks[2].ID, ttdn.TaskUpdate{Version: 1}); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("anonymous update: %v", err)
		}
	})
}

func TestAuditLog(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		ctx := ttdn.NewContextWithAddr(as(w.coordinator), "203.0.113.7")
		if _, err := w.tasks.UpdateTask(ctx, p.Tasks[0].ID, ttdn.TaskUpdate{Version: 1, Percent: ptr(30)}); err != nil {
			t.Fatal(err)
		}
		entity := string(ttdn.ResourceTask)
		events, total, err := w.audit.FindAuditEvents(as(w.admin), ttdn.AuditFilter{Entity: &entity, EntityID: &p.Tasks[0].ID})
		if err != nil || total != 1 {
			t.Fatalf("audit events: %d, %v", total, err)
		}
		e := events[0]
		if e.UserID != w.coordinator.ID || e.Username != "dieu-phoi" || e.Addr != "203.0.113.7" || e.Action != "update" ||
			e.Before == "" || e.After == "" || e.At.IsZero() {
			t.Fatalf("event: %+v", e)
		}
		if _, _, err := w.audit.FindAuditEvents(as(w.officerA), ttdn.AuditFilter{}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer reads the audit log: %v", err)
		}
		if _, n, err := w.audit.FindAuditEvents(as(w.leader), ttdn.AuditFilter{Limit: 2}); err != nil || n < 3 {
			t.Fatalf("leader reads the audit log: %d, %v", n, err)
		}
	})
}
