package http

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ttdn"
)

// difficultyForm is a difficulty as typed.
type difficultyForm struct {
	ID                                                     int64
	Version, Unit, Plan, Task, Title, Text, Classification string
	Units                                                  []*ttdn.Unit
	Plans                                                  []*ttdn.Plan
	Tasks                                                  []*ttdn.Task
	Classifications                                        []ttdn.Classification
}

func difficultyFormFrom(r *http.Request, id int64) *difficultyForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return &difficultyForm{ID: id, Version: v("version"), Unit: v("unit"), Plan: v("plan"), Task: v("task"), Title: v("title"),
		Text: v("text"), Classification: v("classification")}
}

// difficulty turns the form into a difficulty.
func (f *difficultyForm) difficulty() (*ttdn.Difficulty, error) {
	d := &ttdn.Difficulty{ID: f.ID, Title: f.Title, Text: f.Text}
	var err error
	if d.UnitID, err = formID(f.Unit); err != nil {
		return nil, err
	} else if d.PlanID, err = formID(f.Plan); err != nil {
		return nil, err
	} else if d.TaskID, err = formID(f.Task); err != nil {
		return nil, err
	}
	d.Classification, err = ttdn.ParseClassification(f.Classification)
	return d, err
}

func (s *Server) handleDifficultyNewForm(w http.ResponseWriter, r *http.Request) {
	if !s.formAllowed(w, r, canCreateOwn(reqOf(r).user, ttdn.ResourceDifficulty)) {
		return
	}
	s.renderDifficultyForm(w, r, &difficultyForm{Unit: itoa(reqOf(r).user.UnitID), Classification: "internal"}, nil)
}

func (s *Server) handleDifficultyCreate(w http.ResponseWriter, r *http.Request) {
	f := difficultyFormFrom(r, 0)
	d, err := f.difficulty()
	if err == nil {
		err = s.cfg.Difficulties.CreateDifficulty(r.Context(), d)
	}
	if err != nil {
		s.renderDifficultyForm(w, r, f, err)
		return
	}
	s.redirectWithFlash(w, r, "/difficulties/"+itoa(d.ID), "flash.difficulty_raised")
}

func (s *Server) handleDifficultyEditForm(w http.ResponseWriter, r *http.Request) {
	d, err := s.findDifficulty(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &difficultyForm{ID: d.ID, Version: strconv.Itoa(d.Version), Unit: itoa(d.UnitID), Plan: idOrEmpty(d.PlanID), Task: idOrEmpty(d.TaskID),
		Title: d.Title, Text: d.Text, Classification: d.Classification.String()}
	s.renderDifficultyForm(w, r, f, nil)
}

func (s *Server) handleDifficultyEdit(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	f := difficultyFormFrom(r, id)
	d, err := f.difficulty()
	version, verr := strconv.Atoi(f.Version)
	if err == nil && verr != nil {
		err = ttdn.Errorf(ttdn.EINVALID, "Phiên bản biểu mẫu không hợp lệ.", "Invalid form version.")
	}
	if err == nil {
		_, err = s.cfg.Difficulties.UpdateDifficulty(r.Context(), id, ttdn.DifficultyUpdate{Version: version, Title: &d.Title,
			Text: &d.Text, PlanID: &d.PlanID, TaskID: &d.TaskID, Classification: &d.Classification})
	}
	if err != nil {
		s.renderDifficultyForm(w, r, f, err)
		return
	}
	s.redirectWithFlash(w, r, "/difficulties/"+itoa(id), "flash.difficulty_saved")
}

// renderDifficultyForm shows the form with the user's units and the
// current year's plans and tasks to relate it to.
func (s *Server) renderDifficultyForm(w http.ResponseWriter, r *http.Request, f *difficultyForm, err error) {
	ctx, u := r.Context(), reqOf(r).user
	f.Classifications = ttdn.Classifications
	units, uerr := s.allUnits(r)
	if uerr != nil {
		s.renderError(w, r, uerr)
		return
	}
	for _, unit := range units {
		if u.InScope(unit.ID) || itoa(unit.ID) == f.Unit {
			f.Units = append(f.Units, unit)
		}
	}
	// Every plan in force, whatever its year (a difficulty may concern last
	// year's plan), and the one the difficulty already names.
	issued := ttdn.PlanIssued
	f.Plans, _, _ = s.cfg.Plans.FindPlans(ctx, ttdn.PlanFilter{Status: &issued, Limit: 50})
	if id, perr := strconv.ParseInt(f.Plan, 10, 64); perr == nil && !slices.ContainsFunc(f.Plans, func(p *ttdn.Plan) bool { return p.ID == id }) {
		if more, _, _ := s.cfg.Plans.FindPlans(ctx, ttdn.PlanFilter{ID: &id, Limit: 1}); len(more) == 1 {
			f.Plans = append(f.Plans, more...)
		}
	}
	for _, p := range f.Plans {
		tasks, _, _ := s.cfg.Tasks.FindTasks(ctx, ttdn.TaskFilter{PlanID: &p.ID, Limit: maxBudgetChoices, Choices: true})
		f.Tasks = append(f.Tasks, tasks...)
	}
	title := "difficulty.new"
	if f.ID != 0 {
		title = "difficulty.edit"
	}
	if err != nil {
		s.renderWithError(w, r, err, "difficulty_form", title, f)
		return
	}
	s.render(w, r, http.StatusOK, "difficulty_form", title, f)
}

func (s *Server) findDifficulty(r *http.Request) (*ttdn.Difficulty, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.cfg.Difficulties.FindDifficultyByID(r.Context(), id)
}
