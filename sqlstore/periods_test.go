package sqlstore_test

import (
	"slices"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestPeriodDefaultsFromSeedPlan(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		half := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		if half.CutOffFrom != date(2018, 12, 15) || half.CutOffTo != date(2019, 6, 14) || half.DueDate != date(2019, 6, 20) {
			t.Fatalf("half-year: %s → %s due %s", half.CutOffFrom, half.CutOffTo, half.DueDate)
		}
		year := w.mustOpen(t, ttdn.PeriodYear, 2019, 0)
		if year.CutOffFrom != date(2018, 12, 15) || year.CutOffTo != date(2019, 12, 14) || year.DueDate != date(2019, 12, 5) {
			t.Fatalf("year: %s → %s due %s", year.CutOffFrom, year.CutOffTo, year.DueDate)
		}
		q1 := w.mustOpen(t, ttdn.PeriodQuarter, 2019, 1)
		if q1.CutOffFrom != date(2018, 12, 15) || q1.CutOffTo != date(2019, 3, 14) || q1.DueDate != date(2019, 3, 20) {
			t.Fatalf("quarter I: %s → %s due %s", q1.CutOffFrom, q1.CutOffTo, q1.DueDate)
		}
		if half.Name != "6 tháng đầu năm 2019" || year.Name != "năm 2019" {
			t.Fatalf("names %q, %q", half.Name, year.Name)
		}
		// Editable per period.
		due := date(2019, 6, 25)
		got, err := w.periods.UpdatePeriod(as(w.coordinator), half.ID, ttdn.PeriodUpdate{Version: half.Version, DueDate: &due})
		if err != nil || got.DueDate != due {
			t.Fatalf("update due date: %v, %v", got, err)
		}
		_, err = w.periods.UpdatePeriod(as(w.coordinator), half.ID, ttdn.PeriodUpdate{Version: half.Version, DueDate: &due})
		wantCode(t, err, ttdn.ECONFLICT)
	})
}

func TestExpectedReportersFromSeedPlan(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		codes := func(day ttdn.Date) []string {
			units, err := w.periods.ExpectedReporters(as(w.coordinator), w.plan.ID, day)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, u := range units {
				out = append(out, u.Code)
			}
			return out
		}
		in2019 := codes(date(2019, 6, 20))
		for _, want := range []string{"so-tttt", "so-ngoai-vu", "so-vhttdl", "so-tai-chinh", "ban-tuyen-giao"} {
			if !slices.Contains(in2019, want) {
				t.Errorf("2019: %s not expected; got %v", want, in2019)
			}
		}
		if len(in2019) < 20 {
			t.Errorf("2019: only %d units expected (groups not expanded?): %v", len(in2019), in2019)
		}
		in2026 := codes(date(2026, 6, 20))
		if slices.Contains(in2026, "so-tttt") || !slices.Contains(in2026, "so-vhttdl") {
			t.Errorf("2026: Sở TTTT should report as its successor Sở VHTTDL: %v", in2026)
		}
		if len(in2026) >= len(in2019) {
			t.Errorf("2026: %d units, 2019: %d; districts abolished in 2025 should be gone", len(in2026), len(in2019))
		}
	})
}

func TestOpenPeriod(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		rp := &ttdn.ReportPeriod{PlanID: w.plan.ID, Type: ttdn.PeriodHalfYear, Year: 2019, Number: 1}
		err := w.periods.OpenPeriod(as(w.officerNV), rp)
		wantCode(t, err, ttdn.EFORBIDDEN)
		if n := mustInt(t, db, `SELECT COUNT(*) FROM report_periods`); n != 0 {
			t.Fatalf("refused open left %d periods", n)
		}
		rp = w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		expected := mustInt(t, db, `SELECT COUNT(*) FROM report_expected WHERE period_id = ?`, rp.ID)
		if expected == 0 || expected != int64(len(rp.ExpectedUnitIDs)) {
			t.Fatalf("expected rows %d, period lists %d", expected, len(rp.ExpectedUnitIDs))
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'report_period' AND action = 'open'`); n != 1 {
			t.Fatalf("%d audit events for opening", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM indicators`); n != int64(len(ttdn.DefaultIndicators())) {
			t.Fatalf("catalogue seeded with %d indicators", n)
		}
		again := &ttdn.ReportPeriod{PlanID: w.plan.ID, Type: ttdn.PeriodHalfYear, Year: 2019, Number: 1}
		wantCode(t, w.periods.OpenPeriod(as(w.coordinator), again), ttdn.ECONFLICT)

		// Adjusting: remove one unit, add it back.
		got, err := w.periods.SetExpectedReporters(as(w.coordinator), rp.ID, nil, []int64{w.ngoaiVu.ID})
		if err != nil || slices.Contains(got.ExpectedUnitIDs, w.ngoaiVu.ID) {
			t.Fatalf("remove: %v %v", got, err)
		}
		_, err = w.reports.StartUnitReport(as(w.officerNV), rp.ID, w.ngoaiVu.ID)
		wantCode(t, err, ttdn.EINVALID)
		if got, err = w.periods.SetExpectedReporters(as(w.coordinator), rp.ID, []int64{w.ngoaiVu.ID}, nil); err != nil ||
			!slices.Contains(got.ExpectedUnitIDs, w.ngoaiVu.ID) {
			t.Fatalf("add: %v %v", got, err)
		}
		bad := &ttdn.ReportPeriod{PlanID: w.plan.ID, Type: ttdn.PeriodQuarter, Year: 2019, Number: 5}
		wantCode(t, w.periods.OpenPeriod(as(w.coordinator), bad), ttdn.EINVALID)
	})
}

func TestIndicatorCatalogue(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		if err := sqlstore.SeedIndicators(sqltest.SystemContext(), db); err != nil {
			t.Fatal(err)
		}
		ind := &ttdn.Indicator{Code: "foreign_pages", Name: "Trang tin tiếng nước ngoài", ValueType: ttdn.ValueCount,
			Breakdowns: []ttdn.Breakdown{ttdn.ByLanguage}}
		if err := w.indicators.CreateIndicator(as(w.coordinator), ind); err != nil {
			t.Fatal(err)
		}
		wantCode(t, w.indicators.CreateIndicator(as(w.coordinator), &ttdn.Indicator{Code: "x y", Name: "?", ValueType: ttdn.ValueCount}), ttdn.EINVALID)
		wantCode(t, w.indicators.CreateIndicator(as(w.officerNV), &ttdn.Indicator{Code: "abc", Name: "Abc", ValueType: ttdn.ValueText}), ttdn.EFORBIDDEN)
		if err := w.indicators.SetPlanIndicators(as(w.coordinator), w.plan.ID, []int64{ind.ID}); err != nil {
			t.Fatal(err)
		}
		retired, err := w.indicators.RetireIndicator(as(w.coordinator), ind.ID, ind.Version)
		if err != nil || !retired.Retired() {
			t.Fatalf("retire: %v %v", retired, err)
		}
		active, _ := w.indicators.FindIndicators(as(w.officerNV), ttdn.IndicatorFilter{})
		all, _ := w.indicators.FindIndicators(as(w.officerNV), ttdn.IndicatorFilter{WithRetired: true})
		if len(all) != len(active)+1 {
			t.Fatalf("active %d, all %d", len(active), len(all))
		}
		// The plan that selected it keeps it (history), a new selection may not add it.
		planID := w.plan.ID
		sel, _ := w.indicators.FindIndicators(as(w.coordinator), ttdn.IndicatorFilter{PlanID: &planID})
		if len(sel) != 1 || sel[0].Code != "foreign_pages" {
			t.Fatalf("plan selection %v", sel)
		}
		other := sqltest.MustCreatePlan(t, db, &ttdn.Plan{Title: "Kế hoạch khác", Year: 2020})
		err = w.indicators.SetPlanIndicators(as(w.coordinator), other.ID, []int64{ind.ID})
		wantCode(t, err, ttdn.EINVALID)
	})
}
