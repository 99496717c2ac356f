package http

import (
	"context"
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

// filesOp attaches multipart files ("files") to the record at {id}: found
// first (a record one may not read is not found, whatever the body), then
// each file added through the record's own service, which checks the
// policy and writes the audit entry.
func (s *Server) filesOp(find func(ctx context.Context, id int64) error, add func(ctx context.Context, id int64, files ...*ttdn.Attachment) error) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		id, err := apiPathID(r)
		if err != nil {
			return nil, err
		}
		if err := find(r.Context(), id); err != nil {
			return nil, err
		}
		if !isMultipart(r) {
			return nil, withStatus(http.StatusUnsupportedMediaType, ttdn.EINVALID, "Tệp gửi bằng multipart/form-data, trường files.", "Send files as multipart/form-data, field files.")
		}
		files, err := s.parseAPIMultipart(r)
		if err == nil && len(files) == 0 {
			err = apiField("files", ttdn.Errorf(ttdn.EINVALID, "Hãy chọn tệp cần đính kèm.", "Choose a file to attach."))
		}
		if err != nil {
			return nil, err
		}
		if err := add(r.Context(), id, files...); err != nil {
			return nil, apiField("files", err)
		}
		for _, f := range files {
			f.Data = nil
		}
		return created(map[string]any{"items": files}, 0, strings.TrimSuffix(r.URL.Path, "/"))
	}
}

// found adapts a finder to filesOp.
func found[T any](find func(ctx context.Context, id int64) (T, error)) func(ctx context.Context, id int64) error {
	return func(ctx context.Context, id int64) error {
		_, err := find(ctx, id)
		return err
	}
}

// withoutData lists attachments without their contents.
func withoutData(find func(ctx context.Context, id int64) ([]*ttdn.Attachment, error)) func(ctx context.Context, id int64) ([]*ttdn.Attachment, error) {
	return func(ctx context.Context, id int64) ([]*ttdn.Attachment, error) {
		files, err := find(ctx, id)
		for _, f := range files {
			f.Data = nil
		}
		return files, err
	}
}
