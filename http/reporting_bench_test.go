package http

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// BenchmarkReportingPages renders, for the coordinator, the pages of a
// province of 150 units over 10 years × 2 periods: a period page, the
// completeness matrix of all 20 periods, and the consolidated report of a
// period where every unit reported every indicator with its breakdowns
// (compared with the previous year).
func BenchmarkReportingPages(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		f := newFixture(b, db, false)
		plan, units := benchProvince(b, db)
		var cur int64
		for year := 2016; year < 2026; year++ {
			for _, typ := range []ttdn.PeriodType{ttdn.PeriodHalfYear, ttdn.PeriodYear} {
				rp := &ttdn.ReportPeriod{PlanID: plan.ID, Type: typ, Year: year, Number: 1, ExpectedUnitIDs: units}
				if err := sqlstore.NewReportPeriodService(db).OpenPeriod(sqltest.SystemContext(), rp); err != nil {
					b.Fatal(err)
				}
				full := typ == ttdn.PeriodHalfYear && year >= 2024
				benchUnitReports(b, db, rp, units, full)
				if full {
					cur = rp.ID
				}
			}
		}
		for name, path := range map[string]string{
			"period":       "/reports/periods/" + itoa(cur),
			"completeness": "/reports/completeness?plan=" + itoa(plan.ID),
			"consolidated": "/reports/periods/" + itoa(cur) + "/consolidated",
		} {
			b.Run(name, func(b *testing.B) { benchPageAs(b, f, path, "coordinator") })
		}
	})
}

// benchProvince adds 150 units and a plan with the seed's reporting dates.
func benchProvince(b *testing.B, db *sqlstore.DB) (*ttdn.Plan, []int64) {
	b.Helper()
	var ids []int64
	for i := range 150 {
		u := sqltest.MustCreateUnit(b, db, &ttdn.Unit{Code: fmt.Sprintf("bench-%03d", i), Name: fmt.Sprintf("Đơn vị thử %03d", i)})
		ids = append(ids, u.ID)
	}
	plan := sqltest.MustCreatePlan(b, db, &ttdn.Plan{Title: "Kế hoạch TTĐN năm 2025", Year: 2025, Place: "Tây Ninh",
		ReportSchedule: ttdn.ReportSchedule{DueDates: []ttdn.DayMonth{{Day: 20, Month: 6}, {Day: 5, Month: 12}}}})
	if err := sqlstore.SeedIndicators(sqltest.SystemContext(), db); err != nil {
		b.Fatal(err)
	}
	return plan, ids
}

// benchUnitReports writes the period's reports in bulk (services would
// take minutes for 3 000 reports): most accepted, every seventh late,
// every fifth a draft; with values, every indicator and five items of
// each breakdown.
func benchUnitReports(b *testing.B, db *sqlstore.DB, rp *ttdn.ReportPeriod, units []int64, withValues bool) {
	b.Helper()
	ctx := context.Background()
	indicators, err := sqlstore.NewIndicatorService(db).FindIndicators(sqltest.SystemContext(), ttdn.IndicatorFilter{})
	if err != nil {
		b.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	for i, uid := range units {
		status := map[bool]string{true: "draft", false: "accepted"}[i%5 == 0]
		if _, err := tx.ExecContext(ctx, `INSERT INTO unit_reports (period_id, unit_id, status, results, late, version, created_at,
			updated_at) VALUES (?, ?, ?, 'Kết quả thực hiện của đơn vị.', ?, 1, ?, ?)`, rp.ID, uid, status, i%7 == 0, tx.Now(), tx.Now()); err != nil {
			b.Fatal(err)
		}
		if !withValues {
			continue
		}
		var rows []string
		var args []any
		for _, ind := range indicators {
			if ind.ValueType == ttdn.ValueText {
				continue
			}
			rows, args = append(rows, "((SELECT id FROM unit_reports WHERE period_id = ? AND unit_id = ?), ?, '', '', ?)"), append(args, rp.ID, uid, ind.ID, int64(i+1))
			for _, bd := range ind.Breakdowns {
				for k := range 5 {
					rows = append(rows, "((SELECT id FROM unit_reports WHERE period_id = ? AND unit_id = ?), ?, ?, ?, ?)")
					args = append(args, rp.ID, uid, ind.ID, string(bd), fmt.Sprintf("mục %d", k), int64(k+1))
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO report_values (report_id, indicator_id, breakdown, item, computed) VALUES `+
			strings.Join(rows, ", "), args...); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
