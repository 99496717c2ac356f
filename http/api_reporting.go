package http

import (
	"context"
	"net/http"
	"strings"

	"ttdn"
)

// apiReportingRoutes registers periodic reporting (issue 4) in the API:
// periods, unit reports and their review, the consolidated report,
// indicators and completeness — the same services as the pages.
func (s *Server) apiReportingRoutes() {
	if s.cfg.Periods == nil || s.cfg.UnitReports == nil {
		return
	}
	reps := s.cfg.UnitReports
	s.op("GET /api/v1/report-periods", s.apiPeriods)
	s.op("POST /api/v1/report-periods", s.apiPeriodOpen)
	s.op("GET /api/v1/report-periods/{id}", readOp(s.cfg.Periods.FindPeriodByID))
	s.op("PATCH /api/v1/report-periods/{id}", editOp(s.apiPeriodUpdate))
	s.op("POST /api/v1/report-periods/{id}/expected-units", actOp(http.StatusOK, s.apiPeriodExpected))
	s.op("POST /api/v1/report-periods/{id}/unit-reports", s.apiReportStartOp)
	s.op("GET /api/v1/unit-reports", s.apiReports)
	s.op("GET /api/v1/unit-reports/{id}", readOp(reps.FindUnitReportByID))
	s.op("PATCH /api/v1/unit-reports/{id}", editOp(s.apiReportUpdate))
	s.op("POST /api/v1/unit-reports/{id}/refresh", stepOp(reps.RefreshPrefill))
	s.op("POST /api/v1/unit-reports/{id}/transitions", editOp(s.apiReportTransition))
	s.op("GET /api/v1/unit-reports/{id}/events", listOp(reps.FindReportEvents))
	if s.cfg.Completeness != nil {
		s.op("GET /api/v1/report-periods/{id}/stats", readOp(s.cfg.Completeness.FindPeriodStats))
		s.op("GET /api/v1/completeness", s.apiCompleteness)
	}
	if s.cfg.Consolidated != nil {
		s.op("GET /api/v1/report-periods/{id}/consolidated", readOp(s.cfg.Consolidated.FindConsolidatedReport))
		s.op("PATCH /api/v1/report-periods/{id}/consolidated", editOp(s.apiConsolidatedUpdate))
		s.op("POST /api/v1/report-periods/{id}/consolidated/issue", editOp(s.apiConsolidatedIssue))
		s.op("GET /api/v1/report-periods/{id}/consolidated/figures", s.apiConsolidatedFigures)
	}
	if s.cfg.Indicators != nil {
		s.op("GET /api/v1/indicators", s.apiIndicators)
		s.op("POST /api/v1/indicators", createOp("/api/v1/indicators", s.apiIndicatorCreate))
		s.op("POST /api/v1/indicators/{id}/retire", stepOp(s.cfg.Indicators.RetireIndicator))
		s.op("PUT /api/v1/plans/{id}/indicators", actOp(http.StatusOK, s.apiPlanIndicators))
	}
}

func (s *Server) apiPeriods(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	planID, err1 := queryID(r, "plan_id")
	year, err2 := queryInt(r, "year")
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	f := ttdn.PeriodFilter{PlanID: planID, Year: year, Type: queryStr[ttdn.PeriodType](r, "type"),
		Status: queryStr[ttdn.PeriodStatus](r, "status"), Offset: p.offset, Limit: p.limit}
	rows, total, err := s.cfg.Periods.FindPeriods(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

// periodInput opens a period; the window, due date and name default as on
// the page (Nghị định 09/2019, the plan's reporting dates).
type periodInput struct {
	PlanID          int64           `json:"plan_id"`
	Type            ttdn.PeriodType `json:"type"`
	Year            int             `json:"year"`
	Number          int             `json:"number"`
	Name            string          `json:"name"`
	CutOffFrom      ttdn.Date       `json:"cutoff_from"`
	CutOffTo        ttdn.Date       `json:"cutoff_to"`
	DueDate         ttdn.Date       `json:"due_date"`
	ExpectedUnitIDs []int64         `json:"expected_unit_ids"`
}

func (s *Server) apiPeriodOpen(r *http.Request) (*apiResult, error) {
	var in periodInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	} else if err := firstErr(required("plan_id", in.PlanID == 0), required("type", in.Type == ""), required("year", in.Year == 0)); err != nil {
		return nil, err
	}
	plan, err := s.cfg.Plans.FindPlanByID(r.Context(), in.PlanID)
	if err != nil {
		return nil, apiField("plan_id", err)
	}
	rp := ttdn.NewReportPeriod(plan, in.Type, in.Year, in.Number)
	if in.Name != "" {
		rp.Name = in.Name
	}
	for _, d := range []struct{ dst, src *ttdn.Date }{{&rp.CutOffFrom, &in.CutOffFrom}, {&rp.CutOffTo, &in.CutOffTo}, {&rp.DueDate, &in.DueDate}} {
		if !d.src.IsZero() {
			*d.dst = *d.src
		}
	}
	rp.ExpectedUnitIDs = in.ExpectedUnitIDs
	if err := s.cfg.Periods.OpenPeriod(r.Context(), rp); err != nil {
		return nil, err
	}
	if rp, err = s.cfg.Periods.FindPeriodByID(r.Context(), rp.ID); err != nil {
		return nil, err
	}
	return created(rp, rp.Version, "/api/v1/report-periods/"+itoa(rp.ID))
}

type periodPatch struct {
	Name       *string            `json:"name"`
	CutOffFrom *ttdn.Date         `json:"cutoff_from"`
	CutOffTo   *ttdn.Date         `json:"cutoff_to"`
	DueDate    *ttdn.Date         `json:"due_date"`
	Status     *ttdn.PeriodStatus `json:"status"`
}

func (s *Server) apiPeriodUpdate(ctx context.Context, id int64, version int, in *periodPatch) (*ttdn.ReportPeriod, error) {
	return s.cfg.Periods.UpdatePeriod(ctx, id, ttdn.PeriodUpdate{Version: version, Name: in.Name,
		CutOffFrom: in.CutOffFrom, CutOffTo: in.CutOffTo, DueDate: in.DueDate, Status: in.Status})
}

type expectedInput struct {
	Add    []int64 `json:"add"`
	Remove []int64 `json:"remove"`
}

func (s *Server) apiPeriodExpected(ctx context.Context, id int64, in *expectedInput) (*ttdn.ReportPeriod, error) {
	return s.cfg.Periods.SetExpectedReporters(ctx, id, in.Add, in.Remove)
}

type reportStartInput struct {
	UnitID int64 `json:"unit_id"`
}

// apiReportStart returns the unit's report of the period, creating the
// pre-filled draft the first time: asking twice gives the same report.
func (s *Server) apiReportStartOp(r *http.Request) (*apiResult, error) {
	res, err := actOp(http.StatusCreated, s.apiReportStart)(r)
	if err == nil {
		res.location = "/api/v1/unit-reports/" + itoa(res.body.(*ttdn.UnitReport).ID)
	}
	return res, err
}

func (s *Server) apiReportStart(ctx context.Context, id int64, in *reportStartInput) (*ttdn.UnitReport, error) {
	if in.UnitID == 0 {
		in.UnitID = ttdn.UserFromContext(ctx).UnitID
	}
	if err := required("unit_id", in.UnitID == 0); err != nil {
		return nil, err
	}
	return s.cfg.UnitReports.StartUnitReport(ctx, id, in.UnitID)
}

func (s *Server) apiReports(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	periodID, err1 := queryID(r, "period_id")
	unitID, err2 := queryID(r, "unit_id")
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.UnitReports.FindUnitReports(r.Context(), ttdn.UnitReportFilter{PeriodID: periodID, UnitID: unitID,
		Status: queryStr[ttdn.ReportStatus](r, "status"), Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

type reportPatch struct {
	Values    []ttdn.ValueInput `json:"values"`
	Narrative *ttdn.Narrative   `json:"narrative"`
}

func (s *Server) apiReportUpdate(ctx context.Context, id int64, version int, in *reportPatch) (*ttdn.UnitReport, error) {
	for i := range in.Values {
		in.Values[i].Raw = nil // the API sends numbers, not typed text
	}
	return s.cfg.UnitReports.UpdateUnitReport(ctx, id, ttdn.UnitReportUpdate{Version: version, Values: in.Values, Narrative: in.Narrative})
}

type transitionInput struct {
	Action  ttdn.ReportAction `json:"action"`
	Comment string            `json:"comment"`
}

// apiReportTransition submits, returns, accepts or reopens a report.
func (s *Server) apiReportTransition(ctx context.Context, id int64, version int, in *transitionInput) (*ttdn.UnitReport, error) {
	switch in.Action {
	case ttdn.ActSubmit, ttdn.ActReturn, ttdn.ActAccept, ttdn.ActReopen:
	default:
		return nil, apiField("action", ttdn.Errorf(ttdn.EINVALID, "Thao tác %q không hợp lệ (submit, return, accept, reopen).", "Invalid action %q (submit, return, accept, reopen).", in.Action))
	}
	return s.cfg.UnitReports.Transition(ctx, id, in.Action, version, strings.TrimSpace(in.Comment))
}

func (s *Server) apiCompleteness(r *http.Request) (*apiResult, error) {
	planID, err1 := queryID(r, "plan_id")
	unitID, err2 := queryID(r, "unit_id")
	from, err3 := queryInt(r, "from_year")
	to, err4 := queryInt(r, "to_year")
	if err := firstErr(err1, err2, err3, err4); err != nil {
		return nil, err
	}
	m, err := s.cfg.Completeness.FindCompleteness(r.Context(), ttdn.CompletenessFilter{PlanID: planID, UnitID: unitID,
		FromYear: from, ToYear: to, Type: queryStr[ttdn.PeriodType](r, "type")})
	if err != nil {
		return nil, err
	}
	m.Periods, m.Stats, m.Rows = nonNil(m.Periods), nonNil(m.Stats), nonNil(m.Rows)
	return ok(m, 0)
}

// apiConsolidatedFigures is the numbers only, for the Ministry's systems.
func (s *Server) apiConsolidatedFigures(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	c, err := s.cfg.Consolidated.FindConsolidatedReport(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"period": c.Period, "status": c.Status, "totals": nonNil(c.Totals), "completeness": c.Completeness}, 0)
}

type consolidatedPatch struct {
	Issuer      *string         `json:"issuer"`
	IssuingUnit *string         `json:"issuing_unit"`
	Place       *string         `json:"place"`
	Summary     *string         `json:"summary"`
	Narrative   *ttdn.Narrative `json:"narrative"`
	SignerTitle *string         `json:"signer_title"`
	Signer      *string         `json:"signer"`
	Recipients  *[]string       `json:"recipients"`
}

// apiConsolidatedUpdate edits the consolidated report of period id; before
// anything is stored (GET gave no ETag) the client sends If-None-Match: *.
func (s *Server) apiConsolidatedUpdate(ctx context.Context, id int64, version int, in *consolidatedPatch) (*ttdn.ConsolidatedReport, error) {
	return s.cfg.Consolidated.UpdateConsolidatedReport(ctx, id, ttdn.ConsolidatedUpdate{Version: version,
		Issuer: in.Issuer, IssuingUnit: in.IssuingUnit, Place: in.Place, Summary: in.Summary, Narrative: in.Narrative,
		SignerTitle: in.SignerTitle, Signer: in.Signer, Recipients: in.Recipients})
}

type issueInput struct {
	Number   string    `json:"number"`
	IssuedOn ttdn.Date `json:"issued_on"`
}

// apiConsolidatedIssue issues the consolidated report of period id.
func (s *Server) apiConsolidatedIssue(ctx context.Context, id int64, version int, in *issueInput) (*ttdn.ConsolidatedReport, error) {
	return s.cfg.Consolidated.IssueConsolidatedReport(ctx, id, version, in.Number, in.IssuedOn)
}

func (s *Server) apiIndicators(r *http.Request) (*apiResult, error) {
	planID, err := queryID(r, "plan_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.cfg.Indicators.FindIndicators(r.Context(), ttdn.IndicatorFilter{PlanID: planID,
		WithRetired: r.URL.Query().Get("with_retired") == "true"})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"items": nonNil(rows)}, 0)
}

type indicatorInput struct {
	Code       string           `json:"code"`
	Name       string           `json:"name"`
	NameEN     string           `json:"name_en"`
	ValueType  ttdn.ValueType   `json:"value_type"`
	Unit       string           `json:"unit"`
	Breakdowns []ttdn.Breakdown `json:"breakdowns"`
	Source     string           `json:"source"`
}

func (s *Server) apiIndicatorCreate(ctx context.Context, in *indicatorInput) (*ttdn.Indicator, error) {
	i := &ttdn.Indicator{Code: in.Code, Name: in.Name, NameEN: in.NameEN, ValueType: in.ValueType, Unit: in.Unit,
		Breakdowns: in.Breakdowns, Source: in.Source}
	return i, s.cfg.Indicators.CreateIndicator(ctx, i)
}

type planIndicatorsInput struct {
	IndicatorIDs []int64 `json:"indicator_ids"`
}

func (s *Server) apiPlanIndicators(ctx context.Context, id int64, in *planIndicatorsInput) (map[string]any, error) {
	if err := s.cfg.Indicators.SetPlanIndicators(ctx, id, in.IndicatorIDs); err != nil {
		return nil, err
	}
	rows, err := s.cfg.Indicators.FindIndicators(ctx, ttdn.IndicatorFilter{PlanID: &id})
	if err != nil {
		return nil, err
	}
	return map[string]any{"items": nonNil(rows)}, nil
}
