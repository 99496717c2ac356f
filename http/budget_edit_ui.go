package http

import (
	"net/http"
	"strconv"

	"ttdn"
)

// maxBudgetChoices bounds the tasks and activities a form lists.
const maxBudgetChoices = 500

func (s *Server) handleBudgetNewForm(w http.ResponseWriter, r *http.Request) {
	u := reqOf(r).user
	draft := &ttdn.BudgetEstimate{UnitID: u.UnitID, Status: ttdn.BudgetDraft}
	if !s.formAllowed(w, r, canCreateOwn(u, ttdn.ResourceBudget) && ttdn.CheckBudgetStep(u, draft, ttdn.StepEdit) == nil) {
		return
	}
	f := &budgetForm{Unit: itoa(u.UnitID), Year: strconv.Itoa(s.now().Year())}
	if y := r.URL.Query().Get("year"); y != "" {
		if _, err := parseYear(y); err != nil {
			s.renderError(w, r, err)
			return
		}
		f.Year = y
	}
	f.pad()
	s.renderBudgetForm(w, r, http.StatusOK, f, nil)
}

// handleBudgetCreate saves a new draft, or with action=check only shows
// the warnings of what was typed.
func (s *Server) handleBudgetCreate(w http.ResponseWriter, r *http.Request) {
	f := budgetFormFrom(r, 0)
	if r.PostFormValue("action") == "year" {
		// The year changed: show the plans, tasks and activities of that
		// year, keeping everything typed; nothing is saved.
		f.pad()
		s.renderBudgetForm(w, r, http.StatusOK, f, nil)
		return
	}
	e, err := f.estimate()
	if err == nil && r.PostFormValue("action") == "check" {
		f.Warnings, err = s.cfg.Budgets.CheckBudgetEstimate(r.Context(), e)
		f.Checked = true
	} else if err == nil {
		if err = s.cfg.Budgets.CreateBudgetEstimate(r.Context(), e); err == nil {
			s.redirectWithFlash(w, r, "/budgets/"+itoa(e.ID), "flash.budget_saved")
			return
		}
	}
	f.pad()
	s.renderBudgetForm(w, r, http.StatusOK, f, err)
}

func (s *Server) handleBudgetEditForm(w http.ResponseWriter, r *http.Request) {
	e, err := s.findBudget(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := ttdn.CheckBudgetStep(reqOf(r).user, e, ttdn.StepEdit); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderBudgetForm(w, r, http.StatusOK, newBudgetForm(e), nil)
}

// handleBudgetEdit saves the draft as a new revision (action=check: only
// the warnings).
func (s *Server) handleBudgetEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := budgetFormFrom(r, id)
	upd, err := f.update()
	if err == nil && r.PostFormValue("action") == "check" {
		e, _ := f.estimate()
		f.Warnings, err = s.cfg.Budgets.CheckBudgetEstimate(r.Context(), e)
		f.Checked = true
	} else if err == nil {
		if _, err = s.cfg.Budgets.UpdateBudgetEstimate(r.Context(), id, upd); err == nil {
			s.redirectWithFlash(w, r, "/budgets/"+itoa(id), "flash.budget_saved")
			return
		}
	}
	f.pad()
	s.renderBudgetForm(w, r, http.StatusOK, f, err)
}

// renderBudgetForm shows the form with its choices and, on err, the banner
// and the status err maps to.
func (s *Server) renderBudgetForm(w http.ResponseWriter, r *http.Request, status int, f *budgetForm, err error) {
	if oerr := s.loadBudgetOptions(r, f); oerr != nil {
		s.renderError(w, r, oerr)
		return
	}
	title := "budget.new"
	if f.ID != 0 {
		title = "budget.edit"
	}
	if err != nil {
		s.renderWithError(w, r, err, "budget_form", title, f)
		return
	}
	s.render(w, r, status, "budget_form", title, f)
}

// loadBudgetOptions lists the user's units, the plans of the year with
// their tasks, and the unit's activities of the year.
func (s *Server) loadBudgetOptions(r *http.Request, f *budgetForm) error {
	ctx, u := r.Context(), reqOf(r).user
	o := &budgetOptions{Sources: ttdn.FundingSources}
	f.Opts = o
	units, err := s.allUnits(r)
	if err != nil {
		return err
	}
	for _, unit := range units {
		if u.InScope(unit.ID) || itoa(unit.ID) == f.Unit {
			o.Units = append(o.Units, unit)
		}
	}
	y, err := parseYear(f.Year)
	if err != nil || y == nil {
		return nil // the form shows the year's error; no plans to offer
	}
	year := *y
	if o.Plans, _, err = s.cfg.Plans.FindPlans(ctx, ttdn.PlanFilter{Year: &year, Limit: 50}); err != nil {
		return err
	}
	for _, p := range o.Plans {
		tasks, _, err := s.cfg.Tasks.FindTasks(ctx, ttdn.TaskFilter{PlanID: &p.ID, Limit: maxBudgetChoices, Choices: true})
		if err != nil {
			return err
		}
		o.Tasks = append(o.Tasks, tasks...)
	}
	unitID, _ := strconv.ParseInt(f.Unit, 10, 64)
	if s.cfg.Activities == nil || unitID == 0 {
		return nil
	}
	from, to := ttdn.Date{Year: year, Month: 1, Day: 1}, ttdn.Date{Year: year, Month: 12, Day: 31}
	o.Activities, _, err = s.cfg.Activities.FindActivities(ctx, ttdn.ActivityFilter{UnitID: &unitID, From: &from, To: &to, Limit: maxBudgetChoices, Choices: true})
	return err
}

// findBudget loads the estimate named by the path.
func (s *Server) findBudget(r *http.Request) (*ttdn.BudgetEstimate, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.cfg.Budgets.FindBudgetEstimateByID(r.Context(), id)
}
