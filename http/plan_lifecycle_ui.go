package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// planLife is what the plan page shows of the plan's life: the steps so
// far, what it implements, and the issue form as typed.
type planLife struct {
	History    []*ttdn.PlanHistoryEntry
	Implements []*ttdn.PlanNode
	Issue      issueForm
	NextYear   int
	CanManage  bool
}

// issueForm is the issue form as typed.
type issueForm struct {
	Number, IssuedOn, Signer, SignerTitle string
}

func issueFormFrom(r *http.Request) issueForm {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return issueForm{Number: f("number"), IssuedOn: f("issued_on"), Signer: f("signer"), SignerTitle: f("signer_title")}
}

// loadPlanLife fills the lifecycle part of a plan page.
func (s *Server) loadPlanLife(r *http.Request, v *planView) error {
	p := v.Plan
	v.Life = &planLife{NextYear: p.Year + 1, CanManage: v.CanEdit && s.cfg.Lifecycle != nil,
		Issue: issueForm{Number: p.Number, IssuedOn: p.IssuedOn.String(), Signer: p.Signer, SignerTitle: p.SignerTitle}}
	if s.cfg.Lifecycle == nil {
		return nil
	}
	var err error
	if v.Life.History, err = s.cfg.Lifecycle.FindPlanHistory(r.Context(), p.ID); err != nil {
		return err
	}
	tree, err := s.cfg.Lifecycle.FindPlanTree(r.Context(), p.ID)
	if err != nil {
		return err
	}
	v.Life.Implements = tree.Implements
	return nil
}

// renderPlanWithError shows the plan page again with the error banner,
// keeping the issue form as typed.
func (s *Server) renderPlanWithError(w http.ResponseWriter, r *http.Request, id int64, issue *issueForm, err error) {
	plan, ferr := s.cfg.Plans.FindPlanByID(r.Context(), id)
	if ferr != nil {
		s.renderError(w, r, ferr)
		return
	}
	view := newPlanView(plan, reqOf(r).user, reqOf(r).lang, ttdn.DateOf(s.now().In(vietnam)), "")
	if lerr := s.loadPlanLife(r, &view); lerr != nil {
		s.renderError(w, r, lerr)
		return
	}
	if issue != nil {
		view.Life.Issue = *issue
	}
	s.renderWithError(w, r, err, "plan", "plan.title", view)
}

func (s *Server) handlePlanIssue(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	form := issueFormFrom(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	issued, err := ttdn.ParseDate(form.IssuedOn)
	if err == nil {
		_, err = s.cfg.Lifecycle.IssuePlan(r.Context(), id, ttdn.PlanIssue{Version: version, Number: form.Number,
			IssuedOn: issued, Signer: form.Signer, SignerTitle: form.SignerTitle})
	}
	if err != nil {
		s.renderPlanWithError(w, r, id, &form, err)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+itoa(id), "flash.plan_issued")
}

func (s *Server) handlePlanClose(w http.ResponseWriter, r *http.Request) {
	s.planStep(w, r, s.cfg.Lifecycle.ClosePlan, "flash.plan_closed")
}

// handlePlanReopen makes a closed plan issued again, with its reason.
func (s *Server) handlePlanReopen(w http.ResponseWriter, r *http.Request) {
	s.planStep(w, r, s.cfg.Lifecycle.ReopenPlan, "flash.plan_reopened")
}

// planStep runs a lifecycle step that takes the version and a reason
// (close, reopen) and shows the plan again.
func (s *Server) planStep(w http.ResponseWriter, r *http.Request,
	step func(ctx context.Context, id int64, version int, reason string) (*ttdn.Plan, error), flash string) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if _, err := step(r.Context(), id, version, reason); err != nil {
		s.renderPlanWithError(w, r, id, nil, err)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+itoa(id), flash)
}

// handlePlanCopy copies the plan into next year's draft and opens it.
func (s *Server) handlePlanCopy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	year, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	if err != nil {
		s.renderPlanWithError(w, r, id, nil, ttdn.Errorf(ttdn.EINVALID, "Năm %q không hợp lệ.", "Invalid year %q.", r.PostFormValue("year")))
		return
	}
	c, err := s.cfg.Lifecycle.CopyPlan(r.Context(), id, year)
	if err != nil {
		s.renderPlanWithError(w, r, id, nil, err)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+itoa(c.ID), "flash.plan_copied")
}
