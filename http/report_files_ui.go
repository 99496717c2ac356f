package http

import (
	"net/http"

	"ttdn"
)

// A unit report takes files as an activity does (activity_files_ui.go):
// the signed and stamped report and photos, typed by content, size-limited,
// read under the report's policy through /attachments/{id}; storage refuses
// files on an accepted report.

// loadReportFiles lists the report's files and says whether the acting
// user may add some.
func (s *Server) loadReportFiles(r *http.Request, v *reportView) error {
	if s.cfg.Attachments == nil {
		return nil
	}
	var err error
	v.Files, err = s.cfg.Attachments.FindAttachments(r.Context(), ttdn.ResourceUnitReport, v.Report.ID)
	v.CanAttach = ttdn.CanReport(reqOf(r).user, ttdn.ActEdit, v.Report.UnitID) && !v.Report.Locked()
	return err
}

// handleReportFiles stores the uploaded files for the report.
func (s *Server) handleReportFiles(w http.ResponseWriter, r *http.Request) {
	v, err := s.newReportView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.formAllowed(w, r, ttdn.CanReport(reqOf(r).user, ttdn.ActEdit, v.Report.UnitID)) {
		return
	}
	files, err := readEvidence(r)
	if err == nil && len(files) == 0 {
		err = ttdn.Errorf(ttdn.EINVALID, "Hãy chọn ít nhất một tệp.", "Choose at least one file.").On("files")
	}
	if err == nil {
		err = s.cfg.Attachments.CreateAttachments(r.Context(), ttdn.ResourceUnitReport, v.Report.ID, files)
	}
	if err != nil {
		s.reportFilesError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/reports/"+itoa(v.Report.ID)+"#files", "flash.saved")
}

// reportFilesError shows the report page again with the error.
func (s *Server) reportFilesError(w http.ResponseWriter, r *http.Request, err error) {
	v, verr := s.newReportView(r)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	s.renderWithError(w, r, err, "report_unit", "ureport.title", v)
}
