package http

import (
	"bytes"
	"fmt"
	"net/http"

	"ttdn"
)

// OPML is how feed readers exchange source lists; monitors bring theirs in
// and take the registry out the same way.

func (s *Server) handlePressOPMLExport(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Press.WriteOPML == nil {
		s.renderError(w, r, errNotFound)
		return
	}
	list, _, err := s.cfg.Press.Sources.FindSources(r.Context(), ttdn.SourceFilter{Limit: 10000})
	var buf bytes.Buffer
	if err == nil {
		err = s.cfg.Press.WriteOPML(&buf, "Nguồn tin theo dõi dư luận báo chí", list)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sendPressFile(w, "text/x-opml; charset=utf-8", "nguon-tin.opml", &buf)
}

// handlePressOPMLImport adds the sources of an uploaded OPML file; feeds
// already registered (same URL) or refused are counted and skipped, so
// importing the same file twice changes nothing. The counts travel in the
// redirect's query to the list.
func (s *Server) handlePressOPMLImport(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionCreate, ttdn.ResourcePressSource) {
		return
	}
	if s.cfg.Press.ReadOPML == nil {
		s.renderError(w, r, errNotFound)
		return
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		s.renderError(w, r, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn một tệp OPML.", "Choose an OPML file."))
		return
	}
	defer file.Close()
	list, err := s.cfg.Press.ReadOPML(file)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	added, skipped := 0, 0
	for _, src := range list {
		if err := s.cfg.Press.Sources.CreateSource(r.Context(), src); ttdn.ErrorCode(err) == ttdn.EINTERNAL {
			s.renderError(w, r, err)
			return
		} else if err != nil {
			skipped++ // a duplicate feed or an outline the registry refuses
			continue
		}
		added++
	}
	s.redirect(w, r, fmt.Sprintf("/press/sources?imported=%d&skipped=%d", added, skipped))
}
