package http

import (
	"net/http"

	"ttdn"
)

func (s *Server) apiPlans(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	filter := ttdn.PlanFilter{Offset: p.offset, Limit: p.limit}
	if filter.Year, err = parseYear(q.Get("year")); err != nil {
		return nil, apiField("year", err)
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
		return nil, err
	}
	return listOf(p, plans, total)
}

func (s *Server) apiPlan(r *http.Request) (*apiResult, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	plan, err := s.cfg.Plans.FindPlanByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(plan, plan.Version)
}

func (s *Server) apiUnits(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	filter := ttdn.UnitFilter{Offset: p.offset, Limit: p.limit}
	if v := r.URL.Query().Get("q"); v != "" {
		filter.Query = &v
	}
	if v := r.URL.Query().Get("kind"); v != "" {
		k := ttdn.UnitKind(v)
		filter.Kind = &k
	}
	units, total, err := s.cfg.Units.FindUnits(r.Context(), filter)
	if err != nil {
		return nil, err
	}
	return listOf(p, units, total)
}

func (s *Server) apiTasks(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	filter := ttdn.TaskFilter{Offset: p.offset, Limit: p.limit}
	unitID, err1 := queryID(r, "unit")
	planID, err2 := queryID(r, "plan")
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	filter.UnitID, filter.PlanID = unitID, planID
	if v := r.URL.Query().Get("role"); v != "" {
		role := ttdn.TaskRole(v)
		if role != ttdn.RoleLead && role != ttdn.RoleExecuting && role != ttdn.RoleCoordinating {
			return nil, apiField("role", ttdn.Errorf(ttdn.EINVALID, "Vai trò %q không hợp lệ (lead, executing, coordinating).", "Invalid role %q (lead, executing, coordinating).", v))
		}
		filter.Role = &role
	}
	if v := r.URL.Query().Get("kind"); v != "" {
		k := ttdn.TaskKind(v)
		filter.Kind = &k
	}
	tasks, total, err := s.cfg.Tasks.FindTasks(r.Context(), filter)
	if err != nil {
		return nil, err
	}
	return listOf(p, tasks, total)
}

func (s *Server) apiTask(r *http.Request) (*apiResult, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	t, err := s.cfg.Tasks.FindTaskByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return ok(t, t.Version)
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
