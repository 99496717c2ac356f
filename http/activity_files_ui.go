package http

import (
	"net/http"

	"ttdn"
)

// An activity keeps its files — photos, the programme, the signed list of
// attendants — as a task's updates keep their evidence: typed by content,
// size-limited, read under the activity's policy.

// handleActivityFiles stores the uploaded files for the activity.
func (s *Server) handleActivityFiles(w http.ResponseWriter, r *http.Request) {
	a, err := s.findActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.formAllowed(w, r, ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, activityResource(a))) {
		return
	}
	files, err := readEvidence(r)
	if err == nil && len(files) == 0 {
		err = ttdn.Errorf(ttdn.EINVALID, "Hãy chọn ít nhất một tệp.", "Choose at least one file.")
	}
	if err == nil {
		err = s.cfg.Attachments.CreateAttachments(r.Context(), ttdn.ResourceActivity, a.ID, files)
	}
	if err != nil {
		s.activityFilesError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/activities/"+itoa(a.ID)+"#files", "flash.saved")
}

// activityFilesError shows the activity page again with the error.
func (s *Server) activityFilesError(w http.ResponseWriter, r *http.Request, err error) {
	a, ferr := s.findActivity(r)
	if ferr != nil {
		s.renderError(w, r, ferr)
		return
	}
	v, verr := s.newActivityView(r, a)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	s.renderWithError(w, r, err, "activity", "activity.title", v)
}
