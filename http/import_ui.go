package http

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"ttdn"
	"ttdn/planparse"
)

// The import is stateless, so it works on any instance behind a load
// balancer: the preview form carries the uploaded file (base64 in a hidden
// field) and the unit matches the user chose; confirming parses the file
// again and applies the choices. Nothing is stored before the confirmation.

// importForm is the upload form's data.
type importForm struct {
	MaxSize  string
	MaxBytes int64
}

func (s *Server) importFormView() importForm {
	return importForm{MaxSize: formatBytes(s.cfg.MaxUploadBytes), MaxBytes: s.cfg.MaxUploadBytes}
}

func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request) {
	if err := s.canImport(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "import", "import.title", s.importFormView())
}

// importFormError answers a bad upload on the upload form itself.
func (s *Server) importFormError(w http.ResponseWriter, r *http.Request, err error) {
	s.renderWithError(w, r, err, "import", "import.title", s.importFormView())
}

// canImport refuses early a user who could not store the plan anyway.
func (s *Server) canImport(r *http.Request) error {
	res := ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: ttdn.Internal}
	if !ttdn.Can(reqOf(r).user, ttdn.ActionCreate, res) {
		return ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền nhập kế hoạch.", "You may not import plans.")
	}
	return nil
}

func (s *Server) handleImportPreview(w http.ResponseWriter, r *http.Request) {
	if err := s.canImport(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	name, data, err := s.readUpload(r)
	if err != nil {
		s.importFormError(w, r, err)
		return
	}
	res, err := s.parseUpload(r, name, data)
	if err != nil {
		s.importFormError(w, r, err)
		return
	}
	view, err := s.newImportPreview(r, name, data, res, nil)
	if err == nil {
		view.Extras, err = s.importExtrasFrom(r, res.Plan, url.Values{})
	}
	if err != nil {
		s.importFormError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "import_preview", "import.preview_title", view)
}

func (s *Server) handleImportConfirm(w http.ResponseWriter, r *http.Request) {
	if err := s.canImport(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	name := filepath.Base(r.PostFormValue("name"))
	data, err := base64.StdEncoding.DecodeString(r.PostFormValue("data"))
	if err != nil {
		err = ttdn.Errorf(ttdn.EINVALID, "Dữ liệu tệp của bản xem trước bị hỏng; hãy tải tệp lên lại.",
			"The preview's file data is damaged; upload the file again.")
	} else {
		err = s.checkUpload(name, data)
	}
	if err != nil {
		s.importFormError(w, r, err)
		return
	}
	res, err := s.parseUpload(r, name, data)
	if err != nil {
		s.importFormError(w, r, err)
		return
	}
	view, err := s.newImportPreview(r, name, data, res, r.PostForm)
	if err == nil {
		err = view.apply(res.Plan, r.PostForm)
	}
	if err == nil {
		if view.Extras, err = s.importExtrasFrom(r, res.Plan, r.PostForm); err == nil {
			err = view.Extras.applyExtras(res.Plan)
		}
	}
	if err == nil {
		err = s.cfg.Plans.CreatePlan(r.Context(), res.Plan)
	}
	if err != nil {
		s.renderWithError(w, r, err, "import_preview", "import.preview_title", view)
		return
	}
	s.learnAliases(r, view)
	s.redirectWithFlash(w, r, "/plans/"+itoa(res.Plan.ID), "flash.imported")
}

// readUpload reads the uploaded file of the preview form.
func (s *Server) readUpload(r *http.Request) (string, []byte, error) {
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn tệp kế hoạch (.txt, .docx hoặc .pdf) để tải lên.", "Choose a plan file (.txt, .docx or .pdf) to upload.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUploadBytes+1))
	if err != nil {
		return "", nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp tải lên.", "The uploaded file could not be read.")
	}
	name := filepath.Base(hdr.Filename)
	return name, data, s.checkUpload(name, data)
}

// checkUpload refuses what cannot be a plan file before parsing it.
func (s *Server) checkUpload(name string, data []byte) error {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(data) == 0:
		return ttdn.Errorf(ttdn.EINVALID, "Tệp %q rỗng, không có nội dung.", "The file %q is empty.", name)
	case int64(len(data)) > s.cfg.MaxUploadBytes:
		return ttdn.Errorf(ttdn.ETOOLARGE, "Tệp %q vượt quá giới hạn %s.", "The file %q is over the %s limit.", name, formatBytes(s.cfg.MaxUploadBytes))
	case ext != ".txt" && ext != ".docx" && ext != ".pdf":
		return ttdn.Errorf(ttdn.EINVALID, "Chỉ nhận tệp văn bản .txt, Word .docx hoặc PDF có lớp chữ (tệp %q).", "Only .txt text, .docx Word or PDF files with a text layer are accepted (file %q).", name)
	case ext == ".txt" && !utf8.Valid(data):
		return ttdn.Errorf(ttdn.EINVALID,
			"Tệp %q không phải văn bản Unicode (UTF-8), có thể đang dùng bảng mã cũ như Windows-1258 hoặc TCVN3. Hãy lưu lại tệp với bảng mã UTF-8 rồi tải lên lại.",
			"The file %q is not Unicode (UTF-8) text; it may use an old encoding such as Windows-1258 or TCVN3. Save it as UTF-8 and upload it again.", name)
	}
	return nil
}

// parseUpload parses the file against the stored unit directory and refuses
// a text in which no plan was found.
func (s *Server) parseUpload(r *http.Request, name string, data []byte) (*planparse.Result, error) {
	resolver, err := s.cfg.LoadResolver(r.Context())
	if err != nil {
		return nil, err
	}
	res, err := s.parse(data, name, resolver)
	if err != nil {
		return nil, err
	}
	if res == nil || res.Plan == nil || strings.TrimSpace(res.Title) == "" ||
		(len(res.Tasks) == 0 && len(res.Responsibilities) == 0) {
		return nil, ttdn.Errorf(ttdn.EINVALID,
			"Không nhận ra kế hoạch trong tệp %q: không tìm thấy tên kế hoạch và các mục nhiệm vụ.",
			"No plan was recognised in %q: no plan title and no numbered tasks were found.", name)
	}
	return res, nil
}
