package sqlstore_test

import (
	"fmt"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// benchProvince is 150 units under one plan, with the catalogue seeded.
func benchProvince(b *testing.B, db *sqlstore.DB) (*ttdn.Plan, []int64) {
	b.Helper()
	var ids []int64
	for i := range 150 {
		u := sqltest.MustCreateUnit(b, db, &ttdn.Unit{Code: fmt.Sprintf("don-vi-%03d", i), Name: fmt.Sprintf("Đơn vị %03d", i)})
		ids = append(ids, u.ID)
	}
	plan := sqltest.MustCreatePlan(b, db, &ttdn.Plan{Title: "Kế hoạch TTĐN", Year: 2025, Place: "Tây Ninh",
		ReportSchedule: ttdn.ReportSchedule{DueDates: []ttdn.DayMonth{{Day: 20, Month: 6}, {Day: 5, Month: 12}}}})
	if err := sqlstore.SeedIndicators(sqltest.SystemContext(), db); err != nil {
		b.Fatal(err)
	}
	return plan, ids
}

func benchOpen(b *testing.B, db *sqlstore.DB, plan *ttdn.Plan, units []int64, typ ttdn.PeriodType, year int) *ttdn.ReportPeriod {
	b.Helper()
	rp := &ttdn.ReportPeriod{PlanID: plan.ID, Type: typ, Year: year, Number: 1, ExpectedUnitIDs: units}
	if err := sqlstore.NewReportPeriodService(db).OpenPeriod(sqltest.SystemContext(), rp); err != nil {
		b.Fatal(err)
	}
	return rp
}

// benchReports stores an accepted report per unit, with every indicator
// and five items of each of its breakdowns, written in bulk.
func benchReports(b *testing.B, db *sqlstore.DB, rp *ttdn.ReportPeriod, units []int64, withValues bool) {
	b.Helper()
	indicators, err := sqlstore.NewIndicatorService(db).FindIndicators(sqltest.SystemContext(), ttdn.IndicatorFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for i, uid := range units {
		status, late := "accepted", i%7 == 0
		if i%5 == 0 {
			status = "draft"
		}
		if err := db.ExecTest(`INSERT INTO unit_reports (period_id, unit_id, status, results, late, version, created_at,
			updated_at) VALUES (?, ?, ?, 'Kết quả thực hiện của đơn vị.', ?, 1, '2025-06-01 00:00:00', '2025-06-01 00:00:00')`,
			rp.ID, uid, status, late); err != nil {
			b.Fatal(err)
		}
		if !withValues {
			continue
		}
		var rows []string
		var args []any
		for _, ind := range indicators {
			rows, args = append(rows, "((SELECT id FROM unit_reports WHERE period_id = ? AND unit_id = ?), ?, '', '', ?)"),
				append(args, rp.ID, uid, ind.ID, int64(i+1))
			for _, bd := range ind.Breakdowns {
				for k := range 5 {
					rows, args = append(rows, "((SELECT id FROM unit_reports WHERE period_id = ? AND unit_id = ?), ?, ?, ?, ?)"),
						append(args, rp.ID, uid, ind.ID, string(bd), fmt.Sprintf("mục %d", k), int64(k+1))
				}
			}
		}
		if err := db.ExecTest(`INSERT INTO report_values (report_id, indicator_id, breakdown, item, computed) VALUES `+
			strings.Join(rows, ", "), args...); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.ExecTest(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkConsolidate150Units consolidates a period of 150 units with
// every indicator and its breakdowns, compared with the previous year.
func BenchmarkConsolidate150Units(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		plan, units := benchProvince(b, db)
		prev := benchOpen(b, db, plan, units, ttdn.PeriodHalfYear, 2024)
		cur := benchOpen(b, db, plan, units, ttdn.PeriodHalfYear, 2025)
		benchReports(b, db, prev, units, true)
		benchReports(b, db, cur, units, true)
		svc := sqlstore.NewConsolidatedReportService(db)
		ctx := sqltest.SystemContext()
		b.ResetTimer()
		for b.Loop() {
			c, err := svc.FindConsolidatedReport(ctx, cur.ID)
			if err != nil || len(c.Totals) == 0 || c.Totals[1].Value == 0 {
				b.Fatalf("consolidate: %v", err)
			}
		}
	})
}

// BenchmarkCompletenessMatrix computes the matrix of 10 years × 2 periods
// × 150 units.
func BenchmarkCompletenessMatrix(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		plan, units := benchProvince(b, db)
		for year := 2016; year < 2026; year++ {
			for _, typ := range []ttdn.PeriodType{ttdn.PeriodHalfYear, ttdn.PeriodYear} {
				benchReports(b, db, benchOpen(b, db, plan, units, typ, year), units, false)
			}
		}
		svc := sqlstore.NewCompletenessService(db)
		ctx := sqltest.SystemContext()
		planID := plan.ID
		b.ResetTimer()
		for b.Loop() {
			m, err := svc.FindCompleteness(ctx, ttdn.CompletenessFilter{PlanID: &planID})
			if err != nil || len(m.Periods) != 20 || len(m.Rows) != 150 {
				b.Fatalf("matrix: %v", err)
			}
		}
	})
}
