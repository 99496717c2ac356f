package http

import (
	"net/http"
	"strconv"

	"ttdn"
)

// activityOptions are the choices an activity form offers.
type activityOptions struct {
	Units           []*ttdn.Unit
	Themes          []*ttdn.Theme
	Channels        []*ttdn.Channel
	Tasks           []*ttdn.Task
	Types           []ttdn.ActivityType
	Classifications []ttdn.Classification
	PlanNames       map[int64]string // the task picker's groups
	// the unit picker's options escaped once a page (options_html.go)
	unitOpts []optionHTML
}

// Opts gives the template the form's choices.
func (f *activityForm) Opts() *activityOptions { return f.opts }

// Has reports whether value is among list, for selects and checkboxes.
func (f *activityForm) Has(list []string, value any) bool {
	s := toString(value)
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Is reports whether the form is for one of the types, for the template's
// type-specific fieldsets.
func (f *activityForm) Is(types ...string) bool {
	for _, t := range types {
		if string(f.Type) == t {
			return true
		}
	}
	return false
}

// maxTaskChoices bounds the tasks an activity form lists.
const maxTaskChoices = 500

func (s *Server) loadActivityOptions(r *http.Request, f *activityForm) error {
	ctx := r.Context()
	o := &activityOptions{Classifications: ttdn.Classifications}
	for _, t := range ttdn.ActivityTypes {
		o.Types = append(o.Types, t.Type)
	}
	var err error
	if o.Units, err = s.allUnits(r); err != nil {
		return err
	}
	if o.Themes, err = s.cfg.Themes.FindThemes(ctx); err != nil {
		return err
	}
	if o.Channels, _, err = s.cfg.Channels.FindChannels(ctx, ttdn.ChannelFilter{Limit: 500}); err != nil {
		return err
	}
	// Section III's tasks and the units' duties of section V (V.x), which
	// an activity carries out just as well.
	// The newest plans' first: a province keeps ten years of plans, and the
	// cap must leave this year's tasks in. A task the activity is linked to
	// is offered even past the cap, or saving the form would unlink it.
	if o.Tasks, _, err = s.cfg.Tasks.FindTasks(ctx, ttdn.TaskFilter{Limit: maxTaskChoices, Choices: true, NoTotal: true, NewestPlansFirst: true}); err != nil {
		return err
	}
	if o.Tasks, err = withChosenTasks(o.Tasks, f.Tasks, func(id int64) (*ttdn.Task, error) { return s.cfg.Tasks.FindTaskByID(ctx, id) }); err != nil {
		return err
	}
	plans, _, err := s.cfg.Plans.FindPlans(ctx, ttdn.PlanFilter{Limit: maxPlanChoices, Choices: true, NoTaskCount: true})
	if err != nil {
		return err
	}
	o.PlanNames = make(map[int64]string, len(plans))
	for _, p := range plans {
		o.PlanNames[p.ID] = p.Title
	}
	f.opts = o
	return nil
}

// maxPlanChoices bounds the plans whose names head the task picker's groups.
const maxPlanChoices = 500

// withChosenTasks adds to choices the tasks of chosen (IDs as the form
// sends them) it lacks, read with find; a task the user may no longer read,
// or that is gone, is left out.
func withChosenTasks(choices []*ttdn.Task, chosen []string, find func(int64) (*ttdn.Task, error)) ([]*ttdn.Task, error) {
	have := make(map[int64]bool, len(choices))
	for _, t := range choices {
		have[t.ID] = true
	}
	for _, v := range chosen {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || have[id] {
			continue
		}
		t, err := find(id)
		switch ttdn.ErrorCode(err) {
		case "":
			choices, have[id] = append(choices, t), true
		case ttdn.ENOTFOUND, ttdn.EFORBIDDEN:
		default:
			return nil, err
		}
	}
	return choices, nil
}

func (s *Server) handleActivityNewForm(w http.ResponseWriter, r *http.Request) {
	if !s.formAllowed(w, r, canCreateOwn(reqOf(r).user, ttdn.ResourceActivity)) {
		return
	}
	t := ttdn.ActivityType(r.URL.Query().Get("type"))
	if !t.Valid() {
		s.render(w, r, http.StatusOK, "activity_types", "activity.new", activityTypeChoices())
		return
	}
	a := &ttdn.Activity{Type: t, Classification: ttdn.Internal, StartDate: ttdn.DateOf(s.now().In(vietnam))}
	if u := reqOf(r).user; u.UnitID != 0 {
		a.UnitIDs = []int64{u.UnitID}
	}
	if tid, err := pathOrQueryID(r.URL.Query().Get("task")); err == nil {
		a.TaskIDs = []int64{tid}
	}
	f := newActivityForm(a)
	if err := s.loadActivityOptions(r, f); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activity_form", "activity.new", f)
}

func (s *Server) handleActivityCreate(w http.ResponseWriter, r *http.Request) {
	f := activityFormFrom(r, 0)
	if err := s.loadActivityOptions(r, f); err != nil {
		s.renderError(w, r, err)
		return
	}
	a, err := f.activity()
	if err == nil {
		err = s.cfg.Activities.CreateActivity(r.Context(), a)
	}
	if err != nil {
		s.renderWithError(w, r, err, "activity_form", "activity.new", f)
		return
	}
	s.redirectWithFlash(w, r, "/activities/"+itoa(a.ID), "flash.activity_saved")
}

func (s *Server) handleActivityEditForm(w http.ResponseWriter, r *http.Request) {
	a, err := s.findActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.formAllowed(w, r, ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, activityResource(a))) {
		return
	}
	f := newActivityForm(a)
	if err := s.loadActivityOptions(r, f); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activity_form", "activity.edit", f)
}

// handleActivityEdit saves an edit; a stale version is refused with what
// the user typed kept, and a second save overwrites deliberately.
func (s *Server) handleActivityEdit(w http.ResponseWriter, r *http.Request) {
	cur, err := s.findActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := activityFormFrom(r, cur.ID)
	f.Type = cur.Type // the type is fixed once created
	if err := s.loadActivityOptions(r, f); err != nil {
		s.renderError(w, r, err)
		return
	}
	upd, err := f.update()
	if err == nil {
		_, err = s.cfg.Activities.UpdateActivity(r.Context(), cur.ID, upd)
	}
	if err != nil {
		if isCode(err, ttdn.ECONFLICT) {
			f.Conflict, f.Version = true, cur.Version
		}
		s.renderWithError(w, r, err, "activity_form", "activity.edit", f)
		return
	}
	s.redirectWithFlash(w, r, "/activities/"+itoa(cur.ID), "flash.activity_saved")
}

func (s *Server) findActivity(r *http.Request) (*ttdn.Activity, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.cfg.Activities.FindActivityByID(r.Context(), id)
}

// pathOrQueryID reads a positive ID from s.
func pathOrQueryID(s string) (int64, error) {
	id, err := ids([]string{s})
	if err != nil || len(id) == 0 || id[0] <= 0 {
		return 0, errNotFound
	}
	return id[0], nil
}

// typeChoice is one button of the "which kind of activity" page.
type typeChoice struct {
	Type ttdn.ActivityType
}

func activityTypeChoices() []typeChoice {
	var out []typeChoice
	for _, t := range ttdn.ActivityTypes {
		out = append(out, typeChoice{t.Type})
	}
	return out
}
