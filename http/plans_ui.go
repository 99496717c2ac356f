package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// planListView is the plan list with its filters as typed.
type planListView struct {
	Rows     []planRow
	Year     string
	Status   string
	Query    string
	Statuses []ttdn.PlanStatus
	Pager    pager
}

type planRow struct {
	*ttdn.Plan
	TaskCount int
}

func (s *Server) handlePlanList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	view := planListView{Year: q.Get("year"), Status: q.Get("status"), Query: strings.TrimSpace(q.Get("q")),
		Statuses: []ttdn.PlanStatus{ttdn.PlanDraft, ttdn.PlanIssued, ttdn.PlanClosed}}
	current, offset := pageNumber(r)
	filter := ttdn.PlanFilter{Offset: offset, Limit: pageSize, Choices: true}
	var err error
	if filter.Year, err = parseYear(view.Year); err != nil {
		s.renderError(w, r, err)
		return
	}
	if view.Status != "" {
		st := ttdn.PlanStatus(view.Status)
		filter.Status = &st
	}
	if view.Query != "" {
		filter.Query = &view.Query
	}
	plans, total, err := s.cfg.Plans.FindPlans(r.Context(), filter)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, p := range plans {
		view.Rows = append(view.Rows, planRow{p, p.TaskCount})
	}
	view.Pager = newPager(r, current, total)
	s.render(w, r, http.StatusOK, "plans", "plans.title", view)
}

// pathID reads the {id} of the route; a malformed one is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

func (s *Server) handlePlanView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	plan, err := s.cfg.Plans.FindPlanByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view := newPlanView(plan, reqOf(r).user, reqOf(r).lang, ttdn.DateOf(s.now().In(vietnam)), r.URL.Query().Get("view"))
	if err := s.loadPlanLife(r, &view); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan", "plan.title", view)
}
