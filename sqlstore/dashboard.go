package sqlstore

import (
	"context"
	"sort"
	"strings"

	"ttdn"
)

// DashboardService answers the dashboard's questions with the access policy
// applied: a task or activity the user may not read is not counted.
type DashboardService struct{ db *DB }

// NewDashboardService returns the dashboard service on db.
func NewDashboardService(db *DB) *DashboardService { return &DashboardService{db: db} }

var _ ttdn.DashboardService = (*DashboardService)(nil)

// readablePlanTasks returns the plan, if the user may read it, and its tasks
// the user may read, in plan order. It reads only what the dashboard uses —
// ref, title, deadline, status, percent, parent and the ids of the units
// and groups named — in two queries: the full task (body, recurrence, unit
// names through joins) made up most of the dashboard's storage time.
func readablePlanTasks(ctx context.Context, tx *Tx, planID int64) (*ttdn.Plan, []*ttdn.Task, error) {
	p, err := findPlanHeader(ctx, tx, planID)
	if err != nil {
		return nil, nil, err
	}
	// Read access to a plan only grows with the units it involves, so when
	// its level alone lets the user read it (always, for a leader) the
	// units need not be collected.
	res := ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification}
	if canRead(ctx, res, errPlanNotFound()) != nil {
		if res.UnitIDs, err = findPlanUnitIDs(ctx, tx, planID); err != nil {
			return nil, nil, err
		}
		if err := canRead(ctx, res, errPlanNotFound()); err != nil {
			return nil, nil, err
		}
	}
	where, args := taskWhere(ctx, ttdn.TaskFilter{PlanID: &planID})
	rows, err := tx.QueryContext(ctx, `SELECT t.id, t.ref, t.title, t.deadline, t.status, t.percent, t.parent_id, t.kind
		FROM tasks t WHERE `+where+` ORDER BY t.position, t.id`, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var tasks []*ttdn.Task
	byID := map[int64]*ttdn.Task{}
	for rows.Next() {
		t := &ttdn.Task{PlanID: planID}
		var status, kind string
		if err := rows.Scan(&t.ID, &t.Ref, &t.Title, dateScan{&t.Deadline}, &status, &t.Percent, idScan{&t.ParentID}, &kind); err != nil {
			return nil, nil, err
		}
		t.Status, t.Kind = ttdn.TaskStatus(status), ttdn.TaskKind(kind)
		tasks, byID[t.ID] = append(tasks, t), t
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return p, tasks, loadTaskUnitIDs(ctx, tx, planID, byID)
}

// loadTaskUnitIDs fills the unit refs (ids and the group flag only) of the
// plan's tasks in byID. It reads the links of every task of the plan, which
// needs no list of ids; links of tasks the user may not read are skipped.
func loadTaskUnitIDs(ctx context.Context, tx *Tx, planID int64, byID map[int64]*ttdn.Task) error {
	if len(byID) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT x.task_id, x.role, x.unit_id, x.group_id FROM task_units x
		JOIN tasks t ON t.id = x.task_id WHERE t.plan_id = ?`, planID) // no ORDER BY: only the set of units is used
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var taskID, unitID, groupID int64
		var role string
		if err := rows.Scan(&taskID, &role, idScan{&unitID}, idScan{&groupID}); err != nil {
			return err
		}
		if t := byID[taskID]; t != nil {
			r := ttdn.UnitRef{ID: unitID}
			if groupID != 0 {
				r = ttdn.UnitRef{ID: groupID, Group: true}
			}
			addTaskRef(t, ttdn.TaskRole(role), r)
		}
	}
	return rows.Err()
}

// PlanOverview returns the plan's progress and its summarised timeline from
// one read of its tasks: the dashboard asked PlanProgress and TaskTimeline
// separately, and each loaded the same ~350 tasks of a large plan.
func (s *DashboardService) PlanOverview(ctx context.Context, planID int64, day ttdn.Date) (*ttdn.PlanOverview, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, tasks, err := readablePlanTasks(ctx, tx, planID)
	if err != nil {
		return nil, err
	}
	pp, err := planProgress(ctx, tx, planID, day, tasks)
	if err != nil {
		return nil, err
	}
	return &ttdn.PlanOverview{Progress: pp, Timeline: summariseTimeline(tasks, timeline(p, tasks, day), day)}, nil
}

// PlanProgress returns the plan's progress as of day, by item and by unit.
func (s *DashboardService) PlanProgress(ctx context.Context, planID int64, day ttdn.Date) (*ttdn.PlanProgress, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	_, tasks, err := readablePlanTasks(ctx, tx, planID)
	if err != nil {
		return nil, err
	}
	return planProgress(ctx, tx, planID, day, tasks)
}

// planProgress counts tasks (readable, in plan order) by item and by unit.
func planProgress(ctx context.Context, tx *Tx, planID int64, day ttdn.Date, tasks []*ttdn.Task) (*ttdn.PlanProgress, error) {
	members, err := groupMembers(ctx, tx)
	if err != nil {
		return nil, err
	}
	pp := &ttdn.PlanProgress{PlanID: planID, Day: day, Total: ttdn.ProgressRow{Key: "total", Label: "Toàn kế hoạch"},
		Tasks: ttdn.ProgressRow{Key: "tasks", Label: "Nhiệm vụ"}, Duties: ttdn.ProgressRow{Key: "duties", Label: "Trách nhiệm của đơn vị (mục V)"}}
	sections := map[string]*ttdn.ProgressRow{}
	units := map[int64]*ttdn.ProgressRow{}
	titles := map[string]string{}
	var sectionOrder []string
	for _, t := range tasks {
		titles[t.Ref] = t.Title
		pp.Total.Add(t, day)
		if t.Kind == ttdn.TaskKindDuty {
			pp.Duties.Add(t, day)
		} else {
			pp.Tasks.Add(t, day)
		}
		key := itemKey(t.Ref)
		if sections[key] == nil {
			sections[key] = &ttdn.ProgressRow{Key: key}
			sectionOrder = append(sectionOrder, key)
		}
		sections[key].Add(t, day)
		for _, id := range taskUnitSet(t, members) {
			if units[id] == nil {
				units[id] = &ttdn.ProgressRow{UnitID: id}
			}
			units[id].Add(t, day)
		}
	}
	for _, key := range sectionOrder {
		r := sections[key]
		r.Label = key
		if title := titles[key]; title != "" {
			r.Label = key + ". " + title
		}
		pp.BySection = append(pp.BySection, *r)
	}
	pp.ByUnit, err = unitRows(ctx, tx, units)
	return pp, err
}

// itemKey is the numbered item of a task ref: the first two dotted parts.
func itemKey(ref string) string {
	parts := strings.SplitN(ref, ".", 3)
	if len(parts) > 2 {
		return parts[0] + "." + parts[1]
	}
	return ref
}

// taskUnitSet returns the distinct units a task names, groups expanded.
func taskUnitSet(t *ttdn.Task, members map[int64][]int64) []int64 {
	seen := map[int64]bool{}
	var ids []int64
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, refs := range [][]ttdn.UnitRef{t.Lead, t.Executing, t.Coordinating} {
		for _, r := range refs {
			if r.Group {
				for _, id := range members[r.ID] {
					add(id)
				}
			} else if r.ID != 0 {
				add(r.ID)
			}
		}
	}
	return ids
}

// groupMembers maps every group to its member units.
func groupMembers(ctx context.Context, tx *Tx) (map[int64][]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT group_id, unit_id FROM unit_group_members ORDER BY group_id, unit_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[int64][]int64{}
	for rows.Next() {
		var g, u int64
		if err := rows.Scan(&g, &u); err != nil {
			return nil, err
		}
		m[g] = append(m[g], u)
	}
	return m, rows.Err()
}

// unitRows labels the per-unit rows with unit codes and short names, most
// tasks first.
func unitRows(ctx context.Context, tx *Tx, rows map[int64]*ttdn.ProgressRow) ([]ttdn.ProgressRow, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	// Only the labels: the full unit rows of ~150 units cost more than the rest.
	q, err := tx.QueryContext(ctx, `SELECT id, code, short_name, name FROM units WHERE id IN (`+placeholders(len(ids))+`)`,
		int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer q.Close()
	out := make([]ttdn.ProgressRow, 0, len(ids))
	for q.Next() {
		var id int64
		var code, short, name string
		if err := q.Scan(&id, &code, &short, &name); err != nil {
			return nil, err
		}
		r := rows[id]
		r.Key, r.Label = code, short
		if r.Label == "" {
			r.Label = name
		}
		out = append(out, *r)
	}
	if err := q.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// TaskTimeline returns a bar per readable task of the plan, in plan order.
func (s *DashboardService) TaskTimeline(ctx context.Context, planID int64, day ttdn.Date) ([]ttdn.TimelineItem, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, tasks, err := readablePlanTasks(ctx, tx, planID)
	if err != nil {
		return nil, err
	}
	return timeline(p, tasks, day), nil
}

// timeline returns a bar per task of plan p, in the order of tasks.
func timeline(p *ttdn.Plan, tasks []*ttdn.Task, day ttdn.Date) []ttdn.TimelineItem {
	year := p.Year
	if year == 0 {
		year = day.Year
	}
	start := p.IssuedOn
	if start.IsZero() || start.Year != year {
		start = ttdn.Date{Year: year, Month: 1, Day: 1}
	}
	items := make([]ttdn.TimelineItem, 0, len(tasks))
	for _, t := range tasks {
		it := ttdn.TimelineItem{TaskID: t.ID, Ref: t.Ref, Title: t.Title, Start: start, End: t.Deadline, Dated: !t.Deadline.IsZero(),
			Status: t.Status, Percent: t.Percent, Overdue: t.Overdue(day)}
		if !it.Dated {
			it.End = ttdn.Date{Year: year, Month: 12, Day: 31}
		}
		if it.End.Before(it.Start) {
			it.Start = it.End
		}
		items = append(items, it)
	}
	return items
}
