package http

import (
	"net/http"
	"net/url"

	"ttdn"
)

// apiImportRoutes registers the plan import (issue 1) in the API: the same
// upload checks, parser and duplicate check as the pages. The preview
// stores nothing; the import stores the plan as the parser read it (units
// it could not match keep their text and are matched later on the plan).
func (s *Server) apiImportRoutes() {
	if s.cfg.LoadResolver == nil {
		return
	}
	s.op("POST /api/v1/plans/import/preview", s.apiImportPreview)
	s.op("POST /api/v1/plans/import", s.apiImport)
}

// importPreviewAnswer is what the parser read, before anything is stored.
type importPreviewAnswer struct {
	Plan       *ttdn.Plan   `json:"plan"`
	Warnings   []string     `json:"warnings"`
	Duplicates []*ttdn.Plan `json:"duplicates"` // stored plans with the same number or title and year
}

// apiUpload checks the caller may import, then reads and parses the
// multipart file ("file") with the form's other fields.
func (s *Server) apiUpload(r *http.Request) (*importPreviewAnswer, url.Values, *importExtras, error) {
	if !ttdn.Can(ttdn.UserFromContext(r.Context()), ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: ttdn.Internal}) {
		return nil, nil, nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền nhập kế hoạch.", "You may not import plans.")
	}
	if !isMultipart(r) {
		return nil, nil, nil, withStatus(http.StatusUnsupportedMediaType, ttdn.EINVALID, "Gửi tệp kế hoạch bằng multipart/form-data, trường file.", "Send the plan file as multipart/form-data, field file.")
	}
	r.Body = http.MaxBytesReader(nil, r.Body, s.cfg.MaxUploadBytes+1<<20)
	if err := r.ParseMultipartForm(s.cfg.MaxUploadBytes); err != nil {
		return nil, nil, nil, apiField("file", ttdn.Errorf(ttdn.ETOOLARGE, "Không đọc được tệp tải lên (hoặc quá lớn).", "The upload could not be read (or is too large)."))
	}
	name, data, err := s.readUpload(r)
	if err != nil {
		return nil, nil, nil, apiField("file", err)
	}
	res, err := s.parseUpload(r, name, data)
	if err != nil {
		return nil, nil, nil, apiField("file", err)
	}
	form := url.Values(r.MultipartForm.Value)
	x, err := s.importExtrasFrom(r, res.Plan, form)
	if err != nil {
		return nil, nil, nil, err
	}
	out := &importPreviewAnswer{Plan: res.Plan, Warnings: []string{}, Duplicates: nonNil(x.Duplicates)}
	for _, w := range res.Warnings {
		out.Warnings = append(out.Warnings, w.Text)
	}
	return out, form, x, nil
}

func (s *Server) apiImportPreview(r *http.Request) (*apiResult, error) {
	out, _, _, err := s.apiUpload(r)
	if err != nil {
		return nil, err
	}
	return ok(out, 0)
}

// apiImport stores the plan: fields classification (internal by default),
// number and issued_on (when the file lacks them), again=true to import a
// plan already stored as a new version.
func (s *Server) apiImport(r *http.Request) (*apiResult, error) {
	out, form, x, err := s.apiUpload(r)
	if err != nil {
		return nil, err
	}
	p := out.Plan
	if v := form.Get("classification"); v != "" {
		if p.Classification, err = ttdn.ParseClassification(v); err != nil {
			return nil, apiField("classification", err)
		}
	}
	if form.Get("again") == "true" {
		x.Again = true
	}
	if err := x.applyExtras(p); err != nil {
		return nil, err
	}
	if err := s.cfg.Plans.CreatePlan(r.Context(), p); err != nil {
		return nil, err
	}
	if p, err = s.cfg.Plans.FindPlanByID(r.Context(), p.ID); err != nil {
		return nil, err
	}
	return created(p, p.Version, "/api/v1/plans/"+itoa(p.ID))
}
