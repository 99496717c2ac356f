package http

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ttdn"
)

// taskForm is the task edit form as typed; unit choices are select values
// ("u:ID", "g:ID", or "t:TEXT" for a name kept as the plan wrote it).
type taskForm struct {
	ID, PlanID             int64
	Ref                    string
	Version                int
	Title, Body            string
	Lead, Executing, Coord []string
	Deadline, DeadlineText string
	Status, Percent        string
	Statuses               []ttdn.TaskStatus
	// Classification is the task's own level; PlanLevel its plan's, which
	// the task can exceed but never go below.
	Classification  string
	PlanLevel       ttdn.Classification
	Classifications []ttdn.Classification
	// Amend is set when the plan is issued: a change is an amendment and
	// needs a Reason.
	Amend    bool
	Reason   string
	Options  []optionGroup
	Conflict bool
	units    map[int64]*ttdn.Unit
	groups   map[int64]*ttdn.UnitGroup
	prev     map[string]ttdn.UnitRef // the task's refs by value, to keep their text
}

func refValues(refs []ttdn.UnitRef) []string {
	out := []string{}
	for _, r := range refs {
		out = append(out, refValue(r))
	}
	return out
}

func refValue(r ttdn.UnitRef) string {
	switch {
	case r.ID != 0 && r.Group:
		return "g:" + itoa(r.ID)
	case r.ID != 0:
		return "u:" + itoa(r.ID)
	}
	return "t:" + r.Text
}

func newTaskForm(t *ttdn.Task) *taskForm {
	return &taskForm{ID: t.ID, PlanID: t.PlanID, Ref: t.Ref, Version: t.Version, Title: t.Title, Body: t.Body,
		Lead: refValues(t.Lead), Executing: refValues(t.Executing), Coord: refValues(t.Coordinating),
		Deadline: t.Deadline.String(), DeadlineText: t.DeadlineText, Status: string(t.Status),
		Percent: strconv.Itoa(t.Percent), Statuses: ttdn.TaskStatuses,
		Classification: t.OwnClassification.String(), Classifications: ttdn.Classifications}
}

// taskFormFrom reads the posted form over the stored task (for its ref and
// plan, which the form does not change).
func taskFormFrom(r *http.Request, t *ttdn.Task) *taskForm {
	f := newTaskForm(t)
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	f.Title = strings.TrimSpace(r.PostFormValue("title"))
	f.Body = strings.TrimSpace(r.PostFormValue("body"))
	f.Lead, f.Executing, f.Coord = r.PostForm["lead"], r.PostForm["executing"], r.PostForm["coordinating"]
	f.Deadline = strings.TrimSpace(r.PostFormValue("deadline"))
	f.DeadlineText = strings.TrimSpace(r.PostFormValue("deadline_text"))
	f.Status = r.PostFormValue("status")
	f.Percent = strings.TrimSpace(r.PostFormValue("percent"))
	if _, ok := r.PostForm["classification"]; ok {
		f.Classification = r.PostFormValue("classification")
	}
	f.Reason = strings.TrimSpace(r.PostFormValue("reason"))
	return f
}

// Has reports whether value is chosen in list, for the selects.
func (f *taskForm) Has(list []string, value string) bool { return slices.Contains(list, value) }

// Chosen returns the values chosen for a role's select.
func (f *taskForm) Chosen(role string) []string {
	switch role {
	case "lead":
		return f.Lead
	case "executing":
		return f.Executing
	}
	return f.Coord
}

// Unresolved lists the names kept as written that the selects must offer.
func (f *taskForm) Unresolved() []string {
	var out []string
	for _, list := range [][]string{f.Lead, f.Executing, f.Coord} {
		for _, v := range list {
			if t, ok := strings.CutPrefix(v, "t:"); ok && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func (f *taskForm) update() (ttdn.TaskUpdate, error) {
	deadline, err := ttdn.ParseDate(f.Deadline)
	if err != nil {
		return ttdn.TaskUpdate{}, onField(err, "deadline")
	}
	pct, err := strconv.Atoi(f.Percent)
	if f.Percent == "" {
		pct, err = 0, nil
	}
	if err != nil {
		return ttdn.TaskUpdate{}, ttdn.Errorf(ttdn.EINVALID, "Tỷ lệ hoàn thành %q không phải là số.", "Percent done %q is not a number.", f.Percent).On("percent")
	}
	status := ttdn.TaskStatus(f.Status)
	level, err := ttdn.ParseClassification(f.Classification)
	if err != nil {
		return ttdn.TaskUpdate{}, err
	}
	lead, err1 := f.refs(f.Lead)
	exec, err2 := f.refs(f.Executing)
	coord, err3 := f.refs(f.Coord)
	if err := firstErr(err1, err2, err3); err != nil {
		return ttdn.TaskUpdate{}, err
	}
	return ttdn.TaskUpdate{Version: f.Version, Title: &f.Title, Body: &f.Body, Lead: &lead, Executing: &exec,
		Coordinating: &coord, Deadline: &deadline, DeadlineText: &f.DeadlineText, Status: &status, Percent: &pct,
		Classification: &level, Reason: f.Reason}, nil
}

// refs turns select values back into references, keeping the plan's text
// for references the task already had.
func (f *taskForm) refs(values []string) ([]ttdn.UnitRef, error) {
	out := []ttdn.UnitRef{}
	for _, v := range values {
		if ref, ok := f.prev[v]; ok {
			out = append(out, ref)
			continue
		}
		kind, rest, _ := strings.Cut(v, ":")
		id, _ := strconv.ParseInt(rest, 10, 64)
		if u, ok := f.units[id]; kind == "u" && ok {
			out = append(out, ttdn.UnitRef{Name: u.Name, Text: u.Name, ID: u.ID, Code: u.Code})
		} else if g, ok := f.groups[id]; kind == "g" && ok {
			out = append(out, ttdn.UnitRef{Name: g.Name, Text: g.Name, ID: g.ID, Code: g.Code, Group: true})
		} else if kind == "t" && strings.TrimSpace(rest) != "" {
			out = append(out, ttdn.UnitRef{Name: rest, Text: rest})
		} else {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Đơn vị được chọn không có trong danh mục.", "A chosen unit is not in the directory.")
		}
	}
	return out, nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// withOptions loads the unit choices and remembers the task's own refs.
func (s *Server) withOptions(r *http.Request, f *taskForm, t *ttdn.Task) error {
	v := &importPreview{}
	if err := s.loadOptions(r, v); err != nil {
		return err
	}
	f.Options, f.units, f.groups = v.Options, v.units, v.groups
	plan, err := s.cfg.Plans.FindPlanByID(r.Context(), t.PlanID)
	if err != nil {
		return err
	}
	f.PlanLevel, f.Amend = plan.Classification, plan.Status != ttdn.PlanDraft
	f.prev = map[string]ttdn.UnitRef{}
	for _, refs := range [][]ttdn.UnitRef{t.Lead, t.Executing, t.Coordinating} {
		for _, ref := range refs {
			f.prev[refValue(ref)] = ref
		}
	}
	return nil
}

func (s *Server) handleTaskEditForm(w http.ResponseWriter, r *http.Request) {
	t, err := s.findTask(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newTaskForm(t)
	if err := s.withOptions(r, f, t); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "task_edit", "task.edit", f)
}

func (s *Server) handleTaskEdit(w http.ResponseWriter, r *http.Request) {
	t, err := s.findTask(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := taskFormFrom(r, t)
	if err := s.withOptions(r, f, t); err != nil {
		s.renderError(w, r, err)
		return
	}
	upd, err := f.update()
	if err == nil {
		_, err = s.cfg.Tasks.UpdateTask(r.Context(), t.ID, upd)
	}
	if err != nil {
		if isCode(err, ttdn.ECONFLICT) {
			f.Conflict, f.Version = true, t.Version // a second save is a deliberate overwrite
		}
		s.renderWithError(w, r, err, "task_edit", "task.edit", f)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+itoa(t.PlanID)+"#task-"+itoa(t.ID), "flash.saved")
}

// findTask loads the task of the route, refusing early a user who may not
// change it (storage checks again on save).
func (s *Server) findTask(r *http.Request) (*ttdn.Task, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	t, err := s.cfg.Tasks.FindTaskByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !ttdn.Can(reqOf(r).user, ttdn.ActionAmend, taskResource(t)) {
		return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền sửa nhiệm vụ %s.", "You may not change task %s.", t.Ref)
	}
	return t, nil
}
