package http

import "net/http"

// executionRoutes registers the pages of issue 3: the plan's life, task
// execution, the activity registry, the dashboard and notifications. auth
// registers a route behind log-in with the ordinary form limit.
func (s *Server) executionRoutes(auth func(string, http.HandlerFunc)) {
	m := s.mux
	auth("POST /plans/{id}/issue", s.handlePlanIssue)
	auth("POST /plans/{id}/close", s.handlePlanClose)
	auth("POST /plans/{id}/reopen", s.handlePlanReopen)
	auth("POST /plans/{id}/copy", s.handlePlanCopy)
	auth("GET /plans/{id}/tree", s.handlePlanTree)
	auth("POST /plans/{id}/links", s.handlePlanLinks)

	auth("GET /plans/{id}/tasks", s.handlePlanTasks)
	auth("POST /plans/{id}/tasks/bulk", s.handleBulkUpdate)
	auth("GET /plans/{id}/progress-csv", s.handleProgressCSVForm)
	// The CSV travels in the upload, then again in a hidden field of the
	// confirmation form: both allow a file of MaxCSVBytes.
	csvOpt := uiOptions{auth: true, bodyLimit: maxCSVBytes*2 + 64<<10, onFormError: s.progressCSVFormError}
	m.Handle("POST /plans/{id}/progress-csv", s.uiMiddleware(s.handleProgressCSVPreview, csvOpt))
	m.Handle("POST /plans/{id}/progress-csv/confirm", s.uiMiddleware(s.handleProgressCSVConfirm, csvOpt))

	auth("GET /tasks/{id}", s.handleTaskView)
	m.Handle("POST /tasks/{id}/progress", s.uiMiddleware(s.handleProgressAdd,
		uiOptions{auth: true, bodyLimit: s.cfg.MaxEvidenceBytes, onFormError: s.progressFormError}))
	auth("GET /attachments/{id}", s.handleAttachment)
	auth("POST /attachments/{id}/delete", s.handleAttachmentDelete)

	auth("GET /activities", s.handleActivityList)
	auth("GET /activities/new", s.handleActivityNewForm)
	auth("POST /activities/new", s.handleActivityCreate)
	auth("GET /activities/{id}", s.handleActivityView)
	auth("GET /activities/{id}/edit", s.handleActivityEditForm)
	m.Handle("POST /activities/{id}/files", s.uiMiddleware(s.handleActivityFiles,
		uiOptions{auth: true, bodyLimit: s.cfg.MaxEvidenceBytes, onFormError: s.activityFilesError}))
	auth("POST /activities/{id}/edit", s.handleActivityEdit)
	auth("GET /channels", s.handleChannelList)
	auth("POST /channels", s.handleChannelCreate)
	auth("POST /units/{id}/contacts", s.handleContactSave)

	auth("GET /dashboard", s.handleDashboard)
	auth("GET /notifications", s.handleNotifications)
	auth("POST /notifications/{id}/read", s.handleNotificationRead)
	auth("POST /notifications/read-all", s.handleNotificationsReadAll)
}
