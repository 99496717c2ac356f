package http

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"path/filepath"

	"ttdn"
	"ttdn/directory"
	"ttdn/export"
)

// The unit directory as a file (CSV, XLSX): an administrator exports it,
// edits it in a spreadsheet, loads it back through a preview with the
// errors of each row, and nothing is stored until every row is right.

// maxDirectoryFile bounds an uploaded directory file.
const maxDirectoryFile = 8 << 20

func (s *Server) directoryRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Directory == nil {
		return
	}
	auth("GET /units/export/{format}", s.handleDirectoryExport)
	auth("GET /units/import", s.handleDirectoryImportForm)
	auth("POST /units/import", s.handleDirectoryPreview)
	auth("POST /units/import/confirm", s.handleDirectoryConfirm)
}

// directoryPreview is the checked file, carried to the confirmation.
type directoryPreview struct {
	Name string
	Data string // the file, base64
	Res  *ttdn.DirectoryImport
}

func (s *Server) handleDirectoryExport(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	format := r.PathValue("format")
	if format != "csv" && format != "xlsx" {
		s.renderError(w, r, ttdn.Errorf(ttdn.ENOTFOUND, "Không có định dạng này.", "No such format."))
		return
	}
	rows, err := s.cfg.Directory.ExportDirectory(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
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
		s.renderError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", ttdn.ContentDisposition("danh-muc-don-vi."+format))
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) handleDirectoryImportForm(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	s.render(w, r, http.StatusOK, "directory_import", "directory.import_title", &directoryPreview{})
}

func (s *Server) handleDirectoryPreview(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	name, data, err := readDirectoryUpload(r)
	if err != nil {
		s.renderWithError(w, r, err, "directory_import", "directory.import_title", &directoryPreview{})
		return
	}
	v := &directoryPreview{Name: name, Data: base64.StdEncoding.EncodeToString(data)}
	rows, err := directory.ReadFile(name, data)
	if err == nil {
		v.Res, err = s.cfg.Directory.CheckDirectory(r.Context(), rows)
	}
	if err != nil {
		s.renderWithError(w, r, err, "directory_import", "directory.import_title", &directoryPreview{})
		return
	}
	s.render(w, r, http.StatusOK, "directory_import", "directory.import_title", v)
}

func (s *Server) handleDirectoryConfirm(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	name := filepath.Base(r.PostFormValue("name"))
	data, err := base64.StdEncoding.DecodeString(r.PostFormValue("data"))
	if err != nil || len(data) == 0 || len(data) > maxDirectoryFile {
		s.renderWithError(w, r, ttdn.Errorf(ttdn.EINVALID, "Dữ liệu tệp của bản xem trước bị hỏng; hãy tải tệp lên lại.",
			"The preview's file data is damaged; upload the file again."), "directory_import", "directory.import_title", &directoryPreview{})
		return
	}
	v := &directoryPreview{Name: name, Data: r.PostFormValue("data")}
	rows, err := directory.ReadFile(name, data)
	if err == nil {
		v.Res, err = s.cfg.Directory.ImportDirectory(r.Context(), rows)
	}
	if err != nil {
		s.renderWithError(w, r, err, "directory_import", "directory.import_title", v)
		return
	}
	s.redirectWithFlash(w, r, "/units", "flash.directory_imported")
}

// readDirectoryUpload reads the uploaded file of the import form.
func readDirectoryUpload(r *http.Request) (string, []byte, error) {
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn tệp danh mục (.csv hoặc .xlsx) để tải lên.", "Choose a directory file (.csv or .xlsx) to upload.").On("file")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxDirectoryFile+1))
	if err != nil {
		return "", nil, err
	}
	if len(data) > maxDirectoryFile {
		return "", nil, ttdn.Errorf(ttdn.ETOOLARGE, "Tệp quá lớn (tối đa 8 MB).", "The file is too large (at most 8 MB).").On("file")
	}
	return filepath.Base(hdr.Filename), data, nil
}
