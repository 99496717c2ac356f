package http

import (
	"net/http"
	"slices"
	"strings"

	"ttdn"
	"ttdn/vntext"
)

// unitsPerPeriodPage bounds the unit rows of a period page: a province
// expects ~150 units, shown in a few pages.
const unitsPerPeriodPage = 50

// periodView is a period's page: its facts, completeness, each expected
// unit's report, and the coordinator's forms.
type periodView struct {
	Period    *ttdn.ReportPeriod
	Plan      *ttdn.Plan
	Stats     *ttdn.PeriodStats
	Rows      []expectedRow
	State     string // the row filter: "", "missing", "late", "on_time", "accepted"
	Pager     pager
	Others    []*ttdn.Unit // units that could be added to the expected list
	Edit      periodEditForm
	DueSoon   int // days before the due date that reminders start
	Overdue   bool
	Conflict  bool
	CanManage bool
}

// expectedRow is one expected unit and its report (nil: not started).
type expectedRow struct {
	UnitID   int64
	UnitName string
	Report   *ttdn.UnitReport
	CanStart bool // the acting user may start this unit's report
}

// State is the row's cell state, as the completeness matrix names it.
func (e expectedRow) State() ttdn.CellState {
	switch {
	case e.Report == nil || !e.Report.Status.Sent():
		return ttdn.CellMissing
	case e.Report.Late:
		return ttdn.CellLate
	}
	return ttdn.CellOnTime
}

// periodEditForm changes the name, window, due date and status.
type periodEditForm struct {
	Version                         int
	Name, CutOffFrom, CutOffTo, Due string
	Status                          string
}

func newPeriodEditForm(rp *ttdn.ReportPeriod) periodEditForm {
	return periodEditForm{Version: rp.Version, Name: rp.Name, CutOffFrom: rp.CutOffFrom.String(),
		CutOffTo: rp.CutOffTo.String(), Due: rp.DueDate.String(), Status: string(rp.Status)}
}

func (s *Server) handlePeriodView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newPeriodView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report_period", "period.title", v)
}

func (s *Server) newPeriodView(r *http.Request) (*periodView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	v := &periodView{State: r.URL.Query().Get("state")}
	if v.Period, err = s.cfg.Periods.FindPeriodByID(ctx, id); err != nil {
		return nil, err
	}
	if v.Plan, err = s.cfg.Plans.FindPlanByID(ctx, v.Period.PlanID); err != nil {
		return nil, err
	}
	if s.cfg.Completeness != nil {
		if v.Stats, err = s.cfg.Completeness.FindPeriodStats(ctx, id); err != nil {
			return nil, err
		}
	}
	if err := s.loadExpectedRows(r, v); err != nil {
		return nil, err
	}
	set, err := s.settings(r)
	if err != nil {
		return nil, err
	}
	v.DueSoon, v.Edit = set.DueSoonDays, newPeriodEditForm(v.Period)
	v.Overdue = v.Period.IsLate(s.now())
	v.CanManage = ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: v.Plan.Classification})
	return v, nil
}

// loadExpectedRows lists the expected units the user may read, by name,
// with their reports, filtered by state and paged; coordinators also get
// the units that could be added.
func (s *Server) loadExpectedRows(r *http.Request, v *periodView) error {
	reports, _, err := s.cfg.UnitReports.FindUnitReports(r.Context(), ttdn.UnitReportFilter{PeriodID: &v.Period.ID, Limit: 5000})
	if err != nil {
		return err
	}
	byUnit := map[int64]*ttdn.UnitReport{}
	for _, rep := range reports {
		byUnit[rep.UnitID] = rep
	}
	all, err := s.allUnits(r)
	if err != nil {
		return err
	}
	user := reqOf(r).user
	var rows []expectedRow
	for _, u := range all {
		if !slices.Contains(v.Period.ExpectedUnitIDs, u.ID) {
			if u.ActiveOn(v.Period.DueDate) {
				v.Others = append(v.Others, u)
			}
			continue
		}
		row := expectedRow{UnitID: u.ID, UnitName: u.Name, Report: byUnit[u.ID]}
		if !ttdn.CanReport(user, ttdn.ActRead, u.ID) || (v.State != "" && !rowMatches(row, v.State)) {
			continue
		}
		row.CanStart = row.Report == nil && ttdn.CanReport(user, ttdn.ActEdit, u.ID) && v.Period.Status == ttdn.PeriodOpen
		rows = append(rows, row)
	}
	byName := func(a, b expectedRow) int { return strings.Compare(vntext.Fold(a.UnitName), vntext.Fold(b.UnitName)) }
	slices.SortFunc(rows, byName)
	slices.SortFunc(v.Others, func(a, b *ttdn.Unit) int { return strings.Compare(vntext.Fold(a.Name), vntext.Fold(b.Name)) })
	current, _ := pageNumber(r)
	v.Pager = newPagerSize(r, current, len(rows), unitsPerPeriodPage)
	start := min((current-1)*unitsPerPeriodPage, len(rows))
	v.Rows = rows[start:min(start+unitsPerPeriodPage, len(rows))]
	return nil
}

func rowMatches(row expectedRow, state string) bool {
	if state == "accepted" {
		return row.Report != nil && row.Report.Status == ttdn.ReportAccepted
	}
	return string(row.State()) == state
}
