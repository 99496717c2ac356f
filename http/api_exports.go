package http

import (
	"bytes"
	"io"
	"net/http"

	"ttdn"
	"ttdn/document"
)

// apiExportRoutes registers the documents the pages export, as downloads:
// a case's report for the Ban Chỉ đạo and the press digest, in DOCX or PDF,
// and a budget estimate's appraisal report (DOCX) — the same writers and
// the same reads as the pages.
func (s *Server) apiExportRoutes() {
	if s.cfg.Budgets != nil {
		s.op("GET /api/v1/budgets/{id}/appraisal.docx", s.apiAppraisalDOCX)
	}
	if s.cfg.Cases != nil {
		s.op("GET /api/v1/cases/{id}/report/{format}", s.apiCaseReport)
	}
	if s.cfg.Press != nil {
		s.op("GET /api/v1/press/digest/export/{format}", s.apiDigestExport)
	}
}

// docFormat is how one export format is written and sent.
type docFormat[T any] struct {
	write func(io.Writer, T) error
	ext   string
	ct    string
}

// pickFormat returns the writer of {format} (docx or pdf); another format
// is not found.
func pickFormat[T any](r *http.Request, docx, pdf func(io.Writer, T) error) (docFormat[T], error) {
	switch r.PathValue("format") {
	case "docx":
		return docFormat[T]{docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}, nil
	case "pdf":
		return docFormat[T]{pdf, "pdf", "application/pdf"}, nil
	}
	return docFormat[T]{}, errNotFound
}

// file writes v in the format as a download named name.
func (f docFormat[T]) file(name string, v T) (*apiResult, error) {
	var buf bytes.Buffer
	if err := f.write(&buf, v); err != nil {
		return nil, ttdn.Errorf(ttdn.EINTERNAL, "Không tạo được tệp: %v", "The file could not be made: %v", err)
	}
	return &apiResult{status: http.StatusOK, file: &ttdn.Attachment{Name: name + "." + f.ext, ContentType: f.ct, Data: buf.Bytes()}}, nil
}

func (s *Server) apiCaseReport(r *http.Request) (*apiResult, error) {
	f, err := pickFormat(r, document.WriteCaseDOCX, document.WriteCasePDF)
	if err != nil {
		return nil, err
	}
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	rep, err := s.caseReport(r, id)
	if err != nil {
		return nil, err
	}
	return f.file("bao-cao-vu-viec-"+itoa(id), rep)
}

// apiDigestExport is the digest of ?kind= and ?day= (YYYY-MM-DD) as a
// document.
func (s *Server) apiDigestExport(r *http.Request) (*apiResult, error) {
	f, err := pickFormat(r, document.WriteDigestDOCX, document.WriteDigestPDF)
	if err != nil {
		return nil, err
	}
	if _, err := queryDate(r, "day"); err != nil {
		return nil, err
	}
	kind, day, _, err := s.digestQuery(r.URL.Query())
	if err != nil {
		return nil, err
	}
	d, err := s.cfg.Press.Digests.PressDigest(r.Context(), kind, day)
	if err != nil {
		return nil, err
	}
	return f.file("tong-hop-du-luan-bao-chi-"+string(kind)+"-"+day.ISO(), d)
}

// apiAppraisalDOCX is the appraisal report of the estimate, dated today;
// the page's view gathers it (its buttons are not used here).
func (s *Server) apiAppraisalDOCX(r *http.Request) (*apiResult, error) {
	v, err := s.newBudgetView(r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := writeAppraisalDOCX(&buf, v, ttdn.DateOf(s.now().In(vietnam)), s.province(r)); err != nil {
		return nil, ttdn.Errorf(ttdn.EINTERNAL, "Không tạo được tệp: %v", "The file could not be made: %v", err)
	}
	return &apiResult{status: http.StatusOK, file: &ttdn.Attachment{Name: "tham-dinh-du-toan-" + itoa(v.E.ID) + ".docx",
		ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Data: buf.Bytes()}}, nil
}
