package http

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ttdn"
	"ttdn/ical"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestCalendarFeedFollowsPolicy generates the expected feed of every role
// from the pages: for each plan level and each user, an event is in the
// feed exactly when the page of its task, activity or report period
// answers that user 200 (among the records of the user's unit; periods
// for all). Tasks and activities are spread over every level and unit.
func TestCalendarFeedFollowsPolicy(t *testing.T) {
	for _, level := range []ttdn.Classification{ttdn.Public, ttdn.Internal, ttdn.Secret} {
		t.Run(level.String(), func(t *testing.T) {
			sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
				f := calendarFixture(t, db, level)
				included, excluded := 0, 0
				for _, who := range permRoles[1:] {
					got := f.feedUIDs(t, who)
					want := f.expectedUIDs(t, who)
					slices.Sort(got)
					slices.Sort(want)
					if !slices.Equal(got, want) {
						t.Errorf("%s: feed %v, pages %v", who, got, want)
					}
					included += len(want)
					excluded += f.candidates(t, who) - len(want)
				}
				if included == 0 || (level != ttdn.Public && excluded == 0) {
					t.Errorf("a test that cannot fail: %d included, %d excluded", included, excluded)
				}
			})
		})
	}
}

// calendarFixture is the permission fixture at level with a deadline on
// every task (their levels varied, never below the plan's), activities of
// four units at every level, and an open report period.
func calendarFixture(t *testing.T, db *sqlstore.DB, level ttdn.Classification) *fixture {
	f := permFixture(t, db, level)
	f.db = db
	ctx := sqltest.UserContext(f.users["coordinator"])
	for _, code := range []string{"so-tttt", "cong-an", "so-ngoai-vu", "so-tai-chinh"} {
		for _, c := range []ttdn.Classification{ttdn.Public, ttdn.Internal, ttdn.Secret} {
			a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo " + code + " " + c.String(),
				StartDate: ttdn.Date{Year: 2019, Month: 8, Day: 2}, EndDate: ttdn.Date{Year: 2019, Month: 8, Day: 3},
				UnitIDs: []int64{f.units[code].ID}, Classification: c, Details: &ttdn.PressDetails{Speaker: "Người phát ngôn", Reporters: 3}}
			if err := sqlstore.NewActivityService(db).CreateActivity(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	rp := &ttdn.ReportPeriod{PlanID: f.plan.ID, Type: ttdn.PeriodHalfYear, Year: 2019, Number: 1}
	if err := sqlstore.NewReportPeriodService(db).OpenPeriod(ctx, rp); err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(t.Context(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	lv := map[ttdn.Classification]string{ttdn.Public: "0", ttdn.Internal: "1", ttdn.Secret: "2"}[level]
	for _, q := range []string{
		`UPDATE tasks SET deadline = '2019-09-30', classification = CASE WHEN MAX(id % 3, ` + lv + `) = 0 THEN 'public'
			WHEN MAX(id % 3, ` + lv + `) = 1 THEN 'internal' ELSE 'secret' END`,
		`UPDATE report_periods SET classification = '` + level.String() + `'`,
	} {
		if db.Engine() == "postgres" {
			q = strings.ReplaceAll(q, "MAX(", "GREATEST(")
		}
		if _, err := tx.ExecContext(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return f
}

// feedUIDs fetches who's feed through a fresh address and returns its UIDs.
func (f *fixture) feedUIDs(t *testing.T, who string) []string {
	t.Helper()
	raw, err := sqlstore.NewCalendarFeedService(f.db).RotateCalendarFeed(sqltest.UserContext(f.users[who]), f.users[who].ID)
	if err != nil {
		t.Fatal(err)
	}
	w := f.do(f.request("GET", "/calendar/"+raw+".ics", anon, nil))
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/calendar") {
		t.Fatalf("%s: feed answered %d %s", who, w.Code, w.Header().Get("Content-Type"))
	}
	_, events, err := ical.Parse(w.Body.String())
	if err != nil {
		t.Fatalf("%s: %v", who, err)
	}
	uids := []string{}
	for _, e := range events {
		uids = append(uids, e["UID"].Value)
		if e["SUMMARY"].Value == "" || e["DTSTART"].Params != "VALUE=DATE" {
			t.Errorf("%s: an unnamed or timed event %v", who, e)
		}
	}
	return uids
}

// candidates counts the records the feed could hold for who: the unit's
// tasks and activities and every period, whatever their level.
func (f *fixture) candidates(t *testing.T, who string) int {
	tasks, acts, periods := f.calendarCandidates(t, who)
	return len(tasks) + len(acts) + len(periods)
}

func (f *fixture) calendarCandidates(t *testing.T, who string) (tasks, acts, periods []int64) {
	t.Helper()
	ctx := sqltest.SystemContext()
	if unit := f.users[who].UnitID; unit != 0 {
		ts, _, err := sqlstore.NewTaskService(f.db).FindTasks(ctx, ttdn.TaskFilter{UnitID: &unit})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ts {
			tasks = append(tasks, x.ID)
		}
		as, _, err := sqlstore.NewActivityService(f.db).FindActivities(ctx, ttdn.ActivityFilter{UnitID: &unit})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range as {
			acts = append(acts, x.ID)
		}
	}
	ps, _, err := sqlstore.NewReportPeriodService(f.db).FindPeriods(ctx, ttdn.PeriodFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ps {
		periods = append(periods, x.ID)
	}
	return tasks, acts, periods
}

// expectedUIDs asks the pages: a record is expected when its page opens.
func (f *fixture) expectedUIDs(t *testing.T, who string) []string {
	tasks, acts, periods := f.calendarCandidates(t, who)
	want := []string{}
	for _, c := range []struct {
		ids        []int64
		path, kind string
	}{{tasks, "/tasks/%d", "task"}, {acts, "/activities/%d", "activity"}, {periods, "/reports/periods/%d", "period"}} {
		for _, id := range c.ids {
			switch w := f.do(f.request("GET", fmt.Sprintf(c.path, id), who, nil)); w.Code {
			case http.StatusOK:
				want = append(want, fmt.Sprintf("%s-%d@ttdn", c.kind, id))
			case http.StatusNotFound, http.StatusForbidden:
			default:
				t.Fatalf("%s %s: %d", who, fmt.Sprintf(c.path, id), w.Code)
			}
		}
	}
	return want
}

// TestCalendarAddress: the address is made on the account page and shown
// once, rotating kills the old one, revoking kills it, each step audited;
// a secret task's title never reaches the feed.
func TestCalendarAddress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := calendarFixture(t, db, ttdn.Internal)
		addr := regexp.MustCompile(`/calendar/(ttdncal_[A-Za-z0-9_-]+)\.ics`)
		make := func() string {
			w := f.do(f.request("POST", "/account/calendar", "officer", url.Values{}))
			m := addr.FindStringSubmatch(w.Body.String())
			if w.Code != http.StatusOK || m == nil {
				t.Fatalf("make address: %d %s", w.Code, snippet(w.Body.String()))
			}
			return m[1]
		}
		get := func(tok string) int { return f.do(f.request("GET", "/calendar/"+tok+".ics", anon, nil)).Code }
		first := make()
		if get(first) != http.StatusOK {
			t.Fatal("a new address does not answer")
		}
		w := f.do(f.request("GET", "/account", "officer", nil))
		if strings.Contains(w.Body.String(), first) || !strings.Contains(w.Body.String(), "Địa chỉ lịch đang dùng") {
			t.Error("the account page shows the address again, or not that one exists")
		}
		second := make()
		if get(first) != http.StatusNotFound || get(second) != http.StatusOK {
			t.Error("rotating left the old address alive or the new one dead")
		}
		body := f.do(f.request("GET", "/calendar/"+second+".ics", anon, nil)).Body.String()
		secret := secretTaskTitle(t, f, "officer")
		if secret == "" {
			t.Fatal("no secret task of the officer's unit to check")
		}
		if strings.Contains(strings.ReplaceAll(body, "\r\n ", ""), secret) {
			t.Errorf("a secret task's title is in the feed: %q", secret)
		}
		if w := f.do(f.request("POST", "/account/calendar/revoke", "officer", url.Values{})); w.Code != http.StatusSeeOther {
			t.Fatalf("revoke: %d", w.Code)
		}
		if get(second) != http.StatusNotFound || get("ttdncal_") != http.StatusNotFound || get("x") != http.StatusNotFound {
			t.Error("a revoked or made-up address answers")
		}
		var n int
		rtx, err := db.BeginTx(t.Context(), false)
		if err != nil {
			t.Fatal(err)
		}
		defer rtx.Rollback()
		if err := rtx.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM audit_events WHERE entity = 'calendar_feed' AND entity_id = ?`,
			f.users["officer"].ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("%d audit events for create, rotate, revoke; want 3", n)
		}
	})
}

// secretTaskTitle returns the title of a secret task of who's unit.
func secretTaskTitle(t *testing.T, f *fixture, who string) string {
	unit := f.users[who].UnitID
	ts, _, err := sqlstore.NewTaskService(f.db).FindTasks(sqltest.SystemContext(), ttdn.TaskFilter{UnitID: &unit})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		if x.Classification == ttdn.Secret {
			return x.Title
		}
	}
	return ""
}
