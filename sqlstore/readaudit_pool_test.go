package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSecretReadsAuditedWithOneConnection: a read of a secret record ends
// its read before the audit's write begins. With one connection for reads
// (on PostgreSQL one for everything: reads and writes share the pool) a read
// that held its connection while the audit waited for another never ended;
// under load, enough such reads at once did the same to the full pool.
func TestSecretReadsAuditedWithOneConnection(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		secret := p.Tasks[1]
		db.LimitReaders(1)
		within := func(u *ttdn.User) (context.Context, context.CancelFunc) {
			return context.WithTimeout(as(u), 20*time.Second)
		}
		ctx, cancel := within(w.officerB)
		defer cancel()
		if _, err := w.tasks.FindTaskByID(ctx, secret.ID); err != nil {
			t.Fatalf("officer B reads the secret task with one connection: %v", err)
		}
		if _, _, err := w.tasks.FindTasks(ctx, ttdn.TaskFilter{PlanID: &p.ID}); err != nil {
			t.Fatalf("officer B lists the plan's tasks with one connection: %v", err)
		}
		ctx, cancel = within(w.coordinator)
		defer cancel()
		if _, err := w.plans.FindPlanByID(ctx, p.ID); err != nil {
			t.Fatalf("the coordinator reads the plan with its secret task with one connection: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'read' AND entity = 'task' AND entity_id = ?`, secret.ID); n != 3 {
			t.Fatalf("reads of the secret task audited: %d, want 3", n)
		}
	})
}
