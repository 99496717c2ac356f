package http

import "net/http"

// registerReportingRoutes registers the pages of issue 4, periodic
// reporting (seed V.15: "Định kỳ (ngày 20/6 và 05/12) báo cáo …"): the
// indicator catalogue, report periods with their expected units, the unit
// report and its review, completeness, and the consolidated report with its
// exports. Without the services nothing is registered, so the menu stays
// honest on a server built for another purpose.
func (s *Server) registerReportingRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Periods == nil || s.cfg.UnitReports == nil {
		return
	}
	auth("GET /reports", s.handlePeriodList)
	auth("GET /reports/periods/new", s.handlePeriodOpenForm)
	auth("POST /reports/periods/new", s.handlePeriodOpen)
	auth("GET /reports/periods/{id}", s.handlePeriodView)
	auth("POST /reports/periods/{id}/edit", s.handlePeriodEdit)
	auth("POST /reports/periods/{id}/expected", s.handlePeriodExpected)
	auth("POST /reports/periods/{id}/start", s.handleReportStart)

	auth("GET /reports/{id}", s.handleReportView)
	auth("POST /reports/{id}", s.handleReportSave)
	auth("POST /reports/{id}/refresh", s.handleReportRefresh)
	auth("POST /reports/{id}/review", s.handleReportReview)
	if s.cfg.Attachments != nil {
		s.mux.Handle("POST /reports/{id}/files", s.uiMiddleware(s.handleReportFiles,
			uiOptions{auth: true, bodyLimit: s.cfg.MaxEvidenceBytes, onFormError: s.reportFilesError}))
	}

	if s.cfg.Indicators != nil {
		auth("GET /reports/indicators", s.handleIndicatorList)
		auth("POST /reports/indicators", s.handleIndicatorCreate)
		auth("POST /reports/indicators/{id}/retire", s.handleIndicatorRetire)
		auth("GET /plans/{id}/indicators", s.handlePlanIndicatorsForm)
		auth("POST /plans/{id}/indicators", s.handlePlanIndicators)
	}
	if s.cfg.Completeness != nil {
		auth("GET /reports/completeness", s.handleCompleteness)
	}
	if s.cfg.Consolidated != nil {
		auth("GET /reports/periods/{id}/consolidated", s.handleConsolidatedView)
		auth("POST /reports/periods/{id}/consolidated", s.handleConsolidatedSave)
		auth("POST /reports/periods/{id}/consolidated/issue", s.handleConsolidatedIssue)
		auth("GET /reports/periods/{id}/consolidated/export/{format}", s.handleConsolidatedExport)
	}
}
