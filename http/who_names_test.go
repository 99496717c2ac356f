package http

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestHistoriesNamePeople: a task's progress history names the person who
// wrote an update, not their user name, to everyone who reads the task;
// an account that no longer exists is shown by the user name recorded.
func TestHistoriesNamePeople(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		task := f.plan.Tasks[0]
		f.coord.call("POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"text": "Đã triển khai", "percent": 50, "status": "in_progress"}).want(t, http.StatusCreated)
		coord := f.users["coordinator"]
		if coord.Name == "" || coord.Name == coord.Username {
			t.Fatalf("the fixture's coordinator has no name of their own: %+v", coord)
		}
		for _, who := range []string{"coordinator", "leader"} {
			page := f.do(f.request(http.MethodGet, "/tasks/"+itoa(task.ID), who, nil)).Body.String()
			i := strings.Index(page, `class="update-head"`)
			if i < 0 {
				t.Fatalf("%s: no update on the task page\n%s", who, snippet(page))
			}
			head := page[i : i+strings.Index(page[i:], "</div>")]
			if !strings.Contains(head, html.EscapeString(coord.Name)) || strings.Contains(head, "("+coord.Username+")") {
				t.Errorf("%s sees the update's author as: %s", who, head)
			}
		}
		// A user name no account has any more is shown as recorded.
		p := &page{nameOf: f.srv.namesOf(f.request(http.MethodGet, "/", "leader", nil).WithContext(ttdn.NewContextWithUser(t.Context(), f.users["leader"])))}
		if got := p.Who("nguoi-da-xoa"); got != "nguoi-da-xoa" {
			t.Errorf("an unknown user name shown as %q", got)
		}
	})
}
