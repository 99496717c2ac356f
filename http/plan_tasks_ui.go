package http

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"ttdn"
	"ttdn/export"
	"ttdn/vntext"
)

// maxPlanTasks bounds the tasks one list loads; a plan has hundreds.
const maxPlanTasks = 5000

// planTasksView is a plan's tasks and duties as a table: filtered, sorted,
// paged, exported, and selectable for a bulk update.
type planTasksView struct {
	Plan     *ttdn.Plan
	Rows     []planTaskRow
	Filter   taskListFilter
	Statuses []ttdn.TaskStatus
	Units    []*ttdn.Unit
	Pager    pager
	Exports  exportLinks
	Bulk     bulkForm
	CanBulk  bool
}

// planTaskRow is a task with what its row shows.
type planTaskRow struct {
	*ttdn.Task
	Overdue   bool
	DaysSince int
	Stale     bool
	CanUpdate bool
	Checked   bool
}

// taskListFilter is the list's query as typed.
type taskListFilter struct {
	Status, Unit, Kind, Query, Sort, Only string
}

func taskListFilterFrom(r *http.Request) taskListFilter {
	q := r.URL.Query()
	return taskListFilter{Status: q.Get("status"), Unit: q.Get("unit"), Kind: q.Get("kind"),
		Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"), Only: q.Get("only")}
}

func (s *Server) handlePlanTasks(w http.ResponseWriter, r *http.Request) {
	v, err := s.newPlanTasksView(r, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.writeExport(w, r, "nhiem-vu-"+itoa(v.Plan.ID), taskTable(v.Plan, v.Rows))
		return
	}
	v.page(r)
	s.render(w, r, http.StatusOK, "plan_tasks", "plan.task_list", v)
}

// newPlanTasksView loads and filters the plan's tasks; checked are the
// tasks to show ticked (after a refused bulk update).
func (s *Server) newPlanTasksView(r *http.Request, checked []int64) (*planTasksView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	plan, err := s.planSummary(r, map[int64]*ttdn.Plan{}, id)
	if err != nil {
		return nil, err
	} else if plan.Title == "" {
		return nil, errNotFound // not readable, or no such plan
	}
	v := &planTasksView{Plan: plan, Filter: taskListFilterFrom(r), Statuses: ttdn.TaskStatuses,
		Exports: newExportLinks(r), Bulk: bulkForm{Date: ttdn.DateOf(s.now().In(vietnam)).String()}}
	f := ttdn.TaskFilter{PlanID: &id, Limit: maxPlanTasks}
	if uid, err := strconv.ParseInt(v.Filter.Unit, 10, 64); err == nil {
		f.UnitID = &uid
	}
	tasks, _, err := s.cfg.Tasks.FindTasks(r.Context(), f)
	if err != nil {
		return nil, err
	}
	if v.Units, err = s.allUnits(r); err != nil {
		return nil, err
	}
	set, err := s.settings(r)
	if err != nil {
		return nil, err
	}
	v.Rows = v.filterRows(tasks, reqOf(r).user, s.now(), set.StaleDays, checked)
	sortTaskRows(v.Rows, v.Filter.Sort)
	return v, nil
}

// filterRows keeps the tasks matching the filter, with their row facts.
func (v *planTasksView) filterRows(tasks []*ttdn.Task, u *ttdn.User, now time.Time, staleDays int, checked []int64) []planTaskRow {
	today := ttdn.DateOf(now.In(vietnam))
	query := vntext.Fold(v.Filter.Query)
	var rows []planTaskRow
	for _, t := range tasks {
		row := planTaskRow{Task: t, Overdue: t.Overdue(today), DaysSince: t.DaysSinceUpdate(now),
			CanUpdate: ttdn.Can(u, ttdn.ActionUpdate, taskResource(t)), Checked: slices.Contains(checked, t.ID)}
		row.Stale = !t.Finished() && (row.DaysSince < 0 || row.DaysSince > staleDays)
		v.CanBulk = v.CanBulk || row.CanUpdate
		switch {
		case v.Filter.Status != "" && string(t.Status) != v.Filter.Status,
			v.Filter.Kind != "" && string(t.Kind) != v.Filter.Kind,
			v.Filter.Only == "overdue" && !row.Overdue,
			v.Filter.Only == "stale" && !row.Stale,
			query != "" && !strings.Contains(vntext.Fold(t.Ref+" "+t.Title), query):
			continue
		}
		rows = append(rows, row)
	}
	return rows
}

// sortTaskRows orders rows by the list's sort key; the plan's order is the
// default and breaks ties.
func sortTaskRows(rows []planTaskRow, key string) {
	cmp := map[string]func(a, b planTaskRow) int{
		"deadline": func(a, b planTaskRow) int { return strings.Compare(dateKey(a.Deadline), dateKey(b.Deadline)) },
		"status": func(a, b planTaskRow) int {
			return slices.Index(ttdn.TaskStatuses, a.Status) - slices.Index(ttdn.TaskStatuses, b.Status)
		},
		"percent": func(a, b planTaskRow) int { return a.Percent - b.Percent },
		"stale":   func(a, b planTaskRow) int { return staleKey(b.DaysSince) - staleKey(a.DaysSince) },
	}[key]
	if cmp != nil {
		slices.SortStableFunc(rows, cmp)
	}
}

// dateKey sorts undated deadlines last.
func dateKey(d ttdn.Date) string {
	if d.IsZero() {
		return "9999"
	}
	return d.ISO()
}

// staleKey puts never-updated tasks first when sorting by staleness.
func staleKey(days int) int {
	if days < 0 {
		return 1 << 30
	}
	return days
}

// page keeps one page of the rows.
func (v *planTasksView) page(r *http.Request) {
	current, offset := pageNumber(r)
	v.Pager = newPager(r, current, len(v.Rows))
	end := min(offset+pageSize, len(v.Rows))
	v.Rows = v.Rows[min(offset, end):end]
}

// taskTable is the task list as an export table.
func taskTable(p *ttdn.Plan, rows []planTaskRow) export.Table {
	t := export.Table{Title: "Nhiệm vụ " + p.Number,
		Columns: []string{"Mục", "Nội dung nhiệm vụ", "Chủ trì", "Thực hiện", "Phối hợp", "Thời hạn", "Thời hạn (lời)",
			"Trạng thái", "Tỷ lệ (%)", "Quá hạn", "Cập nhật lần cuối", "Số ngày chưa cập nhật"}}
	for _, r := range rows {
		days := any(r.DaysSince)
		if r.DaysSince < 0 {
			days = nil
		}
		t.Rows = append(t.Rows, []any{r.Ref, r.Title, refNames(r.Lead), refNames(r.Executing), refNames(r.Coordinating),
			r.Deadline, r.DeadlineText, r.Status.Label(), r.Percent, r.Overdue, r.LastUpdateAt, days})
	}
	return t
}

func refNames(refs []ttdn.UnitRef) string {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.Name
		if names[i] == "" {
			names[i] = r.Text
		}
	}
	return strings.Join(names, "; ")
}
