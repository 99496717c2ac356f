package http

import (
	"bytes"
	"context"
	"net/http"

	"ttdn"
	"ttdn/directory"
	"ttdn/export"
)

// apiUnitDirectoryRoutes registers the unit directory as a file (issue 13)
// in the API: the export, a preview that stores nothing and answers each
// row's change and errors, and the import, which stores every row or
// nothing. Administrators only, as on the pages; the directory service
// checks the policy again and audits the import.
func (s *Server) apiUnitDirectoryRoutes() {
	if s.cfg.Directory == nil {
		return
	}
	s.op("GET /api/v1/units/export", admin(s.apiDirectoryExport))
	s.op("POST /api/v1/units/import/preview", admin(s.apiDirectoryLoad(s.cfg.Directory.CheckDirectory)))
	s.op("POST /api/v1/units/import", admin(s.apiDirectoryLoad(s.cfg.Directory.ImportDirectory)))
}

// apiDirectoryExport is the directory as ?format=csv (the default) or xlsx.
func (s *Server) apiDirectoryExport(r *http.Request) (*apiResult, error) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		return nil, apiField("format", ttdn.Errorf(ttdn.EINVALID, "Định dạng phải là csv hoặc xlsx.", "The format must be csv or xlsx."))
	}
	rows, err := s.cfg.Directory.ExportDirectory(r.Context())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	t := directory.FileTable(rows)
	ct := "text/csv; charset=utf-8"
	if format == "xlsx" {
		ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = export.WriteXLSX(&buf, t)
	} else {
		err = export.WriteCSV(&buf, t)
	}
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINTERNAL, "Không tạo được tệp: %v", "The file could not be made: %v", err)
	}
	return &apiResult{status: http.StatusOK, file: &ttdn.Attachment{Name: "danh-muc-don-vi." + format, ContentType: ct, Data: buf.Bytes()}}, nil
}

// directoryAnswer is a checked directory file in the API's words.
type directoryAnswer struct {
	Rows    []directoryRowAnswer `json:"rows"`
	New     int                  `json:"new"`
	Changed int                  `json:"changed"`
	Same    int                  `json:"same"`
	Bad     int                  `json:"bad"`
}

type directoryRowAnswer struct {
	Line      int             `json:"line"`
	Code      string          `json:"code"`
	Name      string          `json:"name"`
	ShortName string          `json:"short_name"`
	Aliases   []string        `json:"aliases"`
	Kind      ttdn.UnitKind   `json:"kind"`
	Parent    string          `json:"parent"`
	Successor string          `json:"successor"`
	ValidFrom ttdn.Date       `json:"valid_from"`
	ValidTo   ttdn.Date       `json:"valid_to"`
	Note      string          `json:"note"`
	Change    string          `json:"change"`
	Errors    []ttdn.RowError `json:"errors"`
}

func newDirectoryAnswer(res *ttdn.DirectoryImport) *directoryAnswer {
	out := &directoryAnswer{Rows: []directoryRowAnswer{}, New: res.New, Changed: res.Changed, Same: res.Same, Bad: res.Bad}
	for _, r := range res.Rows {
		out.Rows = append(out.Rows, directoryRowAnswer{Line: r.Line, Code: r.Code, Name: r.Name, ShortName: r.ShortName,
			Aliases: nonNil(r.Aliases), Kind: r.Kind, Parent: r.Parent, Successor: r.Successor, ValidFrom: r.ValidFrom,
			ValidTo: r.ValidTo, Note: r.Note, Change: r.Change, Errors: nonNil(r.Errors)})
	}
	return out
}

// apiDirectoryLoad reads the multipart file ("file", .csv or .xlsx) and
// hands its rows to check or import. A file with rows in error stores
// nothing: the import then answers 422 with the rows, as the preview does.
func (s *Server) apiDirectoryLoad(load func(ctx context.Context, rows []*ttdn.DirectoryRow) (*ttdn.DirectoryImport, error)) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		if !isMultipart(r) {
			return nil, withStatus(http.StatusUnsupportedMediaType, ttdn.EINVALID, "Gửi tệp danh mục bằng multipart/form-data, trường file.",
				"Send the directory file as multipart/form-data, field file.")
		}
		r.Body = http.MaxBytesReader(nil, r.Body, maxDirectoryFile+1<<20)
		if err := r.ParseMultipartForm(maxDirectoryFile); err != nil {
			return nil, apiField("file", ttdn.Errorf(ttdn.ETOOLARGE, "Không đọc được tệp tải lên (hoặc quá lớn).", "The upload could not be read (or is too large)."))
		}
		name, data, err := readDirectoryUpload(r)
		if err != nil {
			return nil, apiField("file", err)
		}
		rows, err := directory.ReadFile(name, data)
		if err != nil {
			return nil, apiField("file", err)
		}
		res, err := load(r.Context(), rows)
		if err != nil && res != nil && res.Bad > 0 {
			return &apiResult{status: http.StatusUnprocessableEntity, body: newDirectoryAnswer(res)}, nil
		}
		if err != nil {
			return nil, err
		}
		return ok(newDirectoryAnswer(res), 0)
	}
}
