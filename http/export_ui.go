package http

import (
	"bytes"
	"net/http"

	"ttdn"
	"ttdn/export"
)

// exportFormat is the ?format= of a list: "csv", "xlsx", or "" for the page.
func exportFormat(r *http.Request) string {
	switch f := r.URL.Query().Get("format"); f {
	case "csv", "xlsx":
		return f
	}
	return ""
}

// writeExport sends a list as a file named name.csv or name.xlsx. The file
// is built in memory first so that a failure is still an error page.
func (s *Server) writeExport(w http.ResponseWriter, r *http.Request, name string, t export.Table) {
	var buf bytes.Buffer
	format := exportFormat(r)
	ct := "text/csv; charset=utf-8"
	var err error
	if format == "xlsx" {
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = export.WriteXLSX(&buf, t)
	} else {
		err = export.WriteCSV(&buf, t)
	}
	if err != nil {
		s.renderError(w, r, ttdn.Errorf(ttdn.EINTERNAL, "Không xuất được tệp: %v", "The file could not be exported: %v", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", ttdn.ContentDisposition(name+"."+format))
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

// exportLinks are the list's CSV and XLSX links, keeping its filters.
type exportLinks struct{ CSV, XLSX string }

func newExportLinks(r *http.Request) exportLinks {
	link := func(f string) string {
		q := r.URL.Query()
		q.Del("page")
		q.Set("format", f)
		return r.URL.Path + "?" + q.Encode()
	}
	return exportLinks{CSV: link("csv"), XLSX: link("xlsx")}
}
