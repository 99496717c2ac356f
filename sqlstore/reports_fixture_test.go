package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"ttdn"
	"ttdn/planparse"
	"ttdn/seed"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// reporting is the seed plan of 2019 stored on the shipped directory, with
// a coordinator at Sở TTTT, officers at Sở Ngoại vụ and Sở Tài chính, a
// leader, and the reporting services.
type reporting struct {
	db                   *sqlstore.DB
	plan                 *ttdn.Plan
	ngoaiVu, taiChinh    *ttdn.Unit
	coordinator, leader  *ttdn.User
	officerNV, officerTC *ttdn.User
	periods              *sqlstore.ReportPeriodService
	reports              *sqlstore.UnitReportService
	indicators           *sqlstore.IndicatorService
	consolidated         *sqlstore.ConsolidatedReportService
	completeness         *sqlstore.CompletenessService
}

func newReporting(t testing.TB, db *sqlstore.DB) *reporting {
	t.Helper()
	sqltest.MustSeed(t, db)
	r, err := sqlstore.LoadResolver(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	res, err := planparse.Parse(seed.Plan2019, seed.Plan2019Name, r)
	if err != nil {
		t.Fatal(err)
	}
	w := &reporting{db: db, plan: sqltest.MustCreatePlan(t, db, res.Plan),
		ngoaiVu: sqltest.MustFindUnit(t, db, "so-ngoai-vu"), taiChinh: sqltest.MustFindUnit(t, db, "so-tai-chinh"),
		periods: sqlstore.NewReportPeriodService(db), reports: sqlstore.NewUnitReportService(db),
		indicators: sqlstore.NewIndicatorService(db), consolidated: sqlstore.NewConsolidatedReportService(db),
		completeness: sqlstore.NewCompletenessService(db)}
	tttt := sqltest.MustFindUnit(t, db, "so-tttt")
	user := func(name string, role ttdn.Role, unitID int64) *ttdn.User {
		return sqltest.MustCreateUser(t, db, &ttdn.User{Username: name, Name: name, Role: role, UnitID: unitID,
			Email: name + "@tayninh.gov.vn"}, "")
	}
	w.coordinator = user("dieu-phoi", ttdn.RoleCoordinator, tttt.ID)
	w.leader = user("lanh-dao", ttdn.RoleLeader, 0)
	w.officerNV = user("ngoai-vu", ttdn.RoleUnitOfficer, w.ngoaiVu.ID)
	w.officerTC = user("tai-chinh", ttdn.RoleUnitOfficer, w.taiChinh.ID)
	return w
}

// clock sets the database clock to a time in Vietnam.
func (w *reporting) clock(y, m, d, hh, mm int) {
	at := time.Date(y, time.Month(m), d, hh, mm, 0, 0, ttdn.VietnamZone())
	w.db.Now = func() time.Time { return at }
}

// mustOpen opens the period of the seed plan as the coordinator.
func (w *reporting) mustOpen(t testing.TB, typ ttdn.PeriodType, year, number int) *ttdn.ReportPeriod {
	t.Helper()
	rp := &ttdn.ReportPeriod{PlanID: w.plan.ID, Type: typ, Year: year, Number: number}
	if err := w.periods.OpenPeriod(as(w.coordinator), rp); err != nil {
		t.Fatalf("open period: %v", err)
	}
	return rp
}

func (w *reporting) mustStart(t testing.TB, u *ttdn.User, rp *ttdn.ReportPeriod, unit *ttdn.Unit) *ttdn.UnitReport {
	t.Helper()
	r, err := w.reports.StartUnitReport(as(u), rp.ID, unit.ID)
	if err != nil {
		t.Fatalf("start report: %v", err)
	}
	return r
}

func (w *reporting) mustStep(t testing.TB, u *ttdn.User, r *ttdn.UnitReport, act ttdn.ReportAction, comment string) *ttdn.UnitReport {
	t.Helper()
	got, err := w.reports.Transition(as(u), r.ID, act, r.Version, comment)
	if err != nil {
		t.Fatalf("%s: %v", act, err)
	}
	return got
}

func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if ttdn.ErrorCode(err) != code {
		t.Fatalf("error %v: code %q, want %q", err, ttdn.ErrorCode(err), code)
	}
	if code != "" && (ttdn.ErrorMessage(err, "vi") == "" || ttdn.ErrorMessage(err, "en") == ttdn.ErrorMessage(err, "vi")) {
		t.Fatalf("error %v needs both a Vietnamese and an English message", err)
	}
}

func i64(n int64) *int64   { return &n }
func str(s string) *string { return &s }
