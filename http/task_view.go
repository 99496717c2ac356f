package http

import (
	"net/http"

	"ttdn"
)

// maxTaskUpdates bounds the updates one task page shows; older ones page.
const maxTaskUpdates = 50

// taskView is a task's page: what it is, who does it, how far it has come,
// its sub-tasks, and every progress update with its evidence. Updates by
// coordinating units (contributions) are listed apart from the lead's.
type taskView struct {
	Task          *ttdn.Task
	Plan          *ttdn.Plan
	Parent        *ttdn.Task
	Subtasks      []taskRow
	Themes        []string
	Updates       []updateRow
	Contributions []updateRow
	Pager         pager
	DaysSince     int
	Stale         bool
	Overdue       bool
	NextDue       ttdn.Date
	CanUpdate     bool
	CanEdit       bool
	Form          progressForm
	MaxFileBytes  int64
	Statuses      []ttdn.TaskStatus
}

// updateRow is a progress update with the name of the unit it speaks for.
type updateRow struct {
	*ttdn.ProgressUpdate
	UnitName string
}

// MaxFile is the attachment limit as officials read it.
func (v *taskView) MaxFile() string { return formatBytes(v.MaxFileBytes) }

func (s *Server) handleTaskView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newTaskView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "task", "task.page", v)
}

// newTaskView loads the task of the route (storage applies the read policy)
// and everything its page shows.
func (s *Server) newTaskView(r *http.Request) (*taskView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	t, err := s.cfg.Tasks.FindTaskByID(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	today := ttdn.DateOf(now.In(vietnam))
	user := reqOf(r).user
	v := &taskView{Task: t, DaysSince: t.DaysSinceUpdate(now), Overdue: t.Overdue(today), NextDue: t.DueOn(today),
		CanUpdate: ttdn.Can(user, ttdn.ActionUpdate, taskResource(t)), Statuses: ttdn.TaskStatuses,
		CanEdit: ttdn.Can(user, ttdn.ActionAmend, taskResource(t)), Form: progressForm{Date: today.String()}}
	set, err := s.settings(r)
	if err != nil {
		return nil, err
	}
	v.MaxFileBytes = set.AttachmentMaxBytes
	v.Stale = !t.Finished() && (v.DaysSince < 0 || v.DaysSince > set.StaleDays)
	if v.Plan, err = s.planSummary(r, map[int64]*ttdn.Plan{}, t.PlanID); err != nil {
		return nil, err
	}
	if err := s.loadTaskFamily(r, v, today); err != nil {
		return nil, err
	}
	if s.cfg.Themes != nil {
		if v.Themes, err = s.cfg.Themes.FindTaskThemes(ctx, t.ID); err != nil {
			return nil, err
		}
	}
	return v, s.loadTaskUpdates(r, v)
}

// loadTaskFamily finds the task's parent and sub-tasks.
func (s *Server) loadTaskFamily(r *http.Request, v *taskView, today ttdn.Date) error {
	ctx := r.Context()
	if v.Task.ParentID != 0 {
		v.Parent, _ = s.cfg.Tasks.FindTaskByID(ctx, v.Task.ParentID) // unreadable parent: just not shown
	}
	subs, _, err := s.cfg.Tasks.FindTasks(ctx, ttdn.TaskFilter{ParentID: &v.Task.ID, Limit: 200, NoTotal: true})
	if err != nil {
		return err
	}
	for _, c := range subs {
		v.Subtasks = append(v.Subtasks, taskRow{Task: c, Overdue: c.Overdue(today)})
	}
	return nil
}

// loadTaskUpdates lists a page of the task's updates, lead's and
// contributions apart, each with its unit's name.
func (s *Server) loadTaskUpdates(r *http.Request, v *taskView) error {
	current, offset := pageNumber(r)
	offset = (current - 1) * maxTaskUpdates
	updates, total, err := s.cfg.Progress.FindProgressUpdates(r.Context(),
		ttdn.ProgressFilter{TaskID: &v.Task.ID, Offset: offset, Limit: maxTaskUpdates})
	if err != nil {
		return err
	}
	names, err := s.unitNames(r)
	if err != nil {
		return err
	}
	for _, u := range updates {
		row := updateRow{ProgressUpdate: u, UnitName: names[u.UnitID]}
		if u.Contribution {
			v.Contributions = append(v.Contributions, row)
		} else {
			v.Updates = append(v.Updates, row)
		}
	}
	v.Pager = newPagerSize(r, current, total, maxTaskUpdates)
	return nil
}

// unitNames maps every unit's ID to its name.
func (s *Server) unitNames(r *http.Request) (map[int64]string, error) {
	all, err := s.allUnits(r)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(all))
	for _, u := range all {
		names[u.ID] = u.Name
	}
	return names, nil
}

// settings reads the shared settings, or their defaults when the server
// has no settings service.
func (s *Server) settings(r *http.Request) (*ttdn.Settings, error) {
	if s.cfg.Settings == nil {
		d := ttdn.DefaultSettings()
		return &d, nil
	}
	return s.cfg.Settings.FindSettings(r.Context())
}
