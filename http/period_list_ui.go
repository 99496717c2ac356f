package http

import (
	"net/http"
	"strconv"

	"ttdn"
)

// periodListView is the list of report periods, with each period's
// completeness and, for a unit officer, the unit's own report.
type periodListView struct {
	Rows   []periodRow
	Plans  []*ttdn.Plan
	PlanID int64
	Year   string
	Status string
	Pager  pager
}

type periodRow struct {
	*ttdn.ReportPeriod
	PlanTitle string
	Stats     *ttdn.PeriodStats
	Own       *ttdn.UnitReport // the officer's unit's report, if any
}

func (s *Server) handlePeriodList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := periodListView{Year: q.Get("year"), Status: q.Get("status")}
	current, offset := pageNumber(r)
	f := ttdn.PeriodFilter{Offset: offset, Limit: pageSize}
	if id, err := strconv.ParseInt(q.Get("plan"), 10, 64); err == nil {
		v.PlanID, f.PlanID = id, &id
	}
	var err error
	if f.Year, err = parseYear(v.Year); err != nil {
		s.renderError(w, r, err)
		return
	}
	if v.Status != "" {
		st := ttdn.PeriodStatus(v.Status)
		f.Status = &st
	}
	periods, total, err := s.cfg.Periods.FindPeriods(r.Context(), f)
	if err == nil {
		v.Plans, _, err = s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{Limit: 200, Choices: true, NoTaskCount: true})
	}
	if err == nil {
		v.Rows, err = s.periodRows(r, periods, v.Plans)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Pager = newPager(r, current, total)
	s.render(w, r, http.StatusOK, "report_periods", "period.list_title", v)
}

// periodRows adds to each period its plan's title, its completeness and
// the acting officer's own report.
func (s *Server) periodRows(r *http.Request, periods []*ttdn.ReportPeriod, plans []*ttdn.Plan) ([]periodRow, error) {
	titles := map[int64]string{}
	for _, p := range plans {
		titles[p.ID] = p.Title
	}
	own, err := s.ownReports(r)
	if err != nil {
		return nil, err
	}
	rows := make([]periodRow, 0, len(periods))
	for _, rp := range periods {
		row := periodRow{ReportPeriod: rp, PlanTitle: titles[rp.PlanID], Own: own[rp.ID]}
		if s.cfg.Completeness != nil {
			if row.Stats, err = s.cfg.Completeness.FindPeriodStats(r.Context(), rp.ID); err != nil {
				return nil, err
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// ownReports maps period → the report of the acting unit officer's unit.
func (s *Server) ownReports(r *http.Request) (map[int64]*ttdn.UnitReport, error) {
	u := reqOf(r).user
	out := map[int64]*ttdn.UnitReport{}
	if u == nil || u.Role != ttdn.RoleUnitOfficer || u.UnitID == 0 {
		return out, nil
	}
	list, _, err := s.cfg.UnitReports.FindUnitReports(r.Context(), ttdn.UnitReportFilter{UnitID: &u.UnitID, Limit: 200})
	for _, rep := range list {
		out[rep.PeriodID] = rep
	}
	return out, err
}
