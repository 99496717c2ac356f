package sqlstore_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestPlanRoundTrip(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		if p.ID == 0 || p.Version != 1 || p.Status != ttdn.PlanDraft {
			t.Fatalf("created plan: id %d version %d status %q", p.ID, p.Version, p.Status)
		}
		if ref := p.Tasks[0].Coordinating[0]; ref.ID != w.group.ID || !ref.Group {
			t.Fatalf("group ref by code not resolved: %+v", ref)
		}
		if ref := p.Tasks[1].Executing[0]; ref.ID != 0 || ref.Text == "" {
			t.Fatalf("unresolved ref lost: %+v", ref)
		}
		got, err := w.plans.FindPlanByID(sqltest.SystemContext(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, p) {
			want, _ := json.MarshalIndent(p, "", " ")
			have, _ := json.MarshalIndent(got, "", " ")
			t.Fatalf("plan round trip differs:\nwant %s\n got %s", want, have)
		}
	})
}

func TestFindPlans(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		other := w.plan2019()
		other.Year, other.Title, other.Classification = 2020, "Kế hoạch mật năm 2020", ttdn.Secret
		other.Tasks, other.Responsibilities = other.Tasks[1:2], nil // only B's task
		sqltest.MustCreatePlan(t, db, other)

		plans, total, err := w.plans.FindPlans(as(w.officerA), ttdn.PlanFilter{})
		if err != nil || total != 1 || len(plans) != 1 || plans[0].ID != p.ID {
			t.Fatalf("officer A sees %d plans (total %d), %v", len(plans), total, err)
		}
		if plans[0].TaskCount != 2 || plans[0].Tasks != nil {
			t.Fatalf("officer A: task count %d (want 2: the secret one is hidden), tasks %v", plans[0].TaskCount, plans[0].Tasks)
		}
		if _, total, _ := w.plans.FindPlans(as(w.officerB), ttdn.PlanFilter{}); total != 2 {
			t.Fatalf("officer B (named on the secret plan) sees %d plans, want 2", total)
		}
		q := "KE HOACH MAT"
		if got, total, _ := w.plans.FindPlans(as(w.leader), ttdn.PlanFilter{Query: &q}); total != 1 || got[0].Year != 2020 {
			t.Fatalf("query %q: total %d", q, total)
		}
		if _, total, _ := w.plans.FindPlans(as(nil), ttdn.PlanFilter{}); total != 0 {
			t.Fatalf("anonymous sees %d internal plans", total)
		}
	})
}

func TestUpdatePlanConflict(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		title := "Kế hoạch đã sửa"
		upd, err := w.plans.UpdatePlan(as(w.coordinator), p.ID, ttdn.PlanUpdate{Version: 1, Title: &title})
		if err != nil || upd.Version != 2 || upd.Title != title {
			t.Fatalf("update: %+v, %v", upd, err)
		}
		stale := "Bản cũ"
		_, err = w.plans.UpdatePlan(as(w.coordinator), p.ID, ttdn.PlanUpdate{Version: 1, Title: &stale})
		if ttdn.ErrorCode(err) != ttdn.ECONFLICT || ttdn.ErrorMessage(err, "vi") == "" {
			t.Fatalf("stale update: %v", err)
		}
		got, _ := w.plans.FindPlanByID(sqltest.SystemContext(), p.ID)
		if got.Title != title || got.Version != 2 {
			t.Fatalf("after conflict: %q v%d", got.Title, got.Version)
		}
		if _, err := w.plans.UpdatePlan(as(w.officerA), p.ID, ttdn.PlanUpdate{Version: 2, Title: &stale}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer updating a plan: %v", err)
		}
	})
}

func TestDeletePlanCascades(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		if err := w.plans.DeletePlan(as(w.coordinator), p.ID); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"tasks", "task_units", "responsibilities", "plan_documents", "plan_distribution", "plan_report_units"} {
			if n := mustInt(t, db, `SELECT COUNT(*) FROM `+table); n != 0 {
				t.Fatalf("%s: %d rows left", table, n)
			}
		}
		if _, err := w.plans.FindPlanByID(sqltest.SystemContext(), p.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("deleted plan: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'plan' AND action = 'delete'`); n != 1 {
			t.Fatalf("delete audit rows: %d", n)
		}
	})
}

func TestCreatePlanInvalidStoresNothing(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		audits := mustInt(t, db, `SELECT COUNT(*) FROM audit_events`)
		p := w.plan2019()
		p.Tasks[2].Title = " "
		if err := w.plans.CreatePlan(as(w.coordinator), p); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("task without title: %v", err)
		}
		p = w.plan2019()
		p.Tasks[2].Lead = []ttdn.UnitRef{{Name: "ghost", ID: 999999}} // fails half-way through the inserts
		if err := w.plans.CreatePlan(as(w.coordinator), p); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("unknown unit id: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM plans`); n != 0 {
			t.Fatalf("%d plans stored", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events`); n != audits {
			t.Fatalf("audit rows %d → %d", audits, n)
		}
		if err := w.plans.CreatePlan(as(w.officerA), w.plan2019()); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer creating a plan: %v", err)
		}
		if err := w.plans.CreatePlan(as(nil), w.plan2019()); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("anonymous creating a plan: %v", err)
		}
	})
}
