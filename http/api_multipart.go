package http

import (
	"io"
	"net/http"
	"strings"

	"ttdn"
)

// isMultipart reports whether the request carries a multipart form (files).
func isMultipart(r *http.Request) bool {
	return strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "multipart/form-data")
}

// parseAPIMultipart reads a multipart form of at most MaxEvidenceBytes and
// its files ("files"), typed by content and size-limited as on the pages.
func (s *Server) parseAPIMultipart(r *http.Request) ([]*ttdn.Attachment, error) {
	r.Body = io.NopCloser(io.LimitReader(r.Body, s.cfg.MaxEvidenceBytes))
	if err := r.ParseMultipartForm(s.cfg.MaxEvidenceBytes); err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được biểu mẫu multipart (hoặc quá lớn).", "The multipart form could not be read (or is too large).")
	}
	files, err := readEvidence(r)
	return files, apiField("files", err)
}

// readCloser makes a reader a request body.
func readCloser(r io.Reader) io.ReadCloser { return io.NopCloser(r) }
