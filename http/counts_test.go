package http

import (
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestCountsAgree: the plan page, the dashboard and the leader's home count
// the plan's tasks and its section-V duties apart, in the same words, and
// give the numbers the database holds: no page adds duties to tasks.
func TestCountsAgree(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		coord := sqltest.UserContext(f.users["coordinator"])
		plans, tasks := sqlstore.NewPlanService(db), sqlstore.NewTaskService(db)
		p, err := plans.FindPlanByID(coord, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plans.IssuePlan(coord, p.ID, ttdn.PlanIssue{Version: p.Version, Number: "79/KH-UBND",
			IssuedOn: ttdn.Date{Year: 2019, Month: 1, Day: 14}, Signer: "Trần Văn Chiến"}); err != nil {
			t.Fatal(err)
		}
		// One task overdue, one done: the figures beyond the totals move too.
		past, done := ttdn.Date{Year: 2019, Month: 5, Day: 20}, ttdn.TaskDone
		for i, upd := range []ttdn.TaskUpdate{{Deadline: &past}, {Status: &done}} {
			cur, err := tasks.FindTaskByID(coord, p.Tasks[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			upd.Version, upd.Reason = cur.Version, "Theo Công văn 15/UBND"
			if _, err := tasks.UpdateTask(coord, cur.ID, upd); err != nil {
				t.Fatal(err)
			}
		}
		count := func(k ttdn.TaskKind) int {
			_, n, err := tasks.FindTasks(coord, ttdn.TaskFilter{PlanID: &p.ID, Kind: &k, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		nTasks, nDuties := count(ttdn.TaskKindTask), count(ttdn.TaskKindDuty)
		if nTasks == 0 || nDuties == 0 {
			t.Fatalf("the seed plan should have tasks and duties: %d, %d", nTasks, nDuties)
		}
		page := func(path string) string {
			w := f.do(f.request(http.MethodGet, path, "leader", nil))
			if w.Code != http.StatusOK {
				t.Fatalf("%s: %d", path, w.Code)
			}
			return w.Body.String()
		}
		num := func(body, id string) int {
			m := regexp.MustCompile(`id="` + id + `">(\d+)<`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no figure %s", id)
			}
			n, _ := strconv.Atoi(m[1])
			return n
		}
		plan, dash, home := page("/plans/"+itoa(p.ID)), page("/dashboard?plan="+itoa(p.ID)), page("/")
		want := map[string]int{"tasks": nTasks, "duties": nDuties, "done": 1, "overdue": 1}
		got := map[string][]int{
			"tasks":   {num(plan, "plan-tasks-n"), num(dash, "kpi-total"), num(home, "brief-tasks")},
			"duties":  {num(plan, "plan-duties-n"), num(dash, "kpi-duties"), num(home, "brief-duties")},
			"done":    {num(dash, "kpi-done"), num(home, "brief-done")},
			"overdue": {num(dash, "kpi-overdue"), num(home, "brief-overdue")},
		}
		for k, ns := range got {
			for i, n := range ns {
				if n != want[k] {
					t.Errorf("%s on page %d of plan, dashboard, home: %d, want %d", k, i, n, want[k])
				}
			}
		}
		for _, words := range []string{"Nhiệm vụ", "Trách nhiệm của đơn vị (mục V)"} {
			for name, body := range map[string]string{"plan": plan, "dashboard": dash, "home": home} {
				if !regexp.MustCompile(`>\s*` + regexp.QuoteMeta(words) + `\s*<`).MatchString(body) {
					t.Errorf("%s does not say %q", name, words)
				}
			}
		}
	})
}
