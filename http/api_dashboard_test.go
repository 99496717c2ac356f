package http

import (
	"net/http"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIDashboard reads the dashboard's figures of the seed plan after
// progress recorded through the API: the plan's tasks are counted, the
// update shows, and a malformed filter is refused naming it.
func TestAPIDashboard(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		leader := newAPIClient(t, f.h, mustToken(t, db, f.users["leader"], ttdn.TokenScope{}))
		task := f.plan.Tasks[0]
		f.coord.call("POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"text": "Đã triển khai", "percent": 50, "status": "in_progress"}).want(t, http.StatusCreated)
		d := leader.call("GET", "/api/v1/dashboard?plan="+itoa(f.plan.ID), nil).want(t, http.StatusOK)
		if int64(d.body["plan_id"].(float64)) != f.plan.ID {
			t.Fatalf("dashboard of another plan: %s", d.raw)
		}
		total := d.body["progress"].(map[string]any)["total"].(map[string]any)
		if total["total"].(float64) == 0 {
			t.Fatalf("the plan's tasks are not counted: %s", d.raw)
		}
		if st := total["by_status"].(map[string]any); st["in_progress"] == nil {
			t.Fatalf("the update does not show: %v", st)
		}
		bad := f.coord.call("GET", "/api/v1/dashboard?year=tư", nil).want(t, http.StatusBadRequest)
		if bad.str("field") != "year" {
			t.Fatalf("a bad year: %s", bad.raw)
		}
	})
}
