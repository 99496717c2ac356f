package http

import (
	"net/http"
	"strconv"

	"ttdn"
)

// inlineSafe are the content types a browser may be told as they are: none
// of them runs script. Anything else goes out as application/octet-stream.
var inlineSafe = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"text/plain; charset=utf-8": true, "text/csv; charset=utf-8": true, "application/zip": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
	"application/vnd.oasis.opendocument.text":                                   true, "application/vnd.oasis.opendocument.spreadsheet": true,
	"application/vnd.ms-powerpoint": true, "application/msword": true, "application/vnd.ms-excel": true, "audio/mpeg": true, "video/mp4": true,
}

// handleAttachment serves evidence as a download. Storage decides through
// the policy of the record the file belongs to; a file the user may not
// read does not exist.
func (s *Server) handleAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, err := s.cfg.Attachments.FindAttachmentByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ct := a.ContentType
	if !inlineSafe[ct] {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", ttdn.ContentDisposition(a.Name))
	h.Set("Content-Length", strconv.Itoa(len(a.Data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(a.Data)
}

// handleAttachmentDelete removes a file of an activity or a unit report
// and goes back to its record's files. Storage decides who may (those who
// may edit the record, while it takes files) and refuses evidence of a
// step taken; a file one may not read answers as missing.
func (s *Server) handleAttachmentDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, err := s.cfg.Attachments.DeleteAttachment(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	back := "/activities/" + itoa(a.OwnerID) + "#files"
	if a.OwnerKind == ttdn.ResourceUnitReport {
		back = "/reports/" + itoa(a.OwnerID) + "#files"
	}
	s.redirectWithFlash(w, r, back, "flash.file_deleted")
}
