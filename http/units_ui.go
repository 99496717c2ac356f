package http

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ttdn"
)

// unitListView is the directory with its filters as typed.
type unitListView struct {
	Rows  []unitRow
	Query string
	Kind  string
	Group *ttdn.UnitGroup
	Kinds []ttdn.UnitKind
	Pager pager
}

type unitRow struct {
	*ttdn.Unit
	Successor *ttdn.Unit
	Stale     *ttdn.UnitActivity // set when the unit has not reported for long
}

func (s *Server) handleUnitList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	view := unitListView{Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind")}
	for _, k := range ttdn.UnitKinds {
		view.Kinds = append(view.Kinds, k.Kind)
	}
	current, offset := pageNumber(r)
	units, total, err := s.findUnitPage(r, &view, offset)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	stale, err := s.staleUnits(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	succ := map[int64]*ttdn.Unit{}
	for _, u := range units {
		row := unitRow{Unit: u, Stale: stale[u.ID]}
		if u.SuccessorID != 0 {
			if _, ok := succ[u.SuccessorID]; !ok {
				succ[u.SuccessorID], _ = s.cfg.Units.FindUnitByID(r.Context(), u.SuccessorID)
			}
			row.Successor = succ[u.SuccessorID]
		}
		view.Rows = append(view.Rows, row)
	}
	view.Pager = newPager(r, current, total)
	s.render(w, r, http.StatusOK, "units", "units.title", view)
}

// findUnitPage applies the filters. The search is the store's folded one, so
// "so thong tin" finds "Sở Thông tin và Truyền thông". A group filter lists
// the group's members.
func (s *Server) findUnitPage(r *http.Request, view *unitListView, offset int) ([]*ttdn.Unit, int, error) {
	filter := ttdn.UnitFilter{Offset: offset, Limit: pageSize}
	if view.Query != "" {
		filter.Query = &view.Query
	}
	if view.Kind != "" {
		k := ttdn.UnitKind(view.Kind)
		filter.Kind = &k
	}
	gid, _ := strconv.ParseInt(r.URL.Query().Get("group"), 10, 64)
	if gid == 0 {
		return s.cfg.Units.FindUnits(r.Context(), filter)
	}
	groups, err := s.cfg.Units.FindUnitGroups(r.Context())
	if err != nil {
		return nil, 0, err
	}
	for _, g := range groups {
		if g.ID == gid {
			view.Group = g
		}
	}
	if view.Group == nil {
		return nil, 0, errNotFound
	}
	all, err := s.allUnits(r)
	if err != nil {
		return nil, 0, err
	}
	var members []*ttdn.Unit
	for _, u := range all {
		if slices.Contains(view.Group.MemberIDs, u.ID) {
			members = append(members, u)
		}
	}
	end := min(offset+pageSize, len(members))
	if offset > len(members) {
		offset = len(members)
	}
	return members[offset:end], len(members), nil
}

// unitView is a unit's page: its record, its neighbours in the directory
// and its tasks by role.
type unitView struct {
	Unit         *ttdn.Unit
	Parent       *ttdn.Unit
	Successor    *ttdn.Unit
	Predecessors []*ttdn.Unit
	Groups       []*ttdn.UnitGroup
	Roles        []roleTasks
	Plans        []*ttdn.Plan // the plans the selector offers
	Plan         *ttdn.Plan   // the plan whose tasks are listed
	Today        ttdn.Date
	Exec         *unitExecution
	Exports      exportLinks
}

type roleTasks struct {
	Role  ttdn.TaskRole
	Tasks []unitTask
}

// unitTask is a task as seen from a unit: the plan it belongs to and, when
// the unit is named through a group, which group.
type unitTask struct {
	*ttdn.Task
	Plan    *ttdn.Plan
	Via     string
	Overdue bool
}

func (s *Server) handleUnitView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := s.cfg.Units.FindUnitByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	view, err := s.newUnitView(r, u)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.writeExport(w, r, "nhiem-vu-"+u.Code, unitTaskTable(view))
		return
	}
	view.Exports = newExportLinks(r)
	s.render(w, r, http.StatusOK, "unit", "unit.title", view)
}
