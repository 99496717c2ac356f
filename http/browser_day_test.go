package http

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserDayOfEachRole walks a working day of five roles in a real
// browser: each logs in to its home, opens the first item of its work,
// does the one thing that item asks, comes back home to see the count go
// down, and the person the step concerns finds it among their
// notifications. The officer submits the unit's report, the coordinator
// accepts it, finance appraises and forwards an estimate, a leader
// confirms an account change, the monitor judges a press hit.
func TestBrowserDayOfEachRole(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f, d := newDayFixture(t, db)
		b := &browserSession{t: t, ctx: newBrowser(t, bin), base: serve(t, f.h)}
		home := func(section string) int {
			t.Helper()
			b.do("home", chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			if loc := b.location(); loc != "/" {
				t.Fatalf("home: landed on %s", loc)
			}
			n, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(document.querySelector('[id="w-`+section+`"] .badge') || {textContent: "0"}).textContent`))
			if err != nil {
				t.Fatal(err)
			}
			c, _ := strconv.Atoi(strings.TrimSpace(n))
			return c
		}
		first := func(section string) chromedp.Action[chromedp.Void] {
			return chromedp.Click(chromedp.CSS(`section[aria-labelledby="w-` + section + `"] li a`))
		}
		day := func(who, section string, act func()) {
			t.Helper()
			b.login(who, "/")
			before := home(section)
			if before == 0 {
				t.Fatalf("%s: nothing in %s", who, section)
			}
			b.do(who+" opens the first item", first(section))
			act()
			if after := home(section); after != before-1 {
				t.Errorf("%s: %s went from %d to %d", who, section, before, after)
			}
			b.logout()
		}

		day("officer", "home.reports_to_prepare", func() {
			b.do("submit the report", chromedp.WaitVisible(chromedp.CSS(`#submit-report`)), chromedp.Click(chromedp.CSS(`#submit-report`)),
				chromedp.WaitNotPresent(chromedp.CSS(`#submit-report`)),
				chromedp.WaitVisible(chromedp.CSS(`.banner.ok`))) // the saved page, not the one clicked on
		})
		d.told("coordinator", ttdn.NotifyReportEvent, "/reports/"+itoa(d.report))

		day("coordinator", "home.reports_to_review", func() {
			b.do("accept the report", chromedp.WaitVisible(chromedp.CSS(`#accept`)), chromedp.Click(chromedp.CSS(`#accept`)),
				chromedp.WaitVisible(chromedp.CSS(`#locked-note`)))
		})
		d.told("officer", ttdn.NotifyReportEvent, "/reports/"+itoa(d.report))

		day("finance", "home.budgets_to_appraise", func() {
			b.do("appraise and forward the estimate", chromedp.WaitVisible(chromedp.CSS(`#save-appraisal`)),
				chromedp.Click(chromedp.CSS(`#save-appraisal`)), chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)),
				chromedp.WaitVisible(chromedp.CSS(`#forward-form`)), chromedp.Click(chromedp.CSS(`#forward-budget`)),
				chromedp.WaitVisible(chromedp.CSS(`#approve-form`)))
		})
		d.told("officer", ttdn.NotifyBudgetEvent, "/budgets/"+itoa(d.budget))

		day("leader", "home.account_requests", func() {
			confirm := `form[action="/account-requests/` + itoa(d.request) + `/confirm"] button`
			b.do("confirm the account change", chromedp.WaitVisible(chromedp.CSS(confirm)), chromedp.Click(chromedp.CSS(confirm)),
				chromedp.WaitNotPresent(chromedp.CSS(confirm)))
		})
		d.told("nv", ttdn.NotifyAccountChange, "")

		day("monitor", "home.press_queue", func() {
			row := `#review-queue li.review:target`
			b.do("judge the hit", chromedp.WaitVisible(chromedp.CSS(row)),
				chromedp.SetValue(chromedp.CSS(row+` select[name=relevance]`), "relevant"),
				chromedp.Click(chromedp.CSS(row+` input[name=needs_action]`)),
				chromedp.Click(chromedp.CSS(row+` button[name=status][value=reviewed]`)),
				chromedp.WaitVisible(chromedp.CSS(`.banner.ok`))) // the saved queue, not the one clicked on
		})
		d.told("monitor", ttdn.NotifyPressHit, "")
		// The hit judged to need action is now the coordinator's work.
		w := f.do(f.request("GET", "/", "coordinator", nil))
		if !regexp.MustCompile(`id="w-home.press_actions">[^<]*<span class="badge">1<`).MatchString(w.Body.String()) {
			t.Errorf("the coordinator's home shows no press item needing action")
		}
	})
}

// dayFixture is the state a day starts from: the seed plan issued, a
// half-year period open with Công an tỉnh's report drafted, the unit's
// estimate submitted, a role change waiting for a leader and the news
// sample ingested for the monitor.
type dayFixture struct {
	t                       *testing.T
	f                       *reportingFixture
	report, budget, request int64
}

func newDayFixture(t *testing.T, db *sqlstore.DB) (*reportingFixture, *dayFixture) {
	t.Helper()
	f := newReportingFixture(t, db)
	cfg := f.srv.cfg
	cfg.Budgets, cfg.Difficulties, cfg.Now = sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db), f.clock.Now
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	for name, u := range map[string]*ttdn.User{
		"monitor": {Username: "monitor", Name: "Cán bộ theo dõi báo chí", Role: ttdn.RoleMonitor, UnitID: f.units["so-ngoai-vu"].ID},
	} {
		f.users[name] = sqltest.MustCreateUser(t, db, u, testPassword)
	}
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
	d := &dayFixture{t: t, f: f}
	rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
	d.report = f.mustReport(t, rp, "cong-an", "officer").ID
	e := f.mustBudget(t)
	if _, err := sqlstore.NewBudgetService(db).AdvanceBudgetEstimate(sqltest.UserContext(f.users["officer"]), e.ID,
		ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepSubmit}); err != nil {
		t.Fatal(err)
	}
	d.budget = e.ID
	nv := f.users["nv"]
	role := ttdn.RoleCoordinator
	if _, err := sqlstore.NewUserService(db).UpdateUser(sqltest.UserContext(f.users["admin"]), nv.ID,
		ttdn.UserUpdate{Version: nv.Version, Role: &role}); err != nil {
		t.Fatal(err)
	}
	reqs, err := sqlstore.NewAccountRequestService(db).FindAccountRequests(sqltest.SystemContext(), true)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("account requests: %d, %v", len(reqs), err)
	}
	d.request = reqs[0].ID
	db.Now = func() time.Time { return pressNow }
	mustIngestNews(t, db)
	// The jobs alert the monitors of high-priority hits.
	if n, err := sqlstore.NewPressService(db).GeneratePressAlerts(sqltest.SystemContext()); err != nil || n == 0 {
		t.Fatalf("press alerts: %d, %v", n, err)
	}
	db.Now = f.clock.Now
	return f, d
}

// told checks that who has a notification of kind (linking to link, when
// given).
func (d *dayFixture) told(who string, kind ttdn.NotificationKind, link string) {
	d.t.Helper()
	list, _, err := sqlstore.NewNotificationService(d.f.db).FindNotifications(sqltest.UserContext(d.f.users[who]), ttdn.NotificationFilter{})
	if err != nil {
		d.t.Fatal(err)
	}
	for _, n := range list {
		if n.Kind == kind && (link == "" || n.Link == link) {
			return
		}
	}
	d.t.Errorf("%s was not told (%s %s); has %d notifications", who, kind, link, len(list))
}
