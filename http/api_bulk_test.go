package http

import (
	"net/http"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIBulkTasks changes two tasks of the seed plan at once through the
// API; a list naming no task, or a task of another plan, changes nothing.
func TestAPIBulkTasks(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		path := "/api/v1/plans/" + itoa(f.plan.ID) + "/tasks/bulk"
		ids := []int64{f.plan.Tasks[0].ID, f.plan.Tasks[1].ID}
		f.coord.call("POST", path, map[string]any{"task_ids": []int64{}, "status": "in_progress"}).want(t, http.StatusBadRequest)
		f.coord.call("POST", path, map[string]any{"task_ids": ids}).want(t, http.StatusBadRequest)
		other := f.coord.call("POST", "/api/v1/plans/"+itoa(f.plan.ID)+"/copy", map[string]any{"year": 2020}).want(t, http.StatusCreated)
		np := f.coord.call("GET", "/api/v1/tasks?plan="+itoa(other.id())+"&limit=1", nil).want(t, http.StatusOK)
		foreign := int64(np.items()[0]["id"].(float64))
		mixed := f.coord.call("POST", path, map[string]any{"task_ids": append(ids, foreign), "status": "done"}).want(t, http.StatusBadRequest)
		if mixed.str("field") != "task_ids" {
			t.Fatalf("a task of another plan: %s", mixed.raw)
		}
		done := f.coord.call("POST", path, map[string]any{"task_ids": ids, "status": "in_progress", "text": "Đã giao các đơn vị triển khai", "date": "2019-04-01"}).want(t, http.StatusOK)
		for _, tk := range done.items() {
			if tk["status"] != "in_progress" {
				t.Fatalf("bulk: %s", done.raw)
			}
		}
		if l := f.coord.call("GET", "/api/v1/tasks/"+itoa(ids[1])+"/progress", nil).want(t, http.StatusOK); l.body["total"].(float64) != 1 {
			t.Fatalf("the update was not added to each task: %s", l.raw)
		}
		if tk := f.coord.call("GET", "/api/v1/tasks/"+itoa(foreign), nil).want(t, http.StatusOK); tk.str("status") == "done" {
			t.Fatal("a refused bulk change changed a task")
		}
	})
}
