package demo_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/demo"
	ttdnhttp "ttdn/http"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLivingYear loads the demo on a pinned "today" and checks the year is
// alive on that day: an issued plan of the year with tasks in every status,
// some overdue; progress with evidence; activities of every type; an open
// period with reports in every state, one late, units missing; estimates
// at every step, one in appraisal; difficulties at several stages; press
// items of the last two weeks with hits, stories and a review queue — and
// every role's home has work on it. A second load on the same day adds
// nothing; a load years later, on the same database, adds a living year
// for then (in its first days of January, when the year has barely begun).
func TestLivingYear(t *testing.T) {
	vn := ttdn.VietnamZone()
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		for _, today := range []time.Time{time.Date(2026, 12, 4, 10, 0, 0, 0, vn), time.Date(2031, 1, 10, 9, 0, 0, 0, vn)} {
			t.Run(today.Format(time.DateOnly), func(t *testing.T) {
				calls := 0
				sum, err := demo.LoadLiving(context.Background(), db, demo.Options{Today: today, Progress: func(done, total int) {
					if calls++; done > total {
						t.Errorf("progress %d of %d", done, total)
					}
				}})
				if err != nil {
					t.Fatal(err)
				}
				if calls == 0 || sum.Steps == 0 {
					t.Errorf("progress reported %d times for %d steps", calls, sum.Steps)
				}
				checkLiving(t, db, sum, today)
				before := census(t, db)
				again, err := demo.LoadLiving(context.Background(), db, demo.Options{Today: today})
				if err != nil {
					t.Fatal(err)
				}
				if after := census(t, db); after != before || again.Steps != 0 {
					t.Errorf("a second load changed the database: %+v → %+v (%d steps)", before, after, again.Steps)
				}
				checkHomes(t, db, today, sum)
			})
		}
	})
}

// checkLiving asserts the state of the living year on today.
func checkLiving(t *testing.T, db *sqlstore.DB, sum *demo.Summary, now time.Time) {
	t.Helper()
	ctx := sqltest.SystemContext()
	today := ttdn.DateOf(now)
	p := sum.Plan
	if p == nil || p.Year != now.Year() || p.Status != ttdn.PlanIssued || p.Number == "" || p.IssuedOn.IsZero() || today.Before(p.IssuedOn) {
		t.Fatalf("the year's plan: %+v", p)
	}
	if n := len(sum.Logins); n != 6 {
		t.Errorf("%d log-ins", n)
	}

	// Tasks: every status, some overdue, every one with a deadline.
	tasks, _, err := sqlstore.NewTaskService(db).FindTasks(ctx, ttdn.TaskFilter{PlanID: &p.ID})
	if err != nil {
		t.Fatal(err)
	}
	status, overdue := map[ttdn.TaskStatus]int{}, 0
	for _, tk := range tasks {
		status[tk.Status]++
		if tk.Overdue(today) {
			overdue++
		}
		if tk.Deadline.IsZero() && tk.Recurrence.IsZero() {
			t.Errorf("task %s has no dated deadline (%q)", tk.Ref, tk.DeadlineText)
		}
	}
	for _, s := range ttdn.TaskStatuses {
		if status[s] == 0 {
			t.Errorf("no task %s: %v", s, status)
		}
	}
	if overdue == 0 || overdue != sum.Overdue || status[ttdn.TaskDone] < 10 {
		t.Errorf("%d overdue (summary %d), %d done", overdue, sum.Overdue, status[ttdn.TaskDone])
	}

	// Progress with evidence, never dated after today.
	types := map[string]int{}
	progress := sqlstore.NewProgressService(db)
	for _, tk := range tasks {
		ups, _, err := progress.FindProgressUpdates(ctx, ttdn.ProgressFilter{TaskID: &tk.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range ups {
			types["updates"]++
			if today.Before(u.Date) || u.CreatedAt.After(now) {
				t.Errorf("update of %s dated %s, recorded %s", tk.Ref, u.Date, u.CreatedAt)
			}
			for _, a := range u.Attachments {
				types[a.ContentType]++
			}
		}
	}
	if types["updates"] < 40 || types["application/pdf"] < 5 || types["image/png"] < 5 {
		t.Errorf("progress and evidence: %v", types)
	}

	// Activities of every type in the months behind today.
	st, err := sqlstore.NewDashboardService(db).ActivityStats(ctx, p.IssuedOn, today)
	if err != nil || st.Total < 300 {
		t.Fatalf("activity stats: %v, %v", st, err)
	}
	for _, c := range st.ByType {
		if c.Count == 0 {
			t.Errorf("no activity of type %s", c.Key)
		}
	}

	// An open period, due before today, with every state of report.
	periods, _, err := sqlstore.NewReportPeriodService(db).FindPeriods(ctx, ttdn.PeriodFilter{PlanID: &p.ID})
	if err != nil || len(periods) != 1 {
		t.Fatalf("periods: %v, %v", periods, err)
	}
	rp := periods[0]
	if rp.Status != ttdn.PeriodOpen || !rp.DueDate.Before(today) || rp.Name != sum.Period {
		t.Errorf("period %+v", rp)
	}
	ps, err := sqlstore.NewCompletenessService(db).FindPeriodStats(ctx, rp.ID)
	if err != nil || ps.Accepted == 0 || ps.Late == 0 || ps.Missing == 0 || ps.OnTime == 0 {
		t.Errorf("period stats %+v, %v", ps, err)
	}
	reports, _, err := sqlstore.NewUnitReportService(db).FindUnitReports(ctx, ttdn.UnitReportFilter{PeriodID: &rp.ID})
	if err != nil {
		t.Fatal(err)
	}
	rs := map[ttdn.ReportStatus]int{}
	for _, r := range reports {
		rs[r.Status]++
	}
	for _, s := range []ttdn.ReportStatus{ttdn.ReportDraft, ttdn.ReportSubmitted, ttdn.ReportReturned, ttdn.ReportResubmitted, ttdn.ReportAccepted} {
		if rs[s] == 0 {
			t.Errorf("no report %s: %v", s, rs)
		}
	}

	// Estimates at every step, one being appraised.
	year := p.Year
	ests, _, err := sqlstore.NewBudgetService(db).FindBudgetEstimates(ctx, ttdn.BudgetFilter{Year: &year})
	if err != nil {
		t.Fatal(err)
	}
	bs, appraising := map[ttdn.BudgetStatus]int{}, 0
	for _, e := range ests {
		bs[e.Status]++
		full, err := sqlstore.NewBudgetService(db).FindBudgetEstimateByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if e.Status == ttdn.BudgetSubmitted && full.Lines[0].Appraised != nil {
			appraising++
		}
	}
	for _, s := range ttdn.BudgetStatuses {
		if bs[s] == 0 {
			t.Errorf("no estimate %s: %v", s, bs)
		}
	}
	if appraising == 0 {
		t.Error("no estimate in appraisal")
	}

	// Difficulties at several stages.
	diffs, _, err := sqlstore.NewDifficultyService(db).FindDifficulties(ctx, ttdn.DifficultyFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ds := map[ttdn.DifficultyStatus]int{}
	for _, d := range diffs {
		if d.PlanID == p.ID {
			ds[d.Status]++
		}
	}
	for _, s := range []ttdn.DifficultyStatus{ttdn.DifficultyRaised, ttdn.DifficultyGrouped, ttdn.DifficultyForwarded, ttdn.DifficultyAnswered} {
		if ds[s] == 0 {
			t.Errorf("no difficulty %s: %v", s, ds)
		}
	}

	// Press items of the last two weeks, with hits, stories and reviews.
	press := sqlstore.NewPressService(db)
	from := now.AddDate(0, 0, -14)
	_, items, err := press.SearchArticles(ctx, ttdn.ArticleFilter{From: from, To: now, Limit: 1})
	if err != nil || items < 200 || items != sum.Articles {
		t.Errorf("%d press items in the last 14 days (summary %d), %v", items, sum.Articles, err)
	}
	if _, n, err := press.SearchArticles(ctx, ttdn.ArticleFilter{From: now, To: now.AddDate(1, 0, 0), Limit: 1}); err != nil || n != 0 {
		t.Errorf("%d press items after now, %v", n, err)
	}
	_, hits, err := press.SearchArticles(ctx, ttdn.ArticleFilter{From: from, To: now, HitsOnly: true, Limit: 1})
	if err != nil || hits < 30 {
		t.Errorf("%d hits, %v", hits, err)
	}
	stories, err := press.FindStories(ctx, ttdn.StoryFilter{From: from, To: now, HitsOnly: true, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	told := 0
	for _, s := range stories {
		if s.Outlets >= 2 {
			told++
		}
	}
	if told < 5 {
		t.Errorf("%d stories told by two outlets or more", told)
	}
	checkCases(t, db, now)

	yes, fresh := true, ttdn.ReviewNew
	if _, n, err := press.FindReviews(ctx, ttdn.ReviewFilter{Status: &fresh}); err != nil || n == 0 {
		t.Errorf("%d new hits to review, %v", n, err)
	}
	if _, n, err := press.FindReviews(ctx, ttdn.ReviewFilter{NeedsAction: &yes}); err != nil || n == 0 {
		t.Errorf("%d hits needing action, %v", n, err)
	}
}

// checkCases asserts the rebuttal cases: one at each stage a case passes
// through, one late, one secret, and the figures count the closed case's
// response time.
func checkCases(t *testing.T, db *sqlstore.DB, now time.Time) {
	t.Helper()
	ctx := sqltest.SystemContext()
	cases := sqlstore.NewCaseService(db)
	from := now.AddDate(0, 0, -45)
	list, _, err := cases.FindCases(ctx, ttdn.CaseFilter{From: from, To: now, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	stages := map[ttdn.CaseStage]int{}
	secret := 0
	for _, c := range list {
		stages[c.Stage]++
		if c.Classification == ttdn.Secret {
			secret++
		}
		if c.OpenedAt.After(now) {
			t.Errorf("case %q opened after now (%s)", c.Title, c.OpenedAt)
		}
	}
	for _, st := range ttdn.CaseStages {
		if st != ttdn.StageApproved && stages[st] == 0 {
			t.Errorf("no case at stage %s: %v", st, stages)
		}
	}
	if secret == 0 {
		t.Error("no secret case")
	}
	if _, n, err := cases.FindCases(ctx, ttdn.CaseFilter{OpenOnly: true, Overdue: true, Now: now}); err != nil || n == 0 {
		t.Errorf("%d overdue cases, %v", n, err)
	}
	fig, err := cases.FindCaseFigures(ctx, from, now, now)
	if err != nil {
		t.Fatal(err)
	}
	if fig.Responded < 2 || fig.AvgMinutes <= 0 || fig.Detected != len(list) {
		t.Errorf("case figures: %d detected of %d, %d responded, mean %d min", fig.Detected, len(list), fig.Responded, fig.AvgMinutes)
	}
}

// counts are what a second load must leave unchanged.
type counts struct{ audit, articles, notifications int }

func census(t *testing.T, db *sqlstore.DB) counts {
	t.Helper()
	ctx := sqltest.SystemContext()
	var c counts
	var err error
	if _, c.audit, err = sqlstore.NewAuditService(db).FindAuditEvents(ctx, ttdn.AuditFilter{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	if _, c.articles, err = sqlstore.NewPressService(db).SearchArticles(ctx, ttdn.ArticleFilter{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	if _, c.notifications, err = sqlstore.NewNotificationService(db).FindNotifications(ctx, ttdn.NotificationFilter{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	return c
}

// homeWork is, per demo user, the sections of "Việc của tôi" that must
// count something on the demo's today.
var homeWork = map[string][]string{
	"admin": {},
	"dieuphoi": {"home.reports_to_review", "home.reports_missing", "home.difficulties_to_group", "home.press_actions",
		"home.cases_overdue", "home.cases_to_approve"},
	"ngoaivu": {"home.tasks_overdue", "home.tasks_due_soon", "home.tasks_stale", "home.reports_returned",
		"home.budgets_returned", "home.difficulties_answered", "home.cases_of_unit"},
	"taichinh": {"home.budgets_to_appraise"},
	"lanhdao":  {"home.budgets_to_approve", "home.proposals_waiting", "home.cases_to_approve"},
	"theodoi":  {"home.press_queue", "home.press_actions", "home.cases_overdue"},
}

// walk are pages every role opens on the living year (%d: the year's
// plan): none may fail.
var walk = []string{"/dashboard", "/plans/%d", "/activities", "/reports", "/reports/completeness", "/budgets", "/difficulties",
	"/press/review", "/press/search", "/notifications", "/cases"}

// checkHomes requests every demo user's home page on today and checks the
// sections of their work count something, then walks the main pages as
// each of them.
func checkHomes(t *testing.T, db *sqlstore.DB, now time.Time, sum *demo.Summary) {
	t.Helper()
	clock := db.Now
	db.Now = func() time.Time { return now }
	defer func() { db.Now = clock }()
	h := newServer(db, now).Handler()
	users := sqlstore.NewUserService(db)
	for name, sections := range homeWork {
		found, _, err := users.FindUsers(sqltest.SystemContext(), ttdn.UserFilter{Username: &name, Limit: 1})
		if err != nil || len(found) != 1 {
			t.Fatalf("user %s: %v", name, err)
		}
		token := sqltest.MustCreateSession(t, db, found[0])
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(&http.Cookie{Name: "ttdn_session", Value: token})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		body := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(body, "Việc của tôi") {
			t.Errorf("%s's home: %d", name, w.Code)
			continue
		}
		for _, s := range sections {
			m := regexp.MustCompile(`id="w-` + regexp.QuoteMeta(s) + `">[^<]*<span class="badge">(\d+)</span>`).FindStringSubmatch(body)
			if n := 0; m == nil {
				t.Errorf("%s's home: section %s missing or empty", name, s)
			} else if n, _ = strconv.Atoi(m[1]); n == 0 {
				t.Errorf("%s's home: section %s counts 0", name, s)
			}
		}
		if strings.Contains(body, `href="/setup/province"`) {
			t.Errorf("%s is asked to set up the province the demo serves", name)
		}
		if name == "lanhdao" && !strings.Contains(body, `id="brief"`) {
			t.Error("the leader's home has no brief")
		}
		for _, page := range walk {
			if strings.Contains(page, "%d") {
				page = fmt.Sprintf(page, sum.Plan.ID)
			}
			r := httptest.NewRequest(http.MethodGet, page, nil)
			r.AddCookie(&http.Cookie{Name: "ttdn_session", Value: token})
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code >= 500 {
				t.Errorf("%s: GET %s: %d", name, page, w.Code)
			}
		}
	}
}

// newServer wires the web server as cmd/ttdn does, its clock at now.
func newServer(db *sqlstore.DB, now time.Time) *ttdnhttp.Server {
	press := sqlstore.NewPressService(db)
	return ttdnhttp.NewServer(ttdnhttp.Config{
		Units: sqlstore.NewUnitService(db), Plans: sqlstore.NewPlanService(db), Tasks: sqlstore.NewTaskService(db),
		Users: sqlstore.NewUserService(db), Auth: sqlstore.NewAuthService(db), Audit: sqlstore.NewAuditService(db),
		AccountRequests: sqlstore.NewAccountRequestService(db), Lifecycle: sqlstore.NewPlanService(db),
		Progress: sqlstore.NewProgressService(db), Attachments: sqlstore.NewAttachmentService(db),
		Activities: sqlstore.NewActivityService(db), Channels: sqlstore.NewChannelService(db), Themes: sqlstore.NewThemeService(db),
		Dashboard: sqlstore.NewDashboardService(db), Notifications: sqlstore.NewNotificationService(db),
		Settings: sqlstore.NewSettingsService(db), Indicators: sqlstore.NewIndicatorService(db),
		Periods: sqlstore.NewReportPeriodService(db), UnitReports: sqlstore.NewUnitReportService(db),
		Completeness: sqlstore.NewCompletenessService(db), Consolidated: sqlstore.NewConsolidatedReportService(db),
		Budgets: sqlstore.NewBudgetService(db), Difficulties: sqlstore.NewDifficultyService(db),
		Cases: sqlstore.NewCaseService(db), Province: sqlstore.NewProvinceService(db),
		Press:  &ttdnhttp.PressConfig{Sources: press, Articles: press, Watch: press, Reviews: press, Digests: press},
		Now:    func() time.Time { return now },
		Logger: slog.New(slog.DiscardHandler),
	})
}
