package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// budgetWorld is world plus a finance appraiser, a stored plan and the
// budget service.
type budgetWorld struct {
	*world
	budgets *sqlstore.BudgetService
	finance *ttdn.User
	plan    *ttdn.Plan
}

func newBudgetWorld(t testing.TB, db *sqlstore.DB) *budgetWorld {
	t.Helper()
	w := &budgetWorld{world: newWorld(t, db), budgets: sqlstore.NewBudgetService(db)}
	tc := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-tc", Name: "Sở Tài chính"})
	w.finance = sqltest.MustCreateUser(t, db, &ttdn.User{Username: "tham-dinh", Name: "Thẩm định", Role: ttdn.RoleFinance, UnitID: tc.ID}, "")
	p := w.plan2019()
	p.Responsibilities = nil
	w.plan = sqltest.MustCreatePlan(t, db, p)
	return w
}

// draft returns an estimate of unit A for year with one line on task III.1
// and one without a task.
func (w *budgetWorld) draft(year int) *ttdn.BudgetEstimate {
	return &ttdn.BudgetEstimate{UnitID: w.unitA.ID, Year: year, PlanID: w.plan.ID, Title: "Dự toán TTĐN năm " + itoaTest(year),
		Justification: "Thực hiện Kế hoạch 79/KH-UBND.",
		Lines: []*ttdn.BudgetLine{
			{TaskID: w.plan.Tasks[0].ID, Item: "Họp báo quý", Quantity: 4, UnitOfMeasure: "cuộc", UnitPrice: 15_000_000, Source: ttdn.FundProvincial},
			{Item: "In tờ rơi", Quantity: 2000, UnitOfMeasure: "tờ", UnitPrice: 3_500, Source: ttdn.FundSocial},
		}}
}

func itoaTest(n int) string { return ttdn.Money(n).Digits() }

func mustCode(t *testing.T, err error, code string) {
	t.Helper()
	if ttdn.ErrorCode(err) != code {
		t.Fatalf("error %v, want code %s", err, code)
	}
}

// mustApprove drives e through the whole workflow as the system (which
// takes any role's step) with every line appraised at its amount.
func (w *budgetWorld) mustApprove(t *testing.T, e *ttdn.BudgetEstimate) *ttdn.BudgetEstimate {
	t.Helper()
	ctx := sqltest.SystemContext()
	if err := w.budgets.CreateBudgetEstimate(ctx, e); err != nil {
		t.Fatal(err)
	}
	e, err := w.budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepSubmit})
	if err != nil {
		t.Fatal(err)
	}
	a := ttdn.BudgetAppraisal{Version: e.Version}
	for _, l := range e.Lines {
		a.Lines = append(a.Lines, ttdn.LineAppraisal{LineID: l.ID, Amount: l.Amount})
	}
	if e, err = w.budgets.AppraiseBudgetEstimate(ctx, e.ID, a); err != nil {
		t.Fatal(err)
	}
	if e, err = w.budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepForward}); err != nil {
		t.Fatal(err)
	}
	e, err = w.budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepApprove,
		Approval: ttdn.BudgetApproval{Body: "UBND tỉnh", Number: "1/QĐ-UBND", Date: date(e.Year, 1, 20)}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func warningCodes(ws []ttdn.BudgetWarning) string {
	var codes []string
	for _, w := range ws {
		codes = append(codes, w.Code)
	}
	return strings.Join(codes, ",")
}

// TestBudgetWorkflow runs the full cycle: draft with warnings, submit,
// appraise with a changed amount, return, revise, submit, appraise,
// forward, approve, record allocation and spending.
func TestBudgetWorkflow(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newBudgetWorld(t, db)
		prev := w.draft(2018)
		prev.Lines = prev.Lines[:1] // 60.000.000 đ approved for 2018
		w.mustApprove(t, prev)

		officer, finance := as(w.officerA), as(w.finance)
		e := w.draft(2019) // 67.000.000 đ: under +30 % of 60 million
		if err := w.budgets.CreateBudgetEstimate(officer, e); err != nil {
			t.Fatal(err)
		}
		if got := warningCodes(e.Warnings); got != ttdn.WarnLineWithoutTask {
			t.Fatalf("draft warnings %q", got)
		}
		lines := append([]*ttdn.BudgetLine(nil), e.Lines...)
		lines[0] = &ttdn.BudgetLine{ID: lines[0].ID, TaskID: lines[0].TaskID, Item: "Họp báo quý", Quantity: 6, UnitOfMeasure: "cuộc",
			UnitPrice: 15_000_000, Source: ttdn.FundProvincial} // 90 + 7 = 97 million: +61 %
		e, err := w.budgets.UpdateBudgetEstimate(officer, e.ID, ttdn.BudgetUpdate{Version: e.Version, Lines: &lines})
		if err != nil {
			t.Fatal(err)
		}
		if got := warningCodes(e.Warnings); got != "line_without_task,above_previous_year" || !strings.Contains(e.Warnings[1].Message, "61%") {
			t.Fatalf("warnings after the raise: %q %+v", got, e.Warnings)
		}
		e = advance(t, w, officer, e, ttdn.StepSubmit, "")
		a := ttdn.BudgetAppraisal{Version: e.Version, Lines: []ttdn.LineAppraisal{
			{LineID: e.Lines[0].ID, Amount: 60_000_000, Comment: "Chỉ 4 cuộc họp báo"}, {LineID: e.Lines[1].ID, Amount: 7_000_000}}}
		if e, err = w.budgets.AppraiseBudgetEstimate(finance, e.ID, a); err != nil {
			t.Fatal(err)
		}
		e = advance(t, w, finance, e, ttdn.StepReturn, "Giảm số cuộc họp báo xuống 4.")
		if e.Status != ttdn.BudgetReturned || e.Note == "" {
			t.Fatalf("returned: %s %q", e.Status, e.Note)
		}
		lines = e.Lines
		lines[0].Quantity = 4
		if e, err = w.budgets.UpdateBudgetEstimate(officer, e.ID, ttdn.BudgetUpdate{Version: e.Version, Lines: &lines}); err != nil {
			t.Fatal(err)
		}
		if e.Lines[0].Appraised != nil || e.Lines[1].Appraised == nil {
			t.Fatal("a changed line must lose its appraisal, an unchanged one keep it")
		}
		e = advance(t, w, officer, e, ttdn.StepSubmit, "")
		a = ttdn.BudgetAppraisal{Version: e.Version, Lines: []ttdn.LineAppraisal{{LineID: e.Lines[0].ID, Amount: 55_000_000}}}
		if e, err = w.budgets.AppraiseBudgetEstimate(finance, e.ID, a); err != nil {
			t.Fatal(err)
		}
		e = advance(t, w, finance, e, ttdn.StepForward, "")
		e, err = w.budgets.AdvanceBudgetEstimate(finance, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepApprove,
			Approval: ttdn.BudgetApproval{Body: "UBND tỉnh Tây Ninh", Number: "123/QĐ-UBND", Date: date(2019, 3, 1)}})
		if err != nil {
			t.Fatal(err)
		}
		if total, _ := e.ApprovedTotal(); e.Status != ttdn.BudgetApproved || total != 62_000_000 {
			t.Fatalf("approved %s total %s", e.Status, total)
		}
		mustEntry(t, w, finance, e, 0, ttdn.EntryAllocation, 55_000_000)
		mustEntry(t, w, officer, e, 0, ttdn.EntrySpending, 20_000_000)
		got, err := w.budgets.FindBudgetEstimateByID(officer, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Lines[0].Spent != 20_000_000 || got.Lines[0].Allocated != 55_000_000 {
			t.Fatalf("line 1 spent %s allocated %s", got.Lines[0].Spent, got.Lines[0].Allocated)
		}
		events, err := w.budgets.FindBudgetEvents(officer, e.ID)
		if err != nil || len(events) != 12 {
			t.Fatalf("%d events, %v", len(events), err)
		}
	})
}

func advance(t *testing.T, w *budgetWorld, ctx context.Context, e *ttdn.BudgetEstimate, step ttdn.BudgetStep, note string) *ttdn.BudgetEstimate {
	t.Helper()
	e, err := w.budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: step, Note: note})
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return e
}

func mustEntry(t *testing.T, w *budgetWorld, ctx context.Context, e *ttdn.BudgetEstimate, line int, kind ttdn.BudgetEntryKind, m ttdn.Money) {
	t.Helper()
	en := &ttdn.BudgetEntry{EstimateID: e.ID, LineID: e.Lines[line].ID, Kind: kind, Amount: m, Date: date(2019, 4, 1)}
	if err := w.budgets.RecordBudgetEntry(ctx, en); err != nil {
		t.Fatalf("%s %s: %v", kind, m, err)
	}
}

// TestBudgetRefusals checks that bad input and acts out of turn are refused
// with a clear message and change nothing.
func TestBudgetRefusals(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newBudgetWorld(t, db)
		officer, finance, other := as(w.officerA), as(w.finance), as(w.officerB)
		e := w.draft(2019)
		if err := w.budgets.CreateBudgetEstimate(officer, e); err != nil {
			t.Fatal(err)
		}
		unchanged := func(step string) {
			t.Helper()
			got, err := w.budgets.FindBudgetEstimateByID(sqltest.SystemContext(), e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Version != e.Version || got.Revision != e.Revision || got.Status != e.Status || len(got.Lines) != len(e.Lines) ||
				got.Lines[0].Amount != e.Lines[0].Amount || got.Lines[0].Appraised != nil {
				t.Errorf("%s changed the estimate: %+v", step, got)
			}
		}
		bad := func(l ttdn.BudgetLine) *[]*ttdn.BudgetLine { return &[]*ttdn.BudgetLine{&l} }
		for _, tc := range []struct {
			name  string
			lines *[]*ttdn.BudgetLine
			msg   string
		}{
			{"negative price", bad(ttdn.BudgetLine{Item: "x", Quantity: 1, UnitPrice: -1, Source: ttdn.FundOther}), "không được âm"},
			{"overflow", bad(ttdn.BudgetLine{Item: "x", Quantity: 1_000_000, UnitPrice: 9_000_000_000_000_000, Source: ttdn.FundOther}), "vượt quá giới hạn"},
			{"zero quantity", bad(ttdn.BudgetLine{Item: "x", UnitPrice: 1, Source: ttdn.FundOther}), "số lượng"},
			{"unknown task", bad(ttdn.BudgetLine{Item: "x", TaskID: 999999, Quantity: 1, UnitPrice: 1, Source: ttdn.FundOther}), "không tồn tại"},
		} {
			_, err := w.budgets.UpdateBudgetEstimate(officer, e.ID, ttdn.BudgetUpdate{Version: e.Version, Lines: tc.lines})
			mustCode(t, err, ttdn.EINVALID)
			if !strings.Contains(ttdn.ErrorMessage(err, "vi"), tc.msg) {
				t.Errorf("%s: message %q lacks %q", tc.name, ttdn.ErrorMessage(err, "vi"), tc.msg)
			}
			unchanged(tc.name)
		}
		// A sum of lines that would overflow.
		huge := ttdn.BudgetLine{Item: "x", Quantity: 1, UnitPrice: ttdn.MaxMoney, Source: ttdn.FundOther}
		huge2 := huge
		_, err := w.budgets.UpdateBudgetEstimate(officer, e.ID, ttdn.BudgetUpdate{Version: e.Version, Lines: &[]*ttdn.BudgetLine{&huge, &huge2}})
		mustCode(t, err, ttdn.EINVALID)
		unchanged("overflowing sum")

		// Acting out of turn.
		a := ttdn.BudgetAppraisal{Version: e.Version, Lines: []ttdn.LineAppraisal{{LineID: e.Lines[0].ID, Amount: 1}}}
		_, err = w.budgets.AppraiseBudgetEstimate(officer, e.ID, a)
		mustCode(t, err, ttdn.EFORBIDDEN)
		unchanged("officer appraising")
		title := "Sửa bởi tài chính"
		_, err = w.budgets.UpdateBudgetEstimate(finance, e.ID, ttdn.BudgetUpdate{Version: e.Version, Title: &title})
		mustCode(t, err, ttdn.EFORBIDDEN)
		unchanged("finance editing")
		_, err = w.budgets.AdvanceBudgetEstimate(finance, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepApprove,
			Approval: ttdn.BudgetApproval{Body: "UBND", Number: "1", Date: date(2019, 1, 1)}})
		mustCode(t, err, ttdn.EINVALID)
		if !strings.Contains(ttdn.ErrorMessage(err, "vi"), "Dự thảo") {
			t.Errorf("approving a draft: %v", err)
		}
		unchanged("approving a draft")
		_, err = w.budgets.UpdateBudgetEstimate(other, e.ID, ttdn.BudgetUpdate{Version: e.Version, Title: &title})
		mustCode(t, err, ttdn.ENOTFOUND)
		_, err = w.budgets.UpdateBudgetEstimate(as(w.coordinator), e.ID, ttdn.BudgetUpdate{Version: e.Version, Title: &title})
		mustCode(t, err, ttdn.EFORBIDDEN)
		_, err = w.budgets.UpdateBudgetEstimate(officer, e.ID, ttdn.BudgetUpdate{Version: e.Version - 1, Title: &title})
		mustCode(t, err, ttdn.ECONFLICT)
		unchanged("stale and foreign edits")
		_, err = w.budgets.AdvanceBudgetEstimate(finance, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepSubmit})
		mustCode(t, err, ttdn.EFORBIDDEN)
		unchanged("finance submitting")
		err = w.budgets.RecordBudgetEntry(officer, &ttdn.BudgetEntry{EstimateID: e.ID, LineID: e.Lines[0].ID, Kind: ttdn.EntrySpending, Amount: 1, Date: date(2019, 1, 1)})
		mustCode(t, err, ttdn.EINVALID)
	})
}

// TestBudgetSpendingLimit refuses spending above the approved amount and
// records nothing.
func TestBudgetSpendingLimit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newBudgetWorld(t, db)
		e := w.draft(2019)
		e.UnitID = w.unitA.ID
		e = w.mustApprove(t, e)
		officer := as(w.officerA)
		mustEntry(t, w, officer, e, 1, ttdn.EntrySpending, 6_000_000)
		err := w.budgets.RecordBudgetEntry(officer, &ttdn.BudgetEntry{EstimateID: e.ID, LineID: e.Lines[1].ID, Kind: ttdn.EntrySpending,
			Amount: 1_000_001, Date: date(2019, 5, 1)})
		mustCode(t, err, ttdn.EINVALID)
		if !strings.Contains(ttdn.ErrorMessage(err, "vi"), "vượt số được phê duyệt 7.000.000 đ") {
			t.Errorf("message: %s", ttdn.ErrorMessage(err, "vi"))
		}
		entries, _ := w.budgets.FindBudgetEntries(officer, e.ID)
		if len(entries) != 1 {
			t.Fatalf("%d entries after a refused one", len(entries))
		}
		err = w.budgets.RecordBudgetEntry(as(w.finance), &ttdn.BudgetEntry{EstimateID: e.ID, LineID: e.Lines[1].ID, Kind: ttdn.EntrySpending,
			Amount: 1, Date: date(2019, 5, 1)})
		mustCode(t, err, ttdn.EFORBIDDEN)
	})
}

// TestBudgetRevisionsDiff shows what changed between two revisions.
func TestBudgetRevisionsDiff(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newBudgetWorld(t, db)
		officer := as(w.officerA)
		e := w.draft(2019)
		if err := w.budgets.CreateBudgetEstimate(officer, e); err != nil {
			t.Fatal(err)
		}
		lines := []*ttdn.BudgetLine{
			{ID: e.Lines[0].ID, TaskID: e.Lines[0].TaskID, Item: "Họp báo quý", Quantity: 5, UnitOfMeasure: "cuộc", UnitPrice: 15_000_000, Source: ttdn.FundProvincial},
			{Item: "Sản xuất phóng sự", Quantity: 1, UnitOfMeasure: "phim", UnitPrice: 40_000_000, Source: ttdn.FundCentral},
		}
		just := "Bổ sung phóng sự."
		e, err := w.budgets.UpdateBudgetEstimate(officer, e.ID, ttdn.BudgetUpdate{Version: e.Version, Lines: &lines, Justification: &just})
		if err != nil {
			t.Fatal(err)
		}
		revs, err := w.budgets.FindBudgetRevisions(officer, e.ID)
		if err != nil || len(revs) != 2 {
			t.Fatalf("%d revisions, %v", len(revs), err)
		}
		d := ttdn.DiffBudgetRevisions(revs[0], revs[1])
		kinds := map[string]ttdn.BudgetLineChange{}
		for _, c := range d.Lines {
			kinds[c.Kind] = c
		}
		changed := kinds[ttdn.LineChanged]
		if len(d.Lines) != 3 || kinds[ttdn.LineAdded].Item != "Sản xuất phóng sự" || kinds[ttdn.LineRemoved].Item != "In tờ rơi" {
			t.Fatalf("diff lines %+v", d.Lines)
		}
		want := []ttdn.FieldChange{{Field: "quantity", Old: "4", New: "5"}, {Field: "amount", Old: "60.000.000 đ", New: "75.000.000 đ"}}
		if len(changed.Fields) != 2 || changed.Fields[0] != want[0] || changed.Fields[1] != want[1] {
			t.Errorf("changed fields %+v", changed.Fields)
		}
		if len(d.Fields) != 1 || d.Fields[0].Field != "justification" {
			t.Errorf("estimate fields %+v", d.Fields)
		}
	})
}

// TestBudgetTotalsAndScope checks indicator 12's figures, the summary and
// who sees which estimates.
func TestBudgetTotalsAndScope(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newBudgetWorld(t, db)
		db.Now = func() time.Time { return time.Date(2019, 2, 1, 3, 0, 0, 0, time.UTC) }
		e := w.mustApprove(t, w.draft(2019))
		mustEntry(t, w, as(w.officerA), e, 0, ttdn.EntrySpending, 10_000_000)
		mustEntry(t, w, sqltest.SystemContext(), e, 0, ttdn.EntryAllocation, 30_000_000)
		draftB := w.draft(2019)
		draftB.UnitID = w.unitB.ID
		if err := w.budgets.CreateBudgetEstimate(as(w.officerB), draftB); err != nil {
			t.Fatal(err)
		}
		tot, err := w.budgets.BudgetTotals(as(w.coordinator), w.unitA.ID, date(2019, 1, 1), date(2019, 6, 30))
		if err != nil {
			t.Fatal(err)
		}
		want := ttdn.BudgetTotals{Estimated: 67_000_000, Appraised: 67_000_000, Approved: 67_000_000, Allocated: 30_000_000, Spent: 10_000_000}
		if tot != want {
			t.Errorf("totals %+v, want %+v", tot, want)
		}
		tot, _ = w.budgets.BudgetTotals(as(w.coordinator), 0, date(2019, 7, 1), date(2019, 12, 31))
		if tot != (ttdn.BudgetTotals{}) {
			t.Errorf("second half totals %+v", tot)
		}
		rows, err := w.budgets.FindBudgetSummary(as(w.finance), ttdn.BudgetSummaryFilter{By: ttdn.BudgetBySourceGroup})
		if err != nil || len(rows) != 2 || rows[0].Key != "provincial" || rows[0].Spent != 10_000_000 || rows[1].Estimated != 7_000_000 {
			t.Fatalf("by source %+v %v", rows, err)
		}
		for who, want := range map[*ttdn.User]int{w.officerA: 1, w.officerB: 1, w.finance: 2, w.coordinator: 2, w.leader: 2, w.admin: 0} {
			_, n, err := w.budgets.FindBudgetEstimates(as(who), ttdn.BudgetFilter{})
			if err != nil || n != want {
				t.Errorf("%s sees %d estimates (%v), want %d", who.Username, n, err, want)
			}
		}
		if _, err := w.budgets.FindBudgetEstimateByID(as(w.officerB), e.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Errorf("another unit's estimate: %v", err)
		}
	})
}
