package http

import (
	"net/http"

	"ttdn"
)

func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request) {
	offset, limit, err := apiPaging(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	q := r.URL.Query()
	filter := ttdn.PlanFilter{Offset: offset, Limit: limit}
	if filter.Year, err = parseYear(q.Get("year")); err != nil {
		s.apiError(w, r, err)
		return
	}
	if v := q.Get("status"); v != "" {
		st := ttdn.PlanStatus(v)
		filter.Status = &st
	}
	if v := q.Get("q"); v != "" {
		filter.Query = &v
	}
	plans, total, err := s.cfg.Plans.FindPlans(r.Context(), filter)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, listResponse[*ttdn.Plan]{Items: nonNil(plans), Total: total})
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	plan, err := s.cfg.Plans.FindPlanByID(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, plan)
}

func (s *Server) apiUnits(w http.ResponseWriter, r *http.Request) {
	offset, limit, err := apiPaging(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	filter := ttdn.UnitFilter{Offset: offset, Limit: limit}
	if v := r.URL.Query().Get("q"); v != "" {
		filter.Query = &v
	}
	if v := r.URL.Query().Get("kind"); v != "" {
		k := ttdn.UnitKind(v)
		filter.Kind = &k
	}
	units, total, err := s.cfg.Units.FindUnits(r.Context(), filter)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, listResponse[*ttdn.Unit]{Items: nonNil(units), Total: total})
}

func (s *Server) apiTasks(w http.ResponseWriter, r *http.Request) {
	offset, limit, err := apiPaging(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	filter := ttdn.TaskFilter{Offset: offset, Limit: limit}
	unitID, err1 := queryID(r, "unit")
	planID, err2 := queryID(r, "plan")
	if err := firstErr(err1, err2); err != nil {
		s.apiError(w, r, err)
		return
	}
	filter.UnitID, filter.PlanID = unitID, planID
	if v := r.URL.Query().Get("role"); v != "" {
		role := ttdn.TaskRole(v)
		if role != ttdn.RoleLead && role != ttdn.RoleExecuting && role != ttdn.RoleCoordinating {
			s.apiError(w, r, ttdn.Errorf(ttdn.EINVALID, "Vai trò %q không hợp lệ (lead, executing, coordinating).", "Invalid role %q (lead, executing, coordinating).", v))
			return
		}
		filter.Role = &role
	}
	tasks, total, err := s.cfg.Tasks.FindTasks(r.Context(), filter)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, listResponse[*ttdn.Task]{Items: nonNil(tasks), Total: total})
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
