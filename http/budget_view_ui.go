package http

import (
	"net/http"

	"ttdn"
	"ttdn/export"
)

// budgetView is an estimate's page: its lines with the appraisal, the
// totals, the history, the files, and the forms of the steps the user may
// take now.
type budgetView struct {
	E                                            *ttdn.BudgetEstimate
	UnitName                                     string
	Plan                                         *ttdn.Plan
	Targets                                      map[int64]string // task ID → "III.1 title"
	Acts                                         map[int64]string
	Total, Appraised, Approved, Allocated, Spent ttdn.Money
	SpentPercent                                 int64
	Events                                       []*ttdn.BudgetEvent
	Revisions                                    []*ttdn.BudgetRevision
	Entries                                      []*ttdn.BudgetEntry
	Files                                        []*ttdn.Attachment
	Can                                          map[ttdn.BudgetStep]bool
	Today                                        string
	Form                                         budgetStepForm
}

// budgetStepForm keeps what a step's form was filled with after an error.
type budgetStepForm struct {
	Note, Body, Number, Date, Amount, EntryDate, Line string
}

// May reports whether the user may take step now.
func (v *budgetView) May(step string) bool { return v.Can[ttdn.BudgetStep(step)] }

// Task names a line's task.
func (v *budgetView) Task(id int64) string { return v.Targets[id] }

// LineItem names the line of an entry.
func (v *budgetView) LineItem(id int64) string {
	if l := v.E.Line(id); l != nil {
		return l.Item
	}
	return "#" + itoa(id)
}

func (s *Server) handleBudgetView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newBudgetView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.writeExport(w, r, "du-toan-"+itoa(v.E.ID), budgetLinesTable(v))
		return
	}
	s.render(w, r, http.StatusOK, "budget_view", "budget.page", v)
}

// newBudgetView loads everything the page shows.
func (s *Server) newBudgetView(r *http.Request) (*budgetView, error) {
	e, err := s.findBudget(r)
	if err != nil {
		return nil, err
	}
	ctx, u := r.Context(), reqOf(r).user
	v := &budgetView{E: e, Targets: map[int64]string{}, Acts: map[int64]string{}, Can: map[ttdn.BudgetStep]bool{},
		Today: ttdn.DateOf(s.now().In(vietnam)).String()}
	names, err := s.unitNames(r)
	if err != nil {
		return nil, err
	}
	v.UnitName = names[e.UnitID]
	if e.PlanID != 0 {
		v.Plan, _ = s.cfg.Plans.FindPlanByID(ctx, e.PlanID)
	}
	s.nameBudgetTargets(r, v)
	v.Total, _ = e.Total()
	v.Appraised, _ = e.AppraisedTotal()
	v.Approved, _ = e.ApprovedTotal()
	v.Allocated, _ = e.AllocatedTotal()
	v.Spent, _ = e.SpentTotal()
	v.SpentPercent = ttdn.PercentOf(v.Spent, v.Approved)
	may := ttdn.Can(u, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceBudget, Classification: ttdn.Internal, UnitIDs: []int64{e.UnitID}})
	for _, step := range []ttdn.BudgetStep{ttdn.StepEdit, ttdn.StepSubmit, ttdn.StepAppraise, ttdn.StepReturn, ttdn.StepForward,
		ttdn.StepApprove, ttdn.StepAllocate, ttdn.StepSpend} {
		v.Can[step] = may && ttdn.CheckBudgetStep(u, e, step) == nil
	}
	if v.Events, err = s.cfg.Budgets.FindBudgetEvents(ctx, e.ID); err != nil {
		return nil, err
	}
	if v.Revisions, err = s.cfg.Budgets.FindBudgetRevisions(ctx, e.ID); err != nil {
		return nil, err
	}
	if v.Entries, err = s.cfg.Budgets.FindBudgetEntries(ctx, e.ID); err != nil {
		return nil, err
	}
	v.Files, err = s.cfg.Budgets.FindBudgetAttachments(ctx, e.ID)
	return v, err
}

// nameBudgetTargets names the tasks and activities the lines pay for; one
// the user may not read keeps its number.
func (s *Server) nameBudgetTargets(r *http.Request, v *budgetView) {
	for _, l := range v.E.Lines {
		if l.TaskID != 0 && v.Targets[l.TaskID] == "" {
			v.Targets[l.TaskID] = "#" + itoa(l.TaskID)
			if t, err := s.cfg.Tasks.FindTaskByID(r.Context(), l.TaskID); err == nil {
				v.Targets[l.TaskID] = t.Ref + " " + t.Title
			}
		}
		if l.ActivityID != 0 && v.Acts[l.ActivityID] == "" && s.cfg.Activities != nil {
			v.Acts[l.ActivityID] = "#" + itoa(l.ActivityID)
			if a, err := s.cfg.Activities.FindActivityByID(r.Context(), l.ActivityID); err == nil {
				v.Acts[l.ActivityID] = a.Title
			}
		}
	}
}

// budgetLinesTable is the estimate with its appraisal, line by line, for
// the XLSX and CSV exports.
func budgetLinesTable(v *budgetView) export.Table {
	t := export.Table{Title: "Dự toán " + itoa(v.E.ID) + " - " + v.UnitName, Columns: []string{"STT", "Nội dung chi", "Nhiệm vụ",
		"Đơn vị tính", "Số lượng", "Đơn giá (đồng)", "Dự toán (đồng)", "Nguồn kinh phí", "Thẩm định (đồng)", "Ý kiến thẩm định",
		"Phê duyệt (đồng)", "Cấp phát (đồng)", "Đã chi (đồng)"}}
	for i, l := range v.E.Lines {
		t.Rows = append(t.Rows, []any{i + 1, l.Item, v.Targets[l.TaskID], l.UnitOfMeasure, l.Quantity, int64(l.UnitPrice),
			int64(l.Amount), l.Source.Label(), moneyCell(l.Appraised), l.AppraisalComment, moneyCell(l.Approved),
			int64(l.Allocated), int64(l.Spent)})
	}
	t.Rows = append(t.Rows, []any{nil, "Tổng cộng", nil, nil, nil, nil, int64(v.Total), nil, int64(v.Appraised), nil,
		int64(v.Approved), int64(v.Allocated), int64(v.Spent)})
	return t
}

// moneyCell is an amount for a table, empty when not set.
func moneyCell(m *ttdn.Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}
