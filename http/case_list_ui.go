package http

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"ttdn"
	"ttdn/chart"
	"ttdn/export"
)

// caseListView is the list of cases with its filters, the figures of the
// filtered dates and the export links.
type caseListView struct {
	Filter     caseListFilter
	Rows       []*ttdn.Case
	Pager      pager
	Exports    exportLinks
	Figures    *ttdn.CaseFigures
	StageChart template.HTML
	Units      []*ttdn.Unit
	Names      map[int64]string
	Stages     []ttdn.CaseStage
	Verdicts   []ttdn.Verdict
	Severities []ttdn.Severity
	Topics     []ttdn.CaseTopic
	now        time.Time
}

// Unit names a unit for the template.
func (v *caseListView) Unit(id int64) string { return v.Names[id] }

// Overdue is the stage a listed case is late for ("" when none).
func (v *caseListView) Overdue(c *ttdn.Case) ttdn.CaseStage { return c.OverdueStage(v.now) }

// NextDue is the deadline of the stage a listed case waits for.
func (v *caseListView) NextDue(c *ttdn.Case) time.Time {
	if s := c.NextStage(); s != "" {
		return c.StageDue(s)
	}
	return time.Time{}
}

// caseListFilter is the filter form as typed.
type caseListFilter struct {
	Stage, Verdict, Severity, Topic, Unit, Open, Overdue, Query, From, To string
}

func caseListFilterFrom(q url.Values) caseListFilter {
	v := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	return caseListFilter{Stage: v("stage"), Verdict: v("verdict"), Severity: v("severity"), Topic: v("topic"), Unit: v("unit"),
		Open: v("open"), Overdue: v("overdue"), Query: v("q"), From: v("from"), To: v("to")}
}

// filter turns the form into a CaseFilter; dates are Vietnam days, the
// "to" day included.
func (f caseListFilter) filter(now time.Time) (ttdn.CaseFilter, error) {
	out := ttdn.CaseFilter{Query: f.Query, OpenOnly: f.Open == "1", Overdue: f.Overdue == "1", Now: now}
	if f.Stage != "" {
		st := ttdn.CaseStage(f.Stage)
		out.Stage = &st
	}
	if f.Verdict != "" {
		v := ttdn.Verdict(f.Verdict)
		out.Verdict = &v
	}
	if f.Severity != "" {
		s := ttdn.Severity(f.Severity)
		out.Severity = &s
	}
	if f.Topic != "" {
		t := ttdn.CaseTopic(f.Topic)
		out.Topic = &t
	}
	if id, err := strconv.ParseInt(f.Unit, 10, 64); err == nil {
		out.UnitID = &id
	}
	var err error
	out.From, out.To, err = dayRange(f.From, f.To)
	return out, err
}

func (s *Server) handleCaseList(w http.ResponseWriter, r *http.Request) {
	v := &caseListView{Filter: caseListFilterFrom(r.URL.Query()), Exports: newExportLinks(r), Stages: ttdn.CaseStages,
		Verdicts: ttdn.Verdicts, Severities: ttdn.Severities, Topics: ttdn.CaseTopics, now: s.now()}
	var err error
	if v.Units, err = s.allUnits(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Names = unitNameMap(v.Units)
	f, err := v.Filter.filter(v.now)
	if err != nil {
		s.renderWithError(w, r, err, "case_list", "case.list_title", v)
		return
	}
	if exportFormat(r) != "" {
		s.exportCases(w, r, v, f)
		return
	}
	current, offset := pageNumber(r)
	f.Offset, f.Limit = offset, pageSize
	var total int
	if v.Rows, total, err = s.cfg.Cases.FindCases(r.Context(), f); err == nil {
		v.Figures, err = s.cfg.Cases.FindCaseFigures(r.Context(), f.From, f.To, v.now)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Pager = newPager(r, current, total)
	p := &page{Lang: reqOf(r).lang}
	bars := make([]chart.Bar, len(v.Figures.ByStage))
	for i, c := range v.Figures.ByStage {
		bars[i] = chart.Bar{Label: p.CountLabel("case_stage", c), Value: float64(c.Count)}
	}
	v.StageChart = template.HTML(chart.BarChart{Title: p.T("case.by_stage"), Desc: p.T("case.by_stage"), Bars: bars}.SVG())
	s.render(w, r, http.StatusOK, "case_list", "case.list_title", v)
}

// exportCases writes every case the filter selects.
func (s *Server) exportCases(w http.ResponseWriter, r *http.Request, v *caseListView, f ttdn.CaseFilter) {
	f.Limit = maxExportRows
	rows, _, err := s.cfg.Cases.FindCases(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := &page{Lang: reqOf(r).lang}
	t := export.Table{Title: p.T("case.list_title"), Columns: []string{p.T("case.number"), p.T("case.title"), p.T("case.claim"),
		p.T("case.verdict"), p.T("case.severity"), p.T("case.topics"), p.T("case.stage"), p.T("case.detecting_unit"),
		p.T("case.lead_unit"), p.T("case.detected_at"), p.T("case.published_at"), p.T("case.response_minutes"),
		p.T("case.overdue"), p.T("case.source"), p.T("plan.classification")}}
	for _, c := range rows {
		var topics []string
		for _, tp := range c.Topics {
			topics = append(topics, p.CaseTopic(tp))
		}
		var minutes any
		if m, ok := c.ResponseMinutes(); ok {
			minutes = m
		}
		overdue := ""
		if st := c.OverdueStage(v.now); st != "" {
			overdue = p.CaseStage(st)
		}
		var published any
		if !c.PublishedAt.IsZero() {
			published = c.PublishedAt
		}
		t.Rows = append(t.Rows, []any{c.ID, c.Title, c.Claim, p.Verdict(c.Verdict), p.Severity(c.Severity), strings.Join(topics, ", "),
			p.CaseStage(c.Stage), v.Names[c.UnitID], v.Names[c.LeadUnitID], c.DetectedAt, published, minutes, overdue,
			strings.TrimSpace(c.Source.Outlet + " " + c.Source.URL), p.Classification(c.Classification)})
	}
	s.writeExport(w, r, "vu-viec-phan-bac", t)
}
