package http

import (
	"fmt"
	"net/http"

	"ttdn"
)

// Rebuttal cases on the homes: a case is worth a person's attention when
// its next stage is late (everyone who works on cases), when its response
// waits for approval (coordinators and leaders), and — for a unit officer —
// when the unit is asked to act on it.

// workCasesOverdue lists open cases past the deadline of their next stage.
func (s *Server) workCasesOverdue(r *http.Request, v *homeView) error {
	return s.caseSection(r, v, ttdn.CaseFilter{OpenOnly: true, Overdue: true}, "home.cases_overdue", "/cases?open=1&overdue=1", true)
}

// workCasesToApprove lists cases whose drafted response waits for approval.
func (s *Server) workCasesToApprove(r *http.Request, v *homeView) error {
	st := ttdn.StageDrafted
	return s.caseSection(r, v, ttdn.CaseFilter{Stage: &st}, "home.cases_to_approve", "/cases?stage="+string(st), false)
}

// workUnitCases lists the open cases the officer's unit takes part in.
func (s *Server) workUnitCases(r *http.Request, v *homeView) error {
	u := reqOf(r).user
	if u.UnitID == 0 {
		return nil
	}
	id := u.UnitID
	return s.caseSection(r, v, ttdn.CaseFilter{OpenOnly: true, UnitID: &id}, "home.cases_of_unit", fmt.Sprintf("/cases?open=1&unit=%d", id), false)
}

// caseSection lists the cases f selects, most urgent (late) rows marked.
func (s *Server) caseSection(r *http.Request, v *homeView, f ttdn.CaseFilter, title, link string, urgent bool) error {
	if s.cfg.Cases == nil {
		return nil
	}
	now := s.now()
	f.Now, f.Limit = now, homeRows
	list, total, err := s.cfg.Cases.FindCases(r.Context(), f)
	if err != nil {
		return err
	}
	if total == 0 {
		return nil
	}
	sec := &workSection{Title: title, Count: total, Urgent: urgent, Link: link}
	for _, c := range list {
		row := workRow{Title: c.Title, Detail: label(reqOf(r).lang, "case_stage", c.Stage, string(c.Stage)), Link: fmt.Sprintf("/cases/%d", c.ID)}
		if st := c.OverdueStage(now); st != "" {
			row.Urgent = true
			sec.Urgent = true
		}
		sec.Rows = append(sec.Rows, row)
	}
	v.Sections = append(v.Sections, sec)
	return nil
}
