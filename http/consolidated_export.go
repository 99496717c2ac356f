package http

import (
	"bytes"
	"io"
	"net/http"

	"ttdn"
	"ttdn/document"
)

// consolidatedFormats are the files of the consolidated report, with their
// content types.
var consolidatedFormats = map[string]string{
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"pdf":  "application/pdf",
	"csv":  "text/csv; charset=utf-8",
}

// handleConsolidatedExport sends the report as DOCX (Nghị định 30/2020
// layout), XLSX (the table, then one sheet per accepted unit report), PDF
// or CSV. The file is built in memory so a failure is still an error page.
func (s *Server) handleConsolidatedExport(w http.ResponseWriter, r *http.Request) {
	format := r.PathValue("format")
	ct, ok := consolidatedFormats[format]
	id, err := pathID(r)
	if err == nil && !ok {
		err = errNotFound
	}
	var c *ttdn.ConsolidatedReport
	if err == nil {
		c, err = s.cfg.Consolidated.FindConsolidatedReport(r.Context(), id)
	}
	var buf bytes.Buffer
	if err == nil {
		err = s.writeConsolidated(r, &buf, format, c)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	name := "Báo cáo tổng hợp"
	if c.Period != nil {
		name += " " + c.Period.Name
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", ttdn.ContentDisposition(name+"."+format))
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) writeConsolidated(r *http.Request, w io.Writer, format string, c *ttdn.ConsolidatedReport) error {
	switch format {
	case "docx":
		return document.WriteDOCX(w, c)
	case "pdf":
		return document.WritePDF(w, c)
	case "csv":
		return document.WriteCSV(w, c)
	}
	accepted := ttdn.ReportAccepted
	reports, _, err := s.cfg.UnitReports.FindUnitReports(r.Context(), ttdn.UnitReportFilter{PeriodID: &c.PeriodID,
		Status: &accepted, WithValues: true, Limit: 5000})
	if err != nil {
		return err
	}
	return document.WriteXLSX(w, c, reports)
}
