package http

import (
	"bytes"
	"net/http"

	"ttdn"
	"ttdn/document"
)

// handleCaseReport sends the case report (DOCX or PDF) for the Ban Chỉ
// đạo. Reading a secret case for it is audited like any read.
func (s *Server) handleCaseReport(w http.ResponseWriter, r *http.Request) {
	write, ext, ct := document.WriteCaseDOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	switch r.PathValue("format") {
	case "docx":
	case "pdf":
		write, ext, ct = document.WriteCasePDF, "pdf", "application/pdf"
	default:
		s.renderError(w, r, errNotFound)
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	rep, err := s.caseReport(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := write(&buf, rep); err != nil {
		s.renderError(w, r, ttdn.Errorf(ttdn.EINTERNAL, "Không tạo được báo cáo: %v", "The report could not be made: %v", err))
		return
	}
	sendPressFile(w, ct, "bao-cao-vu-viec-"+itoa(id)+"."+ext, &buf)
}

// caseReport gathers what the case report shows.
func (s *Server) caseReport(r *http.Request, id int64) (*document.CaseReport, error) {
	ctx := r.Context()
	c, err := s.cfg.Cases.FindCaseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	rep := &document.CaseReport{Case: c, Now: s.now(), Zone: vietnam}
	if rep.UnitNames, err = s.unitNames(r); err != nil {
		return nil, err
	}
	if rep.Evidence, err = s.cfg.Cases.FindCaseEvidence(ctx, id); err != nil {
		return nil, err
	}
	if c.StoryID != 0 {
		rep.Spread, err = s.cfg.Cases.FindCaseSpread(ctx, id)
	}
	return rep, err
}
