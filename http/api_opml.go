package http

import (
	"bytes"
	"context"
	"net/http"
	"time"

	"ttdn"
)

// apiOPMLRoutes registers the press source list as OPML (issue 7): export,
// and an import that runs in the background like the page's, followed at
// /press/source-imports/{id}.
func (s *Server) apiOPMLRoutes() {
	p := s.cfg.Press
	if p == nil {
		return
	}
	if p.WriteOPML != nil {
		s.op("GET /api/v1/press/sources/opml", s.apiOPMLExport)
	}
	if s.opmlImport() {
		s.op("POST /api/v1/press/sources/opml", press(ttdn.ActionCreate, ttdn.ResourcePressSource, s.apiOPMLImport))
		s.op("GET /api/v1/press/source-imports/{id}", s.apiSourceImport)
	}
}

func (s *Server) apiOPMLExport(r *http.Request) (*apiResult, error) {
	list, _, err := s.cfg.Press.Sources.FindSources(r.Context(), ttdn.SourceFilter{Limit: 10000})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := s.cfg.Press.WriteOPML(&buf, "Nguồn tin theo dõi dư luận báo chí", list); err != nil {
		return nil, err
	}
	return &apiResult{status: http.StatusOK, file: &ttdn.Attachment{Name: "nguon-tin.opml", ContentType: "text/x-opml; charset=utf-8", Data: buf.Bytes()}}, nil
}

// apiOPMLImport starts importing the outlines of an uploaded OPML file
// (multipart, field "file"), each checked like a source added by hand; it
// answers 202 with the import after a moment (a small one is done by then).
func (s *Server) apiOPMLImport(r *http.Request) (*apiResult, error) {
	if !isMultipart(r) {
		return nil, withStatus(http.StatusUnsupportedMediaType, ttdn.EINVALID, "Gửi tệp OPML bằng multipart/form-data, trường file.", "Send the OPML file as multipart/form-data, field file.")
	}
	r.Body = http.MaxBytesReader(nil, r.Body, s.cfg.MaxUploadBytes+1<<20)
	file, header, err := r.FormFile("file")
	if err != nil {
		return nil, apiField("file", ttdn.Errorf(ttdn.EINVALID, "Hãy chọn một tệp OPML.", "Choose an OPML file."))
	}
	defer file.Close()
	list, err := s.cfg.Press.ReadOPML(file)
	if err != nil {
		return nil, apiField("file", err)
	}
	imp, err := s.cfg.Press.Imports.StartSourceImport(r.Context(), header.Filename, len(list))
	if err != nil {
		return nil, err
	}
	ctx := context.WithoutCancel(r.Context()) // the import outlives the request
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := ttdn.RunSourceImport(ctx, s.cfg.Press.Sources, s.cfg.Press.Imports, s.checkFeedURL, imp, list, nil); err != nil {
			s.log.Error("api: OPML import", "import", imp.ID, "err", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
	}
	if cur, err := s.cfg.Press.Imports.FindSourceImport(r.Context(), imp.ID, ttdn.SourceImportFilter{Limit: 0}); err == nil {
		imp = cur
	}
	imp.Lines = nonNil(imp.Lines)
	return &apiResult{status: http.StatusAccepted, body: imp, location: "/api/v1/press/source-imports/" + itoa(imp.ID)}, nil
}

// apiSourceImport is an import's progress and its outlines (problems=true:
// only those not added), a page at a time.
func (s *Server) apiSourceImport(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	imp, err := s.cfg.Press.Imports.FindSourceImport(r.Context(), id, ttdn.SourceImportFilter{
		Problems: r.URL.Query().Get("problems") == "true", Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	imp.Lines = nonNil(imp.Lines)
	return ok(imp, 0)
}
