package http

import (
	"bytes"
	"context"
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

// opmlImport reports whether OPML import is wired.
func (s *Server) opmlImport() bool { return s.cfg.Press.ReadOPML != nil && s.cfg.Press.Imports != nil }

// handlePressOPMLImport starts an import of the sources an uploaded OPML
// file lists. A file over the cap is refused whole. Otherwise the import
// runs in the background — each outline is checked like a source added by
// hand (the feed guard resolves host names, which takes time) — and the
// browser goes to its page, which shows the progress and then what became
// of each outline. A small import is usually over before the redirect.
func (s *Server) handlePressOPMLImport(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionCreate, ttdn.ResourcePressSource) {
		return
	}
	if !s.opmlImport() {
		s.renderError(w, r, errNotFound)
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		s.renderError(w, r, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn một tệp OPML.", "Choose an OPML file."))
		return
	}
	defer file.Close()
	list, err := s.cfg.Press.ReadOPML(file)
	var imp *ttdn.SourceImport
	if err == nil {
		imp, err = s.cfg.Press.Imports.StartSourceImport(r.Context(), header.Filename, len(list))
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.runInBackground(r, "OPML import", func(ctx context.Context) error {
		return ttdn.RunSourceImport(ctx, s.cfg.Press.Sources, s.cfg.Press.Imports, s.checkFeedURL, imp, list, nil)
	})
	s.redirect(w, r, fmt.Sprintf("/press/source-imports/%d", imp.ID))
}

// pressImportView is an import's page: its counts and a page of outlines.
type pressImportView struct {
	*ttdn.SourceImport
	Problems    bool // only the outlines not added
	Pager       pager
	Stalled     bool
	AllHref     string
	ProblemHref string
}

// Running reports an import still at work (the page then reloads itself).
func (v *pressImportView) Running() bool { return v.State == ttdn.ImportRunning && !v.Stalled }

// Percent is the share of outlines handled.
func (v *pressImportView) Percent() int { return 100 * v.Done() / max(v.Total, 1) }

func (s *Server) handlePressOPMLImportView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil || s.cfg.Press.Imports == nil {
		s.renderError(w, r, errNotFound)
		return
	}
	current, offset := pageNumber(r)
	problems := r.URL.Query().Get("show") == "problems"
	imp, err := s.cfg.Press.Imports.FindSourceImport(r.Context(), id, ttdn.SourceImportFilter{Problems: problems, Offset: offset, Limit: pageSize})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	base := fmt.Sprintf("/press/source-imports/%d", id)
	v := &pressImportView{SourceImport: imp, Problems: problems, Pager: newPager(r, current, imp.LineTotal),
		Stalled: imp.Stalled(s.now()), AllHref: base, ProblemHref: base + "?show=problems"}
	if v.Running() {
		w.Header().Set("Refresh", "2") // progress without script
	}
	s.render(w, r, http.StatusOK, "press_import", "press.import_title", v)
}

// OutlineOutcome and LineMessage word an import's outlines.
func (p *page) OutlineOutcome(o ttdn.OutlineOutcome) string {
	return translate(p.Lang, "press.outline_"+string(o))
}

func (p *page) LineMessage(l ttdn.SourceImportLine) string {
	if p.Lang == langEN && l.MessageEN != "" {
		return l.MessageEN
	}
	return l.Message
}
