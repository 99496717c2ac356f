package http

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBulkUpdateOnlyTheListsTasks: the bulk change under a plan's task
// list applies to tasks of that plan only. Ticking a task of another plan
// (one the user may change there) through the URL of this plan is refused
// with nothing changed, answered exactly as a task that does not exist —
// for the coordinator and for a unit officer whose unit leads the task.
func TestBulkUpdateOnlyTheListsTasks(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		ctx := sqltest.UserContext(f.users["coordinator"])
		other, err := sqlstore.NewPlanService(db).CopyPlan(ctx, f.plan.ID, 2020)
		if err != nil {
			t.Fatal(err)
		}
		officerTasks, _, err := sqlstore.NewTaskService(db).FindTasks(sqltest.UserContext(f.users["officer"]),
			ttdn.TaskFilter{PlanID: &other.ID, UnitID: &f.units["cong-an"].ID})
		if err != nil || len(officerTasks) == 0 {
			t.Fatalf("no task of the officer's unit in the copy: %v", err)
		}
		foreign := officerTasks[0].ID
		before := f.updateCount(t, foreign)
		for _, who := range []string{"coordinator", "officer"} {
			post := func(task int64) *strings.Builder {
				w := f.do(f.request("POST", "/plans/"+itoa(f.plan.ID)+"/tasks/bulk", who,
					url.Values{"task": {itoa(task)}, "bulk_status": {"done"}, "bulk_text": {"Hoàn thành"}, "bulk_date": {"01/07/2019"}}))
				if w.Code != http.StatusNotFound {
					t.Errorf("%s, task %d of another plan: status %d, want 404", who, task, w.Code)
				}
				var b strings.Builder
				b.WriteString(strings.ReplaceAll(w.Body.String(), itoa(task), "N"))
				return &b
			}
			got, missing := post(foreign), post(999999999)
			if e := errorText(got.String()); e == "" || e != errorText(missing.String()) {
				t.Errorf("%s: a task of another plan is answered %q, one that does not exist %q", who,
					errorText(got.String()), errorText(missing.String()))
			}
			if n := f.updateCount(t, foreign); n != before {
				t.Fatalf("%s changed a task of another plan through this plan's list (%d updates, was %d)", who, n, before)
			}
		}
	})
}

// errorText is the error message a page shows.
func errorText(body string) string {
	i := strings.Index(body, `role="alert"`)
	if i < 0 {
		return ""
	}
	body = body[i:]
	for _, end := range []string{"<small", "</div>"} {
		if j := strings.Index(body, end); j >= 0 {
			body = body[:j]
		}
	}
	return body
}
