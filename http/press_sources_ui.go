package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
	"ttdn/feed"
)

// pressSourcesView is the source registry with each feed's fetch state:
// failures, the last error and why a source was disabled stay visible.
type pressSourcesView struct {
	Rows   []*ttdn.Source
	Pager  pager
	OPML   bool // OPML export is wired
	Import bool // OPML import is wired
}

func (s *Server) handlePressSources(w http.ResponseWriter, r *http.Request) {
	current, offset := pageNumber(r)
	rows, total, err := s.cfg.Press.Sources.FindSources(r.Context(), ttdn.SourceFilter{Offset: offset, Limit: pageSize})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &pressSourcesView{Rows: rows, Pager: newPager(r, current, total), OPML: s.cfg.Press.WriteOPML != nil, Import: s.opmlImport()}
	s.render(w, r, http.StatusOK, "press_sources", "press.sources_title", v)
}

// sourceForm is a source as typed.
type sourceForm struct {
	ID                                                         int64
	Version, Name, Outlet, Country, Language, FeedURL, Minutes string
	Foreign, Enabled                                           bool
}

func sourceFormFrom(r *http.Request, id int64) *sourceForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return &sourceForm{ID: id, Version: v("version"), Name: v("name"), Outlet: v("outlet"), Country: strings.ToUpper(v("country")),
		Language: strings.ToLower(v("language")), FeedURL: v("feed_url"), Minutes: v("poll_minutes"),
		Foreign: v("foreign") == "1", Enabled: v("enabled") == "1"}
}

func (f *sourceForm) source() (*ttdn.Source, error) {
	src := &ttdn.Source{Name: f.Name, Outlet: f.Outlet, Country: f.Country, Language: f.Language, Foreign: f.Foreign,
		FeedURL: f.FeedURL, Enabled: f.Enabled}
	if f.Minutes != "" {
		n, err := strconv.Atoi(f.Minutes)
		if err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Chu kỳ lấy tin %q không phải số phút.", "Polling interval %q is not a number of minutes.", f.Minutes)
		}
		src.PollMinutes = n
	}
	return src, src.Validate()
}

func (s *Server) handlePressSourceNewForm(w http.ResponseWriter, r *http.Request) {
	if s.requirePress(w, r, ttdn.ActionCreate, ttdn.ResourcePressSource) {
		s.render(w, r, http.StatusOK, "press_source_form", "press.source_new", &sourceForm{Country: "VN", Language: "vi", Enabled: true})
	}
}

func (s *Server) handlePressSourceCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionCreate, ttdn.ResourcePressSource) {
		return
	}
	f := sourceFormFrom(r, 0)
	src, err := f.source()
	if err == nil && src.FeedURL != "" {
		err = s.checkFeedURL(r.Context(), src.FeedURL)
	}
	if err == nil {
		err = s.cfg.Press.Sources.CreateSource(r.Context(), src)
	}
	if err != nil {
		s.renderWithError(w, r, err, "press_source_form", "press.source_new", f)
		return
	}
	s.redirectWithFlash(w, r, "/press/sources", "flash.press_source_saved")
}

func (s *Server) handlePressSourceEditForm(w http.ResponseWriter, r *http.Request) {
	src, err := s.findPressSource(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := &sourceForm{ID: src.ID, Version: strconv.Itoa(src.Version), Name: src.Name, Outlet: src.Outlet, Country: src.Country,
		Language: src.Language, FeedURL: src.FeedURL, Minutes: strconv.Itoa(src.PollMinutes), Foreign: src.Foreign, Enabled: src.Enabled}
	s.render(w, r, http.StatusOK, "press_source_form", "press.source_edit", f)
}

func (s *Server) handlePressSourceEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourcePressSource) {
		return
	}
	id, _ := pathID(r)
	f := sourceFormFrom(r, id)
	src, err := f.source()
	version, verr := strconv.Atoi(f.Version)
	if err == nil && verr != nil {
		err = ttdn.Errorf(ttdn.EINVALID, "Phiên bản biểu mẫu không hợp lệ.", "Invalid form version.")
	}
	if err == nil && src.FeedURL != "" {
		err = s.checkFeedURL(r.Context(), src.FeedURL)
	}
	if err == nil {
		_, err = s.cfg.Press.Sources.UpdateSource(r.Context(), id, ttdn.SourceUpdate{Version: version, Name: &src.Name,
			Outlet: &src.Outlet, Country: &src.Country, Language: &src.Language, Foreign: &src.Foreign, FeedURL: &src.FeedURL,
			PollMinutes: &src.PollMinutes, Enabled: &src.Enabled})
	}
	if err != nil {
		s.renderWithError(w, r, err, "press_source_form", "press.source_edit", f)
		return
	}
	s.redirectWithFlash(w, r, "/press/sources", "flash.press_source_saved")
}

// handlePressSourceEnabled switches a source on or off from the list;
// switching on clears the failures that disabled it.
func (s *Server) handlePressSourceEnabled(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourcePressSource) {
		return
	}
	id, err := pathID(r)
	version, verr := formVersion(r)
	if err == nil {
		err = verr
	}
	on := r.PostFormValue("enabled") == "1"
	if err == nil {
		_, err = s.cfg.Press.Sources.UpdateSource(r.Context(), id, ttdn.SourceUpdate{Version: version, Enabled: &on})
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/press/sources", "flash.press_source_saved")
}

func (s *Server) findPressSource(r *http.Request) (*ttdn.Source, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.cfg.Press.Sources.FindSourceByID(r.Context(), id)
}

// FetchProblem words a source's stored fetch error in the page's language;
// it never shows the stored text itself (feed.ProblemText).
func (p *page) FetchProblem(problem string) string {
	vi, en := feed.ProblemText(problem)
	if p.Lang == langEN {
		return en
	}
	return vi
}

// MaxImport is the cap on one OPML import, for the form's help.
func (v *pressSourcesView) MaxImport() int { return ttdn.MaxSourcesPerImport }
