package http

import (
	"net/http"
	"slices"

	"ttdn"
)

// maxUnitTasks bounds each role's list on a unit page.
const maxUnitTasks = 500

func (s *Server) newUnitView(r *http.Request, u *ttdn.Unit) (*unitView, error) {
	ctx := r.Context()
	v := &unitView{Unit: u, Today: ttdn.DateOf(s.now().In(vietnam))}
	if u.ParentID != 0 {
		v.Parent, _ = s.cfg.Units.FindUnitByID(ctx, u.ParentID)
	}
	if u.SuccessorID != 0 {
		v.Successor, _ = s.cfg.Units.FindUnitByID(ctx, u.SuccessorID)
	}
	all, err := s.allUnits(r)
	if err != nil {
		return nil, err
	}
	for _, o := range all {
		if o.SuccessorID == u.ID {
			v.Predecessors = append(v.Predecessors, o)
		}
	}
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

// loadUnitTasks lists the unit's tasks as lead, executing and coordinating
// unit. Storage finds them, including those that name a group the unit
// belongs to, in one query; the page sorts them by role.
func (s *Server) loadUnitTasks(r *http.Request, v *unitView) error {
	tasks, _, err := s.cfg.Tasks.FindTasks(r.Context(), ttdn.TaskFilter{UnitID: &v.Unit.ID, Limit: maxUnitTasks})
	if err != nil {
		return err
	}
	plans := map[int64]*ttdn.Plan{}
	for _, role := range []ttdn.TaskRole{ttdn.RoleLead, ttdn.RoleExecuting, ttdn.RoleCoordinating} {
		rt := roleTasks{Role: role}
		for _, t := range tasks {
			via, ok := v.names(t.Units()[role])
			if !ok {
				continue
			}
			p, err := s.planSummary(r, plans, t.PlanID)
			if err != nil {
				return err
			}
			rt.Tasks = append(rt.Tasks, unitTask{Task: t, Plan: p, Via: via, Overdue: t.Overdue(v.Today)})
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

// planSummary finds a plan's header (without its tasks), once per page.
func (s *Server) planSummary(r *http.Request, cache map[int64]*ttdn.Plan, id int64) (*ttdn.Plan, error) {
	if p, ok := cache[id]; ok {
		return p, nil
	}
	plans, _, err := s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{ID: &id, Limit: 1})
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
