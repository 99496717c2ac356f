package http

import (
	"net/http"
	"slices"
	"strconv"

	"ttdn"
)

// maxUnitTasks bounds the tasks of one plan on a unit page; maxUnitPlans the
// plans offered in its plan selector.
const (
	maxUnitTasks = 500
	maxUnitPlans = 50
)

func (s *Server) newUnitView(r *http.Request, u *ttdn.Unit) (*unitView, error) {
	ctx := r.Context()
	v := &unitView{Unit: u, Today: ttdn.DateOf(s.now().In(vietnam))}
	if u.ParentID != 0 {
		v.Parent, _ = s.cfg.Units.FindUnitByID(ctx, u.ParentID)
	}
	if u.SuccessorID != 0 {
		v.Successor, _ = s.cfg.Units.FindUnitByID(ctx, u.SuccessorID)
	}
	// Predecessors by an indexed query: the unit page is read often, and
	// reading the whole directory to find them was most of its cost.
	preds, _, err := s.cfg.Units.FindUnits(ctx, ttdn.UnitFilter{SuccessorID: &u.ID, Limit: 100})
	if err != nil {
		return nil, err
	}
	v.Predecessors = preds
	groups, err := s.cfg.Units.FindUnitGroups(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		if slices.Contains(g.MemberIDs, u.ID) {
			v.Groups = append(v.Groups, g)
		}
	}
	if err := s.loadUnitExecution(r, v); err != nil {
		return nil, err
	}
	return v, s.loadUnitTasks(r, v)
}

// loadUnitTasks lists the unit's tasks in one plan (the one chosen with
// ?plan=, else the latest) as lead, executing and coordinating unit. Storage
// finds them, including those that name a group the unit belongs to, in one
// query; the page sorts them by role. One plan at a time keeps the page short
// and fast when a province has years of plans.
func (s *Server) loadUnitTasks(r *http.Request, v *unitView) error {
	plans, _, err := s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{Limit: maxUnitPlans, Choices: true, NoTaskCount: true})
	if err != nil {
		return err
	}
	v.Plans = plans
	if len(plans) == 0 {
		return nil
	}
	v.Plan = plans[0]
	if id, err := strconv.ParseInt(r.URL.Query().Get("plan"), 10, 64); err == nil {
		if i := slices.IndexFunc(plans, func(p *ttdn.Plan) bool { return p.ID == id }); i >= 0 {
			v.Plan = plans[i]
		}
	}
	tasks, _, err := s.cfg.Tasks.FindTasks(r.Context(), ttdn.TaskFilter{UnitID: &v.Unit.ID, PlanID: &v.Plan.ID, Limit: maxUnitTasks, NoTotal: true})
	if err != nil {
		return err
	}
	for _, role := range []ttdn.TaskRole{ttdn.RoleLead, ttdn.RoleExecuting, ttdn.RoleCoordinating} {
		rt := roleTasks{Role: role}
		for _, t := range tasks {
			if via, ok := v.names(t.Units()[role]); ok {
				rt.Tasks = append(rt.Tasks, unitTask{Task: t, Plan: v.Plan, Via: via, Overdue: t.Overdue(v.Today)})
			}
		}
		v.Roles = append(v.Roles, rt)
	}
	return nil
}

// names reports whether refs name the unit, and through which group when
// not by itself.
func (v *unitView) names(refs []ttdn.UnitRef) (via string, ok bool) {
	for _, ref := range refs {
		if !ref.Group && ref.ID == v.Unit.ID {
			return "", true
		}
	}
	for _, ref := range refs {
		for _, g := range v.Groups {
			if ref.Group && ref.ID == g.ID {
				return g.Name, true
			}
		}
	}
	return "", false
}

// planSummary finds a plan's header (without its tasks), once per page. No
// page it serves shows the plan's task count, so none is counted (the task
// view's plan had its ~350 readable tasks counted on every view).
func (s *Server) planSummary(r *http.Request, cache map[int64]*ttdn.Plan, id int64) (*ttdn.Plan, error) {
	if p, ok := cache[id]; ok {
		return p, nil
	}
	plans, _, err := s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{ID: &id, Limit: 1, NoTaskCount: true})
	if err != nil {
		return nil, err
	}
	var p *ttdn.Plan
	if len(plans) > 0 {
		p = plans[0]
	} else {
		p = &ttdn.Plan{ID: id}
	}
	cache[id] = p
	return p, nil
}
