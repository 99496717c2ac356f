package http

import (
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// testClock is one clock for the server and the database, so a test can
// move past a due date and see the submission marked late.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// set moves the clock to a time in Vietnam.
func (c *testClock) set(y, m, d, hh int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = time.Date(y, time.Month(m), d, hh, 0, 0, 0, vietnam)
}

// reportingFixture is the HTTP fixture with the seed plan, a shared clock,
// an officer of Sở Ngoại vụ beside the fixture's officer of Công an tỉnh,
// and a press conference of Công an tỉnh inside the 2019 half-year window.
type reportingFixture struct {
	*fixture
	clock *testClock
}

func newReportingFixture(tb testing.TB, db *sqlstore.DB) *reportingFixture {
	tb.Helper()
	f := &reportingFixture{fixture: newFixture(tb, db, true), clock: &testClock{}}
	f.clock.set(2019, 6, 10, 9)
	f.srv.now, db.Now = f.clock.Now, f.clock.Now
	f.units["so-ngoai-vu"] = sqltest.MustFindUnit(tb, db, "so-ngoai-vu")
	u := sqltest.MustCreateUser(tb, db, &ttdn.User{Username: "nv", Name: "Cán bộ Sở Ngoại vụ", Role: ttdn.RoleUnitOfficer,
		UnitID: f.units["so-ngoai-vu"].ID}, testPassword)
	f.users["nv"], f.sessions["nv"] = u, sqltest.MustCreateSession(tb, db, u)
	leader := sqltest.MustCreateUser(tb, db, &ttdn.User{Username: "leader", Name: "Lãnh đạo UBND tỉnh", Role: ttdn.RoleLeader}, testPassword)
	f.users["leader"], f.sessions["leader"] = leader, sqltest.MustCreateSession(tb, db, leader)
	a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo về an ninh biên giới", StartDate: ttdn.Date{Year: 2019, Month: 3, Day: 12},
		UnitIDs: []int64{f.units["cong-an"].ID}, Classification: ttdn.Internal, Details: &ttdn.PressDetails{Speaker: "Giám đốc Công an tỉnh", Reporters: 12}}
	if err := sqlstore.NewActivityService(db).CreateActivity(sqltest.UserContext(f.users["coordinator"]), a); err != nil {
		tb.Fatal(err)
	}
	f.ids = map[string]int64{"activity": a.ID}
	return f
}

// mustOpenPeriod opens the seed plan's period as the coordinator.
func (f *reportingFixture) mustOpenPeriod(tb testing.TB, typ ttdn.PeriodType, year, number int) *ttdn.ReportPeriod {
	tb.Helper()
	rp := &ttdn.ReportPeriod{PlanID: f.plan.ID, Type: typ, Year: year, Number: number}
	if err := sqlstore.NewReportPeriodService(f.db).OpenPeriod(sqltest.UserContext(f.users["coordinator"]), rp); err != nil {
		tb.Fatalf("open period: %v", err)
	}
	return rp
}

// mustReport starts the unit's report as who and applies steps (submit,
// accept…) in order.
func (f *reportingFixture) mustReport(tb testing.TB, rp *ttdn.ReportPeriod, unit, who string, steps ...ttdn.ReportAction) *ttdn.UnitReport {
	tb.Helper()
	svc := sqlstore.NewUnitReportService(f.db)
	r, err := svc.StartUnitReport(sqltest.UserContext(f.users[who]), rp.ID, f.units[unit].ID)
	if err != nil {
		tb.Fatalf("start report: %v", err)
	}
	for _, act := range steps {
		actor := who
		if act != ttdn.ActSubmit {
			actor = "coordinator"
		}
		if r, err = svc.Transition(sqltest.UserContext(f.users[actor]), r.ID, act, r.Version, "Ý kiến kiểm tra"); err != nil {
			tb.Fatalf("%s: %v", act, err)
		}
	}
	return r
}
