package sqlstore_test

import (
	"slices"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustBudget drives an estimate of unit with one line of amount through
// the workflow as the system: submitted and forwarded at the database
// clock of submitted, approved on approved; then the entries are recorded.
func mustBudget(t *testing.T, w *reporting, unit *ttdn.Unit, amount ttdn.Money, submitted [3]int, approved ttdn.Date, entries ...*ttdn.BudgetEntry) *ttdn.BudgetEstimate {
	t.Helper()
	ctx := sqltest.SystemContext()
	budgets := sqlstore.NewBudgetService(w.db)
	w.clock(submitted[0], submitted[1], submitted[2], 9, 0)
	e := &ttdn.BudgetEstimate{UnitID: unit.ID, Year: 2019, PlanID: w.plan.ID, Title: "Dự toán TTĐN " + unit.Name,
		Justification: "Thực hiện kế hoạch.", Lines: []*ttdn.BudgetLine{{TaskID: w.plan.Tasks[0].ID, Item: "Họp báo",
			Quantity: 1, UnitOfMeasure: "cuộc", UnitPrice: amount, Source: ttdn.FundProvincial}}}
	if err := budgets.CreateBudgetEstimate(ctx, e); err != nil {
		t.Fatal(err)
	}
	e, err := budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepSubmit})
	if err != nil {
		t.Fatal(err)
	}
	if e, err = budgets.AppraiseBudgetEstimate(ctx, e.ID, ttdn.BudgetAppraisal{Version: e.Version,
		Lines: []ttdn.LineAppraisal{{LineID: e.Lines[0].ID, Amount: amount}}}); err != nil {
		t.Fatal(err)
	}
	if e, err = budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepForward}); err != nil {
		t.Fatal(err)
	}
	if e, err = budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepApprove,
		Approval: ttdn.BudgetApproval{Body: "UBND tỉnh", Number: "1/QĐ-UBND", Date: approved}}); err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		en.EstimateID, en.LineID = e.ID, e.Lines[0].ID
		if err := budgets.RecordBudgetEntry(ctx, en); err != nil {
			t.Fatalf("%s %s: %v", en.Kind, en.Amount, err)
		}
	}
	return e
}

func entry(kind ttdn.BudgetEntryKind, m ttdn.Money, d ttdn.Date) *ttdn.BudgetEntry {
	return &ttdn.BudgetEntry{Kind: kind, Amount: m, Date: d}
}

// TestPrefillBudget: indicator 12 comes from the budget records inside the
// cut-off window (15/12/2018 → 14/06/2019), for the unit and the units
// below it that do not report themselves, with the estimates as sources;
// another unit gets nothing of it.
func TestPrefillBudget(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		centre := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "tt-doi-ngoai", Name: "Trung tâm Thông tin đối ngoại",
			ParentID: w.ngoaiVu.ID})
		// Submitted, appraised, approved in the window; one allocation and one
		// spending in it, one spending after it.
		e1 := mustBudget(t, w, w.ngoaiVu, 60_000_000, [3]int{2019, 1, 10}, date(2019, 1, 20),
			entry(ttdn.EntryAllocation, 50_000_000, date(2019, 2, 1)),
			entry(ttdn.EntrySpending, 20_000_000, date(2019, 6, 14)),
			entry(ttdn.EntrySpending, 15_000_000, date(2019, 6, 15)))
		// Submitted before the window (12/12/2018), spent in it.
		e0 := mustBudget(t, w, w.ngoaiVu, 8_000_000, [3]int{2018, 12, 12}, date(2018, 12, 13),
			entry(ttdn.EntrySpending, 3_000_000, date(2019, 1, 5)))
		// The centre below Sở Ngoại vụ, which does not report itself.
		e2 := mustBudget(t, w, centre, 5_000_000, [3]int{2019, 3, 1}, date(2019, 3, 2),
			entry(ttdn.EntrySpending, 1_000_000, date(2019, 3, 3)))
		// Another unit's estimate: never in Sở Ngoại vụ's report.
		mustBudget(t, w, w.taiChinh, 900_000_000, [3]int{2019, 2, 1}, date(2019, 2, 2),
			entry(ttdn.EntrySpending, 100_000_000, date(2019, 2, 3)))

		w.clock(2019, 6, 16, 8, 0)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		r := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		for code, want := range map[string]struct {
			value int64
			ids   []int64
			text  string
		}{
			"budget_estimated": {65_000_000, []int64{e1.ID, e2.ID}, "2 dự toán kinh phí gửi thẩm định từ 15/12/2018 đến 14/06/2019 (gồm 1 đơn vị trực thuộc)"},
			"budget_appraised": {65_000_000, []int64{e1.ID, e2.ID}, "2 dự toán đã thẩm định"},
			"budget_allocated": {50_000_000, []int64{e1.ID}, "1 lần cấp kinh phí theo 1 dự toán"},
			"budget_spent":     {24_000_000, []int64{e0.ID, e2.ID, e1.ID}, "3 khoản chi theo 3 dự toán"},
		} {
			v := r.Find(code, "", "")
			if v == nil || v.Computed == nil || *v.Computed != want.value {
				t.Errorf("%s: %+v, want %d", code, v, want.value)
				continue
			}
			if !slices.Equal(v.SourceIDs, want.ids) || !strings.Contains(v.Source, want.text) {
				t.Errorf("%s: sources %v %q, want %v %q", code, v.SourceIDs, v.Source, want.ids, want.text)
			}
		}
		// The figures agree with BudgetTotals over the same units and window.
		tot, err := sqlstore.NewBudgetService(db).BudgetTotals(as(w.coordinator), w.ngoaiVu.ID, rp.CutOffFrom, rp.CutOffTo)
		if err != nil {
			t.Fatal(err)
		}
		if int64(tot.Spent) != 24_000_000 || int64(tot.Estimated) != 65_000_000 {
			t.Errorf("BudgetTotals %+v", tot)
		}

		// Sở Tài chính's report holds its own figures only.
		rt := w.mustStart(t, w.officerTC, rp, w.taiChinh)
		if v := rt.Find("budget_spent", "", ""); v == nil || v.Value() != 100_000_000 || len(v.SourceIDs) != 1 {
			t.Errorf("Sở Tài chính spent: %+v", v)
		}
		for _, v := range rt.Values {
			for _, id := range v.SourceIDs {
				if id == e1.ID || id == e0.ID || id == e2.ID {
					t.Errorf("%s of Sở Tài chính cites Sở Ngoại vụ's estimate %d", v.Code, id)
				}
			}
		}

		// Sở TTTT keeps no estimate in ttdn: it types indicator 12 itself.
		rl := w.mustStart(t, w.coordinator, rp, sqltest.MustFindUnit(t, db, "so-tttt"))
		if v := rl.Find("budget_spent", "", ""); v == nil || v.Computed != nil {
			t.Errorf("a unit without estimates: %+v", v)
		}

		// When the centre reports itself, its figures leave Sở Ngoại vụ's
		// report for its own: each record counts once in the consolidation.
		year := &ttdn.ReportPeriod{PlanID: w.plan.ID, Type: ttdn.PeriodYear, Year: 2019,
			ExpectedUnitIDs: []int64{w.ngoaiVu.ID, centre.ID, w.taiChinh.ID}}
		if err := w.periods.OpenPeriod(as(w.coordinator), year); err != nil {
			t.Fatal(err)
		}
		ry := w.mustStart(t, w.coordinator, year, w.ngoaiVu)
		if v := ry.Find("budget_spent", "", ""); v.Value() != 38_000_000 || slices.Contains(v.SourceIDs, e2.ID) ||
			strings.Contains(v.Source, "trực thuộc") {
			t.Errorf("year, Sở Ngoại vụ with the centre reporting: %+v", v)
		}
		rc := w.mustStart(t, w.coordinator, year, centre)
		if v := rc.Find("budget_spent", "", ""); v.Value() != 1_000_000 || !slices.Equal(v.SourceIDs, []int64{e2.ID}) {
			t.Errorf("year, the centre: %+v", v)
		}
	})
}

// TestSeedIndicatorsGivesNewRules: a catalogue seeded before the budget
// and press rules existed gains them when the catalogue is seeded again,
// and an indicator whose rule differs from what was shipped keeps it.
func TestSeedIndicatorsGivesNewRules(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		if err := sqlstore.SeedIndicators(sqltest.SystemContext(), db); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`UPDATE indicators SET source = '' WHERE code IN ('budget_estimated', 'budget_spent', 'false_info_detected',
				'false_info_response_minutes')`,
			`UPDATE indicators SET source = 'articles' WHERE code = 'articles'`,
			`UPDATE indicators SET source = 'events' WHERE code = 'budget_allocated'`,
		} {
			if err := db.ExecTest(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := sqlstore.SeedIndicators(sqltest.SystemContext(), db); err != nil {
			t.Fatal(err)
		}
		list, err := w.indicators.FindIndicators(as(w.coordinator), ttdn.IndicatorFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"budget_estimated": ttdn.SourceBudgetEstimated, "budget_spent": ttdn.SourceBudgetSpent,
			"false_info_detected": ttdn.SourcePressFlagged, "articles": ttdn.SourceArticlesPress, "budget_allocated": ttdn.SourceEvents,
			"false_info_response_minutes": ttdn.SourceCaseResponseMinutes}
		for _, ind := range list {
			if src, ok := want[ind.Code]; ok && ind.Source != src {
				t.Errorf("%s: rule %q, want %q", ind.Code, ind.Source, src)
			}
		}
	})
}
