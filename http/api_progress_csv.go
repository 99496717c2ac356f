package http

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"ttdn"
)

// apiProgressCSVRoutes registers the progress CSV (issue 3) in the API:
// one row per task (ttdn.ColTask…), previewed first, then applied all or
// nothing — the same parser and progress service as the page.
func (s *Server) apiProgressCSVRoutes() {
	if s.cfg.ProgressCSV == nil {
		return
	}
	s.op("POST /api/v1/plans/{id}/progress-csv/preview", s.apiProgressCSV(false))
	s.op("POST /api/v1/plans/{id}/progress-csv", s.apiProgressCSV(true))
}

// apiProgressCSV reads the CSV (the body as text/csv, or the field "file"
// of a multipart form), then previews or applies it. A preview answers its
// rows and errors; an apply with any error changes nothing and is refused.
func (s *Server) apiProgressCSV(apply bool) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		plan, err := s.cfg.Plans.FindPlanByID(r.Context(), id)
		if err != nil {
			return nil, err
		}
		text, err := s.readAPICSV(r)
		if err != nil {
			return nil, apiField("file", err)
		}
		parsed, err := ttdn.ParseProgressCSV(strings.NewReader(text))
		if err != nil {
			return nil, apiField("file", err)
		}
		var p *ttdn.BulkPreview
		if apply {
			p, err = s.cfg.ProgressCSV.ApplyProgressCSV(r.Context(), plan.ID, parsed)
		} else {
			p, err = s.cfg.ProgressCSV.PreviewProgressCSV(r.Context(), plan.ID, parsed)
		}
		if err != nil {
			return nil, err
		}
		p.Rows, p.Errors = nonNil(p.Rows), nonNil(p.Errors)
		return ok(p, 0)
	}
}

func (s *Server) readAPICSV(r *http.Request) (string, error) {
	tooLarge := ttdn.Errorf(ttdn.ETOOLARGE, "Tệp CSV vượt quá %s.", "The CSV file is over %s.", formatBytes(maxCSVBytes))
	if isMultipart(r) {
		r.Body = io.NopCloser(io.LimitReader(r.Body, maxCSVBytes+64<<10))
		if err := r.ParseMultipartForm(maxCSVBytes); err != nil {
			return "", tooLarge
		}
		_, text, err := readCSVUpload(r)
		return text, err
	}
	if mt := strings.ToLower(r.Header.Get("Content-Type")); !strings.HasPrefix(mt, "text/csv") {
		return "", withStatus(http.StatusUnsupportedMediaType, ttdn.EINVALID, "Gửi CSV với Content-Type: text/csv, hoặc multipart/form-data trường file.",
			"Send the CSV as Content-Type: text/csv, or multipart/form-data field file.")
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxCSVBytes+1))
	if err != nil {
		return "", ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp CSV.", "The CSV file could not be read.")
	} else if len(data) > maxCSVBytes {
		return "", tooLarge
	} else if len(bytes.TrimSpace(data)) == 0 {
		return "", ttdn.Errorf(ttdn.EINVALID, "Hãy chọn tệp CSV.", "Choose a CSV file.")
	}
	return ttdn.CleanText(string(data)), nil
}
