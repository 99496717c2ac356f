package http

import (
	"net/http"

	"ttdn"
)

// registerCaseRoutes registers the rebuttal-case pages (issue 14 §1): the
// list with its figures and export, opening a case (from a press item or
// story, or by hand with evidence), the case page with its assessment,
// assignment, responses and spread, and the case report. Without the
// service nothing is registered.
func (s *Server) registerCaseRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Cases == nil {
		return
	}
	files := uiOptions{auth: true, bodyLimit: s.cfg.MaxEvidenceBytes}
	auth("GET /cases", s.handleCaseList)
	auth("GET /cases/new", s.handleCaseNewForm)
	s.mux.Handle("POST /cases/new", s.uiMiddleware(s.handleCaseCreate, files))
	auth("GET /cases/{id}", s.handleCaseView)
	auth("GET /cases/{id}/report/{format}", s.handleCaseReport)
	auth("POST /cases/{id}/assess", s.handleCaseAssess)
	auth("POST /cases/{id}/assign", s.handleCaseAssign)
	auth("POST /cases/{id}/close", s.handleCaseClose)
	auth("POST /cases/{id}/responses", s.handleResponseDraft)
	auth("GET /cases/{id}/files/{file}", s.handleCaseFile)
	s.mux.Handle("POST /cases/{id}/files", s.uiMiddleware(s.handleCaseFileAdd, files))
	auth("POST /case-responses/{id}", s.handleResponseEdit)
	auth("POST /case-responses/{id}/review", s.handleResponseReview)
	auth("POST /case-responses/{id}/publish", s.handleResponsePublish)
}

// CanCases shows the menu item to the roles that work on cases; the
// service decides again what each may read.
func (p *page) CanCases() bool {
	if p.User == nil {
		return false
	}
	switch p.User.Role {
	case ttdn.RoleCoordinator, ttdn.RoleLeader, ttdn.RoleMonitor, ttdn.RoleUnitOfficer:
		return true
	}
	return false
}

// CanOpenCase shows the "open a case" buttons.
func (p *page) CanOpenCase() bool {
	return p.User != nil && ttdn.Can(p.User, ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourceCase,
		Classification: ttdn.Internal, UnitIDs: []int64{p.User.UnitID}})
}

// Labels of the case enums in the page's language.

func (p *page) CaseStage(s ttdn.CaseStage) string { return label(p.Lang, "case_stage", s, string(s)) }
func (p *page) Verdict(v ttdn.Verdict) string     { return label(p.Lang, "verdict", v, string(v)) }
func (p *page) Severity(s ttdn.Severity) string   { return label(p.Lang, "severity", s, string(s)) }
func (p *page) CaseTopic(t ttdn.CaseTopic) string { return label(p.Lang, "case_topic", t, string(t)) }
func (p *page) ResponseKind(k ttdn.ResponseKind) string {
	return label(p.Lang, "response_kind", k, string(k))
}
func (p *page) ResponseStatus(s ttdn.ResponseStatus) string {
	return label(p.Lang, "response_status", s, string(s))
}

// Duration writes minutes as hours and minutes in the page's language.
func (p *page) Duration(minutes int64) string {
	if minutes < 60 {
		return p.T("case.minutes_only", minutes)
	}
	return p.T("case.hours_minutes", minutes/60, minutes%60)
}

// CountLabel names a figure's row in the page's language: a stage, a
// verdict or a topic by its key, anything else (outlets) as it is.
func (p *page) CountLabel(prefix string, c ttdn.Count) string {
	if e, ok := catalog[prefix+"."+c.Key]; ok {
		if p.Lang == langEN {
			return e[1]
		}
		return e[0]
	}
	return c.Label
}
