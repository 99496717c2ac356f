package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestMyWorkHomes: each role lands on its own work. The unit officer sees
// its unit's overdue task of the issued plan, one click from it, with the
// badge in the navigation, and was told of the assignment and of the
// amendment; the finance officer and the coordinator see their queues.
func TestMyWorkHomes(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		cfg := f.srv.cfg
		cfg.Budgets, cfg.Difficulties = sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db)
		f.srv = NewServer(cfg)
		f.h = f.srv.Handler()
		coord := sqltest.UserContext(f.users["coordinator"])
		plans := sqlstore.NewPlanService(db)
		p, err := plans.FindPlanByID(coord, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plans.IssuePlan(coord, p.ID, ttdn.PlanIssue{Version: p.Version, Number: "79/KH-UBND",
			IssuedOn: ttdn.Date{Year: 2019, Month: 1, Day: 14}, Signer: "Trần Văn Chiến"}); err != nil {
			t.Fatal(err)
		}
		task := f.plan.Tasks[5] // III.6: Công an tỉnh executes
		cur, err := sqlstore.NewTaskService(db).FindTaskByID(coord, task.ID)
		if err != nil {
			t.Fatal(err)
		}
		past := ttdn.Date{Year: 2019, Month: 6, Day: 20} // the fixture's clock says 01/07/2019
		if _, err := sqlstore.NewTaskService(db).UpdateTask(coord, task.ID, ttdn.TaskUpdate{Version: cur.Version, Deadline: &past,
			Reason: "Ấn định thời hạn theo Công văn 15/UBND"}); err != nil {
			t.Fatal(err)
		}
		w := f.do(f.request(http.MethodGet, "/", "officer", nil))
		body := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(body, `Nhiệm vụ quá hạn <span class="badge">1</span>`) || !strings.Contains(body, `href="/tasks/`+itoa(task.ID)+`"`) {
			t.Fatalf("officer's home: %d\n%s", w.Code, snippet(body))
		}
		if !strings.Contains(body, `class="badge" title="Việc cần xử lý gấp"`) {
			i := strings.Index(body, `<nav class="main"`)
			t.Errorf("no work badge in the navigation: %s", body[i:min(len(body), i+300)])
		}
		w = f.do(f.request(http.MethodGet, "/notifications", "officer", nil))
		if n := w.Body.String(); !strings.Contains(n, "Nhiệm vụ được giao") || !strings.Contains(n, "Nhiệm vụ được điều chỉnh") ||
			!strings.Contains(n, "thời hạn (nay: 20/06/2019)") {
			t.Errorf("officer's notifications\n%s", snippet(n))
		}
		for who, want := range map[string]string{"finance": "Dự toán chờ thẩm định", "coordinator": "Khó khăn chờ tổng hợp",
			"admin": "Việc của tôi"} {
			w := f.do(f.request(http.MethodGet, "/", who, nil))
			if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s's home lacks %q: %d", who, want, w.Code)
			}
		}
	})
}

// TestMyWorkUnitReports: the unit officer's home lists the open period's
// report to prepare, then the report the coordinator returned. Periods
// listed by FindPeriods carry no expected units; the home must read each
// period's.
func TestMyWorkUnitReports(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
		section := func(key string) string {
			w := f.do(f.request(http.MethodGet, "/", "nv", nil))
			body := w.Body.String()
			i := strings.Index(body, `id="w-`+key+`"`)
			if w.Code != http.StatusOK || i < 0 {
				t.Fatalf("officer's home: %d, no section %s\n%s", w.Code, key, snippet(body))
			}
			return body[i:min(len(body), i+400)]
		}
		if s := section("home.reports_to_prepare"); !strings.Contains(s, `<span class="badge">1</span>`) || !strings.Contains(s, rp.Name) {
			t.Errorf("the report to prepare is not listed: %s", s)
		}
		f.mustReport(t, rp, "so-ngoai-vu", "nv", ttdn.ActSubmit, ttdn.ActReturn)
		if s := section("home.reports_returned"); !strings.Contains(s, `<span class="badge">1</span>`) || !strings.Contains(s, "Ý kiến kiểm tra") {
			t.Errorf("the returned report is not listed: %s", s)
		}
	})
}
