package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustAccepted writes values into the unit's report of rp, submits and
// accepts it.
func (w *reporting) mustAccepted(t *testing.T, officer *ttdn.User, rp *ttdn.ReportPeriod, unit *ttdn.Unit, results string, values ...ttdn.ValueInput) *ttdn.UnitReport {
	t.Helper()
	r := w.mustStart(t, officer, rp, unit)
	r, err := w.reports.UpdateUnitReport(as(officer), r.ID, ttdn.UnitReportUpdate{Version: r.Version, Values: values,
		Narrative: &ttdn.Narrative{Results: results, Recommendations: "Kiến nghị của " + unit.Name}})
	if err != nil {
		t.Fatal(err)
	}
	r = w.mustStep(t, officer, r, ttdn.ActSubmit, "")
	return w.mustStep(t, w.coordinator, r, ttdn.ActAccept, "")
}

func TestConsolidation(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		w.clock(2019, 6, 10, 9, 0)
		prev := w.mustOpen(t, ttdn.PeriodHalfYear, 2018, 1)
		cur := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		note := "Số liệu đơn vị tự tổng hợp"
		w.mustAccepted(t, w.officerNV, prev, w.ngoaiVu, "Năm trước", ttdn.ValueInput{Code: "articles", Number: i64(4), Note: note})
		w.mustAccepted(t, w.officerNV, cur, w.ngoaiVu, "Đón 2 đoàn phóng viên.",
			ttdn.ValueInput{Code: "articles", Number: i64(5), Note: note},
			ttdn.ValueInput{Code: "articles", Breakdown: ttdn.ByLanguage, Item: "en", Number: i64(3), Note: note},
			ttdn.ValueInput{Code: "budget_spent", Raw: str("12.000.000")})
		w.mustAccepted(t, w.officerTC, cur, w.taiChinh, "Thẩm định kinh phí.",
			ttdn.ValueInput{Code: "articles", Number: i64(2), Note: note},
			ttdn.ValueInput{Code: "articles", Breakdown: ttdn.ByLanguage, Item: "en", Number: i64(1), Note: note},
			ttdn.ValueInput{Code: "articles", Breakdown: ttdn.ByLanguage, Item: "km", Number: i64(1), Note: note},
			ttdn.ValueInput{Code: "budget_spent", Number: i64(3000000)})

		c, err := w.consolidated.FindConsolidatedReport(as(w.coordinator), cur.ID)
		if err != nil {
			t.Fatal(err)
		}
		total := func(code string) *ttdn.IndicatorTotal {
			for _, tot := range c.Totals {
				if tot.Indicator.Code == code {
					return tot
				}
			}
			t.Fatalf("no total for %s", code)
			return nil
		}
		art := total("articles")
		if art.Value != 7 || art.Previous == nil || *art.Previous != 4 || art.Units != 2 {
			t.Fatalf("articles: %d (previous %v, units %d)", art.Value, art.Previous, art.Units)
		}
		if len(art.Rows) != 2 || art.Rows[0].Item != "en" || art.Rows[0].Value != 4 || art.Rows[1].Item != "km" || art.Rows[1].Value != 1 {
			t.Fatalf("articles by language: %+v %+v", art.Rows[0], art.Rows[1])
		}
		if v := total("budget_spent").Value; v != 15000000 {
			t.Fatalf("budget spent %d", v)
		}
		if c.PreviousPeriodID != prev.ID || c.Completeness.Accepted != 2 {
			t.Fatalf("previous %d, completeness %+v", c.PreviousPeriodID, c.Completeness)
		}
		results := c.UnitNarratives[0]
		if results.Key != "results" || len(results.Units) != 2 || !strings.Contains(results.Units[0].Text+results.Units[1].Text, "Đón 2 đoàn") {
			t.Fatalf("results gathered: %+v", results)
		}
		if c.IssuingUnit != "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" || c.Issuer != "UBND TỈNH TÂY NINH" || len(c.Recipients) < 2 {
			t.Fatalf("header %q / %q, recipients %v", c.Issuer, c.IssuingUnit, c.Recipients)
		}
		if c.Difficulties == nil {
			t.Fatal("difficulties hook should give an empty list")
		}

		// Edit, issue, then frozen.
		n := ttdn.Narrative{Results: "Các đơn vị triển khai nghiêm túc Kế hoạch."}
		signer := "Nguyễn Văn A"
		c, err = w.consolidated.UpdateConsolidatedReport(as(w.coordinator), cur.ID, ttdn.ConsolidatedUpdate{Version: c.Version, Narrative: &n, Signer: &signer})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.consolidated.UpdateConsolidatedReport(as(w.officerNV), cur.ID, ttdn.ConsolidatedUpdate{Version: c.Version, Signer: &signer})
		wantCode(t, err, ttdn.ENOTFOUND)
		_, err = w.consolidated.IssueConsolidatedReport(as(w.coordinator), cur.ID, c.Version, "", date(2019, 6, 25))
		wantCode(t, err, ttdn.EINVALID)
		c, err = w.consolidated.IssueConsolidatedReport(as(w.coordinator), cur.ID, c.Version, "125/BC-STTTT", date(2019, 6, 25))
		if err != nil || c.Status != ttdn.ConsolidatedIssued {
			t.Fatalf("issue: %v %v", c, err)
		}
		_, err = w.consolidated.UpdateConsolidatedReport(as(w.coordinator), cur.ID, ttdn.ConsolidatedUpdate{Version: c.Version, Signer: &signer})
		wantCode(t, err, ttdn.EINVALID)
	})
}

// TestConsolidatedReadNeverWrites: opening the period's report stores
// nothing and audits nothing; the first change (at version 0, the defaults
// read) stores the draft with it, and a second writer who also read the
// defaults meets a conflict instead of overwriting it.
func TestConsolidatedReadNeverWrites(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		stored := func() (reports, audits int) {
			tx, err := db.BeginTx(context.Background(), false)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if err := tx.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM consolidated_reports`).Scan(&reports); err != nil {
				t.Fatal(err)
			}
			if err := tx.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_events WHERE entity = ?`,
				string(ttdn.ResourceConsolidated)).Scan(&audits); err != nil {
				t.Fatal(err)
			}
			return reports, audits
		}
		for range 2 {
			c, err := w.consolidated.FindConsolidatedReport(as(w.coordinator), rp.ID)
			if err != nil || c.ID != 0 || c.Version != 0 || c.Issuer == "" {
				t.Fatalf("read: %+v, %v", c, err)
			}
		}
		if r, a := stored(); r != 0 || a != 0 {
			t.Fatalf("reading stored %d reports and %d audit entries", r, a)
		}
		signer := "Nguyễn Văn A"
		c, err := w.consolidated.UpdateConsolidatedReport(as(w.coordinator), rp.ID, ttdn.ConsolidatedUpdate{Signer: &signer})
		if err != nil || c.ID == 0 || c.Signer != signer || c.Version != 2 || c.Issuer == "" {
			t.Fatalf("first change: %+v, %v", c, err)
		}
		if r, a := stored(); r != 1 || a != 2 {
			t.Fatalf("the first change stored %d reports and %d audit entries, want 1 and 2 (created, changed)", r, a)
		}
		other := "Trần Thị B"
		_, err = w.consolidated.UpdateConsolidatedReport(as(w.coordinator), rp.ID, ttdn.ConsolidatedUpdate{Signer: &other})
		wantCode(t, err, ttdn.ECONFLICT)
		_, err = w.consolidated.IssueConsolidatedReport(as(w.coordinator), rp.ID, 0, "1/BC", date(2019, 6, 25))
		wantCode(t, err, ttdn.ECONFLICT)
		if c, err := w.consolidated.FindConsolidatedReport(as(w.coordinator), rp.ID); err != nil || c.Signer != signer || c.Version != 2 {
			t.Fatalf("after the conflicts: %+v, %v", c, err)
		}
		// A unit officer's first change stores nothing either.
		rp2 := w.mustOpen(t, ttdn.PeriodYear, 2019, 0)
		_, err = w.consolidated.UpdateConsolidatedReport(as(w.officerNV), rp2.ID, ttdn.ConsolidatedUpdate{Signer: &other})
		wantCode(t, err, ttdn.ENOTFOUND)
		if r, _ := stored(); r != 1 {
			t.Fatalf("a refused change stored a draft (%d reports)", r)
		}
	})
}

func TestConsolidatedRecipientsFollowSuccessors(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		rp := w.mustOpen(t, ttdn.PeriodYear, 2025, 0)
		c, err := w.consolidated.FindConsolidatedReport(as(w.coordinator), rp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.IssuingUnit != "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" {
			t.Fatalf("2025 report issued by %q, want Sở VHTTDL", c.IssuingUnit)
		}
		if strings.Contains(strings.Join(c.Recipients, "|"), "Bộ Thông tin và Truyền thông") {
			t.Fatalf("2025 recipients still name Bộ TTTT: %v", c.Recipients)
		}
	})
}

func TestCompleteness(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		w.clock(2019, 6, 1, 9, 0)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		nv := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		tc := w.mustStart(t, w.officerTC, rp, w.taiChinh)
		w.mustStep(t, w.officerNV, nv, ttdn.ActSubmit, "")
		w.clock(2019, 6, 22, 9, 0)
		tc = w.mustStep(t, w.officerTC, tc, ttdn.ActSubmit, "")
		w.mustStep(t, w.coordinator, tc, ttdn.ActAccept, "")
		st, err := w.completeness.FindPeriodStats(as(w.coordinator), rp.ID)
		if err != nil {
			t.Fatal(err)
		}
		expected := len(rp.ExpectedUnitIDs)
		if st.Expected != expected || st.Submitted != 2 || st.OnTime != 1 || st.Late != 1 || st.Accepted != 1 || st.Missing != expected-2 {
			t.Fatalf("stats %+v (expected %d)", st, expected)
		}
		year := w.mustOpen(t, ttdn.PeriodYear, 2019, 0)
		planID := w.plan.ID
		m, err := w.completeness.FindCompleteness(as(w.leader), ttdn.CompletenessFilter{PlanID: &planID})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Periods) != 2 || m.Periods[0].ID != rp.ID || m.Periods[1].ID != year.ID || len(m.Rows) != expected {
			t.Fatalf("matrix %d periods, %d rows", len(m.Periods), len(m.Rows))
		}
		if *m.Stats[0] != *st {
			t.Fatalf("matrix stats %+v, period stats %+v", m.Stats[0], st)
		}
		for _, row := range m.Rows {
			want := ttdn.CellMissing
			switch row.UnitID {
			case w.ngoaiVu.ID:
				want = ttdn.CellOnTime
			case w.taiChinh.ID:
				want = ttdn.CellLate
			}
			if row.Cells[0] != want || row.Cells[1] != ttdn.CellMissing {
				t.Fatalf("%s: %v, want %s then missing", row.UnitName, row.Cells, want)
			}
		}
		// A unit officer sees only its own row.
		mine, err := w.completeness.FindCompleteness(as(w.officerNV), ttdn.CompletenessFilter{PlanID: &planID})
		if err != nil || len(mine.Rows) != 1 || mine.Rows[0].UnitID != w.ngoaiVu.ID {
			t.Fatalf("officer's matrix: %v %v", mine, err)
		}
	})
}

func TestReportReminders(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		w.clock(2019, 6, 1, 9, 0)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		nv := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		w.mustStep(t, w.officerNV, nv, ttdn.ActSubmit, "")
		sys := sqltest.SystemContext()
		if n, err := w.reports.GenerateReportReminders(sys); err != nil || n != 0 {
			t.Fatalf("19 days before the due date: %d reminders, %v", n, err)
		}
		w.clock(2019, 6, 17, 9, 0) // within the due-soon window
		count := func(kind ttdn.NotificationKind, user *ttdn.User) int64 {
			return mustInt(t, db, `SELECT COUNT(*) FROM notifications WHERE kind = ? AND user_id = ?`, string(kind), user.ID)
		}
		n, err := w.reports.GenerateReportReminders(sys)
		if err != nil || n != 1 {
			t.Fatalf("due soon: %d reminders, %v (only Sở Tài chính's officer has a user and no report)", n, err)
		}
		if count(ttdn.NotifyReportDueSoon, w.officerTC) != 1 || count(ttdn.NotifyReportDueSoon, w.officerNV) != 0 {
			t.Fatal("reminder went to the wrong unit")
		}
		if n, _ := w.reports.GenerateReportReminders(sys); n != 0 {
			t.Fatalf("second run created %d", n)
		}
		w.clock(2019, 6, 22, 9, 0)
		if n, _ := w.reports.GenerateReportReminders(sys); n != 1 || count(ttdn.NotifyReportOverdue, w.officerTC) != 1 {
			t.Fatalf("overdue: %d", n)
		}
		if n, _ := w.reports.GenerateReportReminders(sys); n != 0 {
			t.Fatalf("overdue reminder repeated: %d", n)
		}
		if st := mustInt(t, db, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND email_state = 'pending'`, w.officerTC.ID); st != 2 {
			t.Fatalf("%d e-mails queued", st)
		}
		_, err = w.reports.GenerateReportReminders(as(w.coordinator))
		wantCode(t, err, ttdn.EFORBIDDEN)
	})
}
