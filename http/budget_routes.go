package http

import "net/http"

// registerBudgetRoutes registers the pages of issue 5: budget estimates
// through appraisal, approval and spending, and the difficulties units
// raise. Nothing is registered without the services (a server built for
// another purpose keeps its menu honest).
func (s *Server) registerBudgetRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Budgets != nil {
		auth("GET /budgets", s.handleBudgetList)
		auth("GET /budgets/new", s.handleBudgetNewForm)
		auth("POST /budgets/new", s.handleBudgetCreate)
		auth("GET /budgets/summary", s.handleBudgetSummary)
		auth("POST /budgets/settings", s.handleBudgetSettings)
		auth("GET /budgets/{id}", s.handleBudgetView)
		auth("GET /budgets/{id}/edit", s.handleBudgetEditForm)
		auth("POST /budgets/{id}/edit", s.handleBudgetEdit)
		auth("POST /budgets/{id}/advance", s.handleBudgetAdvance)
		auth("POST /budgets/{id}/appraise", s.handleBudgetAppraise)
		auth("POST /budgets/{id}/entries", s.handleBudgetEntry)
		auth("GET /budgets/{id}/diff", s.handleBudgetDiff)
		auth("GET /budgets/{id}/appraisal.docx", s.handleBudgetAppraisalDOCX)
		auth("GET /budgets/{id}/files/{file}", s.handleBudgetFile)
		s.mux.Handle("POST /budgets/{id}/files", s.uiMiddleware(s.handleBudgetFileAdd,
			uiOptions{auth: true, bodyLimit: s.cfg.MaxEvidenceBytes}))
	}
	if s.cfg.Difficulties != nil {
		auth("GET /difficulties", s.handleDifficultyList)
		auth("GET /difficulties/new", s.handleDifficultyNewForm)
		auth("POST /difficulties/new", s.handleDifficultyCreate)
		auth("POST /difficulty-groups", s.handleDifficultyGroupCreate)
		auth("GET /difficulty-groups/{id}", s.handleDifficultyGroupView)
		auth("POST /difficulty-groups/{id}/forward", s.handleDifficultyForward)
		auth("POST /difficulty-groups/{id}/answer", s.handleDifficultyAnswer)
		auth("GET /difficulties/{id}", s.handleDifficultyView)
		auth("GET /difficulties/{id}/edit", s.handleDifficultyEditForm)
		auth("POST /difficulties/{id}/edit", s.handleDifficultyEdit)
		auth("POST /difficulties/{id}/close", s.handleDifficultyClose)
		auth("GET /difficulties/{id}/files/{file}", s.handleDifficultyFile)
		s.mux.Handle("POST /difficulties/{id}/files", s.uiMiddleware(s.handleDifficultyFileAdd,
			uiOptions{auth: true, bodyLimit: s.cfg.MaxEvidenceBytes}))
	}
}
