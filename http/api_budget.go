package http

import (
	"context"
	"net/http"

	"ttdn"
)

// apiBudgetRoutes registers budget estimates (issue 5) in the API: the
// unit drafts and submits, the finance agency appraises, returns, forwards
// and records the approval and the money — the same services and workflow
// checks as the pages.
func (s *Server) apiBudgetRoutes() {
	if s.cfg.Budgets == nil {
		return
	}
	b := s.cfg.Budgets
	s.op("GET /api/v1/budgets", s.apiBudgets)
	s.op("POST /api/v1/budgets", createOp("/api/v1/budgets/{id}", s.apiBudgetCreate))
	s.op("GET /api/v1/budgets/summary", s.apiBudgetSummary)
	s.op("GET /api/v1/budget-settings", s.apiBudgetSettings)
	s.op("PUT /api/v1/budget-settings", s.apiBudgetSettingsUpdate)
	s.op("GET /api/v1/budgets/{id}", readOp(b.FindBudgetEstimateByID))
	s.op("PATCH /api/v1/budgets/{id}", editOp(s.apiBudgetUpdate))
	s.op("POST /api/v1/budgets/{id}/steps", editOp(s.apiBudgetStep))
	s.op("POST /api/v1/budgets/{id}/appraisal", editOp(s.apiBudgetAppraise))
	s.op("GET /api/v1/budgets/{id}/entries", listOp(b.FindBudgetEntries))
	s.op("POST /api/v1/budgets/{id}/entries", s.apiBudgetEntryCreate)
	s.op("GET /api/v1/budgets/{id}/revisions", listOp(b.FindBudgetRevisions))
	s.op("GET /api/v1/budgets/{id}/events", listOp(b.FindBudgetEvents))
	s.op("GET /api/v1/budgets/{id}/files", listOp(withoutData(b.FindBudgetAttachments)))
	s.op("POST /api/v1/budgets/{id}/files", s.filesOp(found(b.FindBudgetEstimateByID), b.AddBudgetAttachment))
}

func (s *Server) apiBudgets(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	unitID, err1 := queryID(r, "unit_id")
	year, err2 := queryInt(r, "year")
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.Budgets.FindBudgetEstimates(r.Context(), ttdn.BudgetFilter{UnitID: unitID, Year: year,
		Status: queryStr[ttdn.BudgetStatus](r, "status"), Query: queryStr[string](r, "q"), Sort: ttdn.BudgetByYear, Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

// budgetLineInput is one line as a client writes it: the amount is always
// quantity × unit price, computed by the server.
type budgetLineInput struct {
	ID            int64              `json:"id"`
	TaskID        int64              `json:"task_id"`
	ActivityID    int64              `json:"activity_id"`
	Item          string             `json:"item"`
	Quantity      int64              `json:"quantity"`
	UnitOfMeasure string             `json:"unit_of_measure"`
	UnitPrice     ttdn.Money         `json:"unit_price"`
	Source        ttdn.FundingSource `json:"source"`
}

func budgetLines(in []budgetLineInput) []*ttdn.BudgetLine {
	lines := make([]*ttdn.BudgetLine, len(in))
	for i, l := range in {
		lines[i] = &ttdn.BudgetLine{ID: l.ID, TaskID: l.TaskID, ActivityID: l.ActivityID, Item: l.Item, Quantity: l.Quantity,
			UnitOfMeasure: l.UnitOfMeasure, UnitPrice: l.UnitPrice, Source: l.Source}
	}
	return lines
}

type budgetInput struct {
	UnitID        int64             `json:"unit_id"`
	Year          int               `json:"year"`
	PlanID        int64             `json:"plan_id"`
	Title         string            `json:"title"`
	Justification string            `json:"justification"`
	Lines         []budgetLineInput `json:"lines"`
}

func (s *Server) apiBudgetCreate(ctx context.Context, in *budgetInput) (*ttdn.BudgetEstimate, error) {
	if in.UnitID == 0 {
		in.UnitID = ttdn.UserFromContext(ctx).UnitID
	}
	e := &ttdn.BudgetEstimate{UnitID: in.UnitID, Year: in.Year, PlanID: in.PlanID, Title: in.Title,
		Justification: in.Justification, Lines: budgetLines(in.Lines)}
	if err := s.cfg.Budgets.CreateBudgetEstimate(ctx, e); err != nil {
		return nil, err
	}
	return s.cfg.Budgets.FindBudgetEstimateByID(ctx, e.ID)
}

type budgetPatch struct {
	Title         *string            `json:"title"`
	Justification *string            `json:"justification"`
	PlanID        *int64             `json:"plan_id"`
	Lines         *[]budgetLineInput `json:"lines"`
}

func (s *Server) apiBudgetUpdate(ctx context.Context, id int64, version int, in *budgetPatch) (*ttdn.BudgetEstimate, error) {
	upd := ttdn.BudgetUpdate{Version: version, Title: in.Title, Justification: in.Justification, PlanID: in.PlanID}
	if in.Lines != nil {
		lines := budgetLines(*in.Lines)
		upd.Lines = &lines
	}
	return s.cfg.Budgets.UpdateBudgetEstimate(ctx, id, upd)
}

type budgetStepInput struct {
	Step     ttdn.BudgetStep     `json:"step"`
	Note     string              `json:"note"`
	Approval ttdn.BudgetApproval `json:"approval"`
}

// apiBudgetStep submits, returns, forwards or approves an estimate.
func (s *Server) apiBudgetStep(ctx context.Context, id int64, version int, in *budgetStepInput) (*ttdn.BudgetEstimate, error) {
	switch in.Step {
	case ttdn.StepSubmit, ttdn.StepReturn, ttdn.StepForward, ttdn.StepApprove:
	default:
		return nil, apiField("step", ttdn.Errorf(ttdn.EINVALID, "Bước %q không hợp lệ (submit, return, forward, approve).", "Invalid step %q (submit, return, forward, approve).", in.Step))
	}
	return s.cfg.Budgets.AdvanceBudgetEstimate(ctx, id, ttdn.BudgetAdvance{Version: version, Step: in.Step, Note: in.Note, Approval: in.Approval})
}

type appraisalInput struct {
	Lines []struct {
		LineID  int64      `json:"line_id"`
		Amount  ttdn.Money `json:"amount"`
		Comment string     `json:"comment"`
	} `json:"lines"`
}

func (s *Server) apiBudgetAppraise(ctx context.Context, id int64, version int, in *appraisalInput) (*ttdn.BudgetEstimate, error) {
	a := ttdn.BudgetAppraisal{Version: version}
	for _, l := range in.Lines {
		a.Lines = append(a.Lines, ttdn.LineAppraisal{LineID: l.LineID, Amount: l.Amount, Comment: l.Comment})
	}
	return s.cfg.Budgets.AppraiseBudgetEstimate(ctx, id, a)
}

type entryInput struct {
	LineID int64                `json:"line_id"`
	Kind   ttdn.BudgetEntryKind `json:"kind"`
	Amount ttdn.Money           `json:"amount"`
	Date   ttdn.Date            `json:"date"`
	Note   string               `json:"note"`
}

func (s *Server) apiBudgetEntryCreate(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	var in entryInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	en := &ttdn.BudgetEntry{EstimateID: id, LineID: in.LineID, Kind: in.Kind, Amount: in.Amount, Date: in.Date, Note: in.Note}
	if err := s.cfg.Budgets.RecordBudgetEntry(r.Context(), en); err != nil {
		return nil, err
	}
	return created(en, 0, "/api/v1/budgets/"+itoa(id)+"/entries")
}

func (s *Server) apiBudgetSummary(r *http.Request) (*apiResult, error) {
	year, err1 := queryInt(r, "year")
	unitID, err2 := queryID(r, "unit_id")
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	by := ttdn.BudgetByUnitGroup
	if v := queryStr[ttdn.BudgetGroupBy](r, "by"); v != nil {
		by = *v
	}
	rows, err := s.cfg.Budgets.FindBudgetSummary(r.Context(), ttdn.BudgetSummaryFilter{By: by, Year: year, UnitID: unitID})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"items": nonNil(rows)}, 0)
}

func (s *Server) apiBudgetSettings(r *http.Request) (*apiResult, error) {
	st, err := s.cfg.Budgets.FindBudgetSettings(r.Context())
	if err != nil {
		return nil, err
	}
	return ok(st, 0)
}

func (s *Server) apiBudgetSettingsUpdate(r *http.Request) (*apiResult, error) {
	var in ttdn.BudgetSettings
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	st, err := s.cfg.Budgets.UpdateBudgetSettings(r.Context(), in)
	if err != nil {
		return nil, err
	}
	return ok(st, 0)
}
