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
// the user may read, in plan order.
func readablePlanTasks(ctx context.Context, tx *Tx, planID int64) (*ttdn.Plan, []*ttdn.Task, error) {
	p, err := findPlanHeader(ctx, tx, planID)
	if err != nil {
		return nil, nil, err
	}
	unitIDs, err := findPlanUnitIDs(ctx, tx, planID)
	if err != nil {
		return nil, nil, err
	}
	res := ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification, UnitIDs: unitIDs}
	if err := canRead(ctx, res, errPlanNotFound()); err != nil {
		return nil, nil, err
	}
	where, args := taskWhere(ctx, ttdn.TaskFilter{PlanID: &planID})
	tasks, err := findTasks(ctx, tx, where+` ORDER BY t.position, t.id`, args...)
	return p, tasks, err
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
	members, err := groupMembers(ctx, tx)
	if err != nil {
		return nil, err
	}
	pp := &ttdn.PlanProgress{PlanID: planID, Day: day, Total: ttdn.ProgressRow{Key: "total", Label: "Toàn kế hoạch"}}
	sections := map[string]*ttdn.ProgressRow{}
	units := map[int64]*ttdn.ProgressRow{}
	titles := map[string]string{}
	var sectionOrder []string
	for _, t := range tasks {
		titles[t.Ref] = t.Title
		pp.Total.Add(t, day)
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
	units, err := findUnits(ctx, tx, `id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	out := make([]ttdn.ProgressRow, 0, len(units))
	for _, u := range units {
		r := rows[u.ID]
		r.Key, r.Label = u.Code, u.ShortName
		if r.Label == "" {
			r.Label = u.Name
		}
		out = append(out, *r)
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
	return items, nil
}
