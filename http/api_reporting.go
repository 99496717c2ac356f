package http

import (
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
	s.op("GET /api/v1/report-periods", s.apiPeriods)
	s.op("POST /api/v1/report-periods", s.apiPeriodOpen)
	s.op("GET /api/v1/report-periods/{id}", s.apiPeriod)
	s.op("PATCH /api/v1/report-periods/{id}", s.apiPeriodUpdate)
	s.op("POST /api/v1/report-periods/{id}/expected-units", s.apiPeriodExpected)
	s.op("POST /api/v1/report-periods/{id}/unit-reports", s.apiReportStart)
	s.op("GET /api/v1/unit-reports", s.apiReports)
	s.op("GET /api/v1/unit-reports/{id}", s.apiReport)
	s.op("PATCH /api/v1/unit-reports/{id}", s.apiReportUpdate)
	s.op("POST /api/v1/unit-reports/{id}/refresh", s.apiReportRefresh)
	s.op("POST /api/v1/unit-reports/{id}/transitions", s.apiReportTransition)
	s.op("GET /api/v1/unit-reports/{id}/events", s.apiReportEvents)
	if s.cfg.Completeness != nil {
		s.op("GET /api/v1/report-periods/{id}/stats", s.apiPeriodStats)
		s.op("GET /api/v1/completeness", s.apiCompleteness)
	}
	if s.cfg.Consolidated != nil {
		s.op("GET /api/v1/report-periods/{id}/consolidated", s.apiConsolidated)
		s.op("PATCH /api/v1/report-periods/{id}/consolidated", s.apiConsolidatedUpdate)
		s.op("POST /api/v1/report-periods/{id}/consolidated/issue", s.apiConsolidatedIssue)
		s.op("GET /api/v1/report-periods/{id}/consolidated/figures", s.apiConsolidatedFigures)
	}
	if s.cfg.Indicators != nil {
		s.op("GET /api/v1/indicators", s.apiIndicators)
		s.op("POST /api/v1/indicators", s.apiIndicatorCreate)
		s.op("POST /api/v1/indicators/{id}/retire", s.apiIndicatorRetire)
		s.op("PUT /api/v1/plans/{id}/indicators", s.apiPlanIndicators)
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

func (s *Server) apiPeriod(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	rp, err := s.cfg.Periods.FindPeriodByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(rp, rp.Version)
}

type periodPatch struct {
	Name       *string            `json:"name"`
	CutOffFrom *ttdn.Date         `json:"cutoff_from"`
	CutOffTo   *ttdn.Date         `json:"cutoff_to"`
	DueDate    *ttdn.Date         `json:"due_date"`
	Status     *ttdn.PeriodStatus `json:"status"`
}

func (s *Server) apiPeriodUpdate(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return nil, err
	}
	var in periodPatch
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	rp, err := s.cfg.Periods.UpdatePeriod(r.Context(), id, ttdn.PeriodUpdate{Version: version, Name: in.Name,
		CutOffFrom: in.CutOffFrom, CutOffTo: in.CutOffTo, DueDate: in.DueDate, Status: in.Status})
	if err != nil {
		return nil, stale(err)
	}
	return ok(rp, rp.Version)
}

type expectedInput struct {
	Add    []int64 `json:"add"`
	Remove []int64 `json:"remove"`
}

func (s *Server) apiPeriodExpected(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	var in expectedInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	rp, err := s.cfg.Periods.SetExpectedReporters(r.Context(), id, in.Add, in.Remove)
	if err != nil {
		return nil, err
	}
	return ok(rp, rp.Version)
}

type reportStartInput struct {
	UnitID int64 `json:"unit_id"`
}

// apiReportStart returns the unit's report of the period, creating the
// pre-filled draft the first time: asking twice gives the same report.
func (s *Server) apiReportStart(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	var in reportStartInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	if in.UnitID == 0 {
		in.UnitID = ttdn.UserFromContext(r.Context()).UnitID
	}
	if err := required("unit_id", in.UnitID == 0); err != nil {
		return nil, err
	}
	rep, err := s.cfg.UnitReports.StartUnitReport(r.Context(), id, in.UnitID)
	if err != nil {
		return nil, err
	}
	return created(rep, rep.Version, "/api/v1/unit-reports/"+itoa(rep.ID))
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

func (s *Server) apiReport(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	rep, err := s.cfg.UnitReports.FindUnitReportByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(rep, rep.Version)
}

type reportPatch struct {
	Values    []ttdn.ValueInput `json:"values"`
	Narrative *ttdn.Narrative   `json:"narrative"`
}

func (s *Server) apiReportUpdate(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return nil, err
	}
	var in reportPatch
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	for i := range in.Values {
		in.Values[i].Raw = nil // the API sends numbers, not typed text
	}
	rep, err := s.cfg.UnitReports.UpdateUnitReport(r.Context(), id, ttdn.UnitReportUpdate{Version: version, Values: in.Values, Narrative: in.Narrative})
	if err != nil {
		return nil, stale(err)
	}
	return ok(rep, rep.Version)
}

func (s *Server) apiReportRefresh(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return nil, err
	}
	rep, err := s.cfg.UnitReports.RefreshPrefill(r.Context(), id, version)
	if err != nil {
		return nil, stale(err)
	}
	return ok(rep, rep.Version)
}

type transitionInput struct {
	Action  ttdn.ReportAction `json:"action"`
	Comment string            `json:"comment"`
}

// apiReportTransition submits, returns, accepts or reopens a report.
func (s *Server) apiReportTransition(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return nil, err
	}
	var in transitionInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	switch in.Action {
	case ttdn.ActSubmit, ttdn.ActReturn, ttdn.ActAccept, ttdn.ActReopen:
	default:
		return nil, apiField("action", ttdn.Errorf(ttdn.EINVALID, "Thao tác %q không hợp lệ (submit, return, accept, reopen).", "Invalid action %q (submit, return, accept, reopen).", in.Action))
	}
	rep, err := s.cfg.UnitReports.Transition(r.Context(), id, in.Action, version, strings.TrimSpace(in.Comment))
	if err != nil {
		return nil, stale(err)
	}
	return ok(rep, rep.Version)
}

func (s *Server) apiReportEvents(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	ev, err := s.cfg.UnitReports.FindReportEvents(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"items": nonNil(ev)}, 0)
}

func (s *Server) apiPeriodStats(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	st, err := s.cfg.Completeness.FindPeriodStats(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(st, 0)
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

func (s *Server) apiConsolidated(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	c, err := s.cfg.Consolidated.FindConsolidatedReport(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(c, c.Version)
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

func (s *Server) apiConsolidatedUpdate(r *http.Request) (*apiResult, error) {
	c, version, err := s.consolidatedFor(r)
	if err != nil {
		return nil, err
	}
	var in consolidatedPatch
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	c, err = s.cfg.Consolidated.UpdateConsolidatedReport(r.Context(), c.ID, ttdn.ConsolidatedUpdate{Version: version,
		Issuer: in.Issuer, IssuingUnit: in.IssuingUnit, Place: in.Place, Summary: in.Summary, Narrative: in.Narrative,
		SignerTitle: in.SignerTitle, Signer: in.Signer, Recipients: in.Recipients})
	if err != nil {
		return nil, stale(err)
	}
	return ok(c, c.Version)
}

type issueInput struct {
	Number   string    `json:"number"`
	IssuedOn ttdn.Date `json:"issued_on"`
}

func (s *Server) apiConsolidatedIssue(r *http.Request) (*apiResult, error) {
	c, version, err := s.consolidatedFor(r)
	if err != nil {
		return nil, err
	}
	var in issueInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	c, err = s.cfg.Consolidated.IssueConsolidatedReport(r.Context(), c.ID, version, in.Number, in.IssuedOn)
	if err != nil {
		return nil, stale(err)
	}
	return ok(c, c.Version)
}

// consolidatedFor finds the period's consolidated report and the version
// the client read.
func (s *Server) consolidatedFor(r *http.Request) (*ttdn.ConsolidatedReport, int, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, 0, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return nil, 0, err
	}
	c, err := s.cfg.Consolidated.FindConsolidatedReport(r.Context(), id)
	return c, version, err
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

func (s *Server) apiIndicatorCreate(r *http.Request) (*apiResult, error) {
	var in indicatorInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	i := &ttdn.Indicator{Code: in.Code, Name: in.Name, NameEN: in.NameEN, ValueType: in.ValueType, Unit: in.Unit,
		Breakdowns: in.Breakdowns, Source: in.Source}
	if err := s.cfg.Indicators.CreateIndicator(r.Context(), i); err != nil {
		return nil, err
	}
	return created(i, i.Version, "/api/v1/indicators?code="+i.Code)
}

func (s *Server) apiIndicatorRetire(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return nil, err
	}
	i, err := s.cfg.Indicators.RetireIndicator(r.Context(), id, version)
	if err != nil {
		return nil, stale(err)
	}
	return ok(i, i.Version)
}

type planIndicatorsInput struct {
	IndicatorIDs []int64 `json:"indicator_ids"`
}

func (s *Server) apiPlanIndicators(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	var in planIndicatorsInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	if err := s.cfg.Indicators.SetPlanIndicators(r.Context(), id, in.IndicatorIDs); err != nil {
		return nil, err
	}
	rows, err := s.cfg.Indicators.FindIndicators(r.Context(), ttdn.IndicatorFilter{PlanID: &id})
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"items": nonNil(rows)}, 0)
}
