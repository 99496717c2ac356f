package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// pressWatchView is the watchlist: every term with its aliases, kind,
// priority, themes and rules, and a re-apply form per term.
type pressWatchView struct {
	Terms  []*ttdn.WatchTerm
	Themes []*ttdn.Theme // to name the terms' themes (a term stores codes)
}

// ThemeNames names the themes of codes, in order, joined by commas; a code
// no theme has any more is shown as it is.
func (v *pressWatchView) ThemeNames(codes []string) string {
	out := ""
	for i, c := range codes {
		if i > 0 {
			out += ", "
		}
		name := c
		for _, th := range v.Themes {
			if th.Code == c && th.Name != "" {
				name = th.Name
				break
			}
		}
		out += name
	}
	return out
}

func (s *Server) handlePressWatchList(w http.ResponseWriter, r *http.Request) {
	terms, err := s.cfg.Press.Watch.FindWatchTerms(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &pressWatchView{Terms: terms}
	if s.cfg.Themes != nil {
		if v.Themes, err = s.cfg.Themes.FindThemes(r.Context()); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "press_watch", "press.watch_title", v)
}

// watchPreviewDays is how far back a preview looks (issue 7: "what it
// would have matched in the last 30 days"), and watchPreviewRows how many
// examples it lists of the articles gained and of those lost.
const (
	watchPreviewDays = 30
	watchPreviewRows = 20
)

func (s *Server) handlePressWatchNewForm(w http.ResponseWriter, r *http.Request) {
	if s.requirePress(w, r, ttdn.ActionCreate, ttdn.ResourceWatchTerm) {
		f := &watchForm{Kind: "entity", Priority: strconv.Itoa(ttdn.PriorityNormal), Enabled: true}
		s.renderWatchForm(w, r, nil, "press.watch_new", f)
	}
}

func (s *Server) handlePressWatchEditForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var t *ttdn.WatchTerm
	if err == nil {
		t, err = s.cfg.Press.Watch.FindWatchTermByID(r.Context(), id)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderWatchForm(w, r, nil, "press.watch_edit", watchFormOf(t))
}

func (s *Server) handlePressWatchCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionCreate, ttdn.ResourceWatchTerm) {
		return
	}
	s.saveWatchTerm(w, r, watchFormFrom(r, 0), "press.watch_new")
}

func (s *Server) handlePressWatchEdit(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourceWatchTerm) {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.saveWatchTerm(w, r, watchFormFrom(r, id), "press.watch_edit")
}

// saveWatchTerm previews the rule (button "preview") or saves it; either
// way a refusal shows the form again with what was typed.
func (s *Server) saveWatchTerm(w http.ResponseWriter, r *http.Request, f *watchForm, titleKey string) {
	t, err := f.term()
	if err == nil && r.PostFormValue("action") == "preview" {
		f.Diff, err = s.cfg.Press.Watch.CompareWatchTerm(r.Context(), t, watchPreviewDays, watchPreviewRows)
		f.Previewed = err == nil
	} else if err == nil && f.ID == 0 {
		err = s.cfg.Press.Watch.CreateWatchTerm(r.Context(), t)
	} else if err == nil {
		_, err = s.cfg.Press.Watch.UpdateWatchTerm(r.Context(), f.ID, f.update(t))
	}
	if err != nil || f.Previewed {
		s.renderWatchForm(w, r, err, titleKey, f)
	} else {
		s.redirectWithFlash(w, r, "/press/watch", "flash.press_term_saved")
	}
}

// renderWatchForm shows the term's form, with the error when err is set,
// its themes offered by name.
func (s *Server) renderWatchForm(w http.ResponseWriter, r *http.Request, err error, titleKey string, f *watchForm) {
	if s.cfg.Themes != nil {
		themes, terr := s.cfg.Themes.FindThemes(r.Context())
		if terr != nil {
			s.renderError(w, r, terr)
			return
		}
		f.ThemeChoices = themes
	}
	if err != nil {
		s.renderWithError(w, r, err, "press_watch_form", titleKey, f)
		return
	}
	s.render(w, r, http.StatusOK, "press_watch_form", titleKey, f)
}

// handlePressWatchReapply starts matching a (changed) term again against
// the stored articles — all of them, or those of the last days — newest
// first. It runs in the background; the browser goes to its progress page.
func (s *Server) handlePressWatchReapply(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourceWatchTerm) {
		return
	}
	id, err := pathID(r)
	var since time.Time // zero: every stored article
	if field := strings.TrimSpace(r.PostFormValue("days")); err == nil && field != "" {
		days, derr := strconv.Atoi(field)
		if derr != nil || days < 1 || days > 3660 {
			err = ttdn.Errorf(ttdn.EINVALID, "Số ngày áp dụng lại phải từ 1 đến 3660, hoặc để trống để áp dụng cho mọi tin bài.",
				"The number of days to re-apply must be 1 to 3660, or empty for every stored article.")
		}
		since = s.now().Add(-time.Duration(days) * 24 * time.Hour)
	}
	var job *ttdn.ReapplyJob
	if err == nil {
		job, err = s.cfg.Press.Watch.StartReapply(r.Context(), id, since)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.runReapply(r, job)
	s.redirect(w, r, fmt.Sprintf("/press/reapply/%d", job.ID))
}

// pressReapplyView is a re-apply's progress page.
type pressReapplyView struct {
	*ttdn.ReapplyJob
	Stalled bool
}

// Running reports a re-apply still at work (the page then reloads itself).
func (v *pressReapplyView) Running() bool { return v.State == ttdn.ReapplyRunning && !v.Stalled }

func (s *Server) handlePressReapplyView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var job *ttdn.ReapplyJob
	if err == nil {
		job, err = s.cfg.Press.Watch.FindReapplyJob(r.Context(), id)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &pressReapplyView{ReapplyJob: job, Stalled: job.Stalled(s.now())}
	if v.Running() {
		w.Header().Set("Refresh", "2") // progress without script
	}
	s.render(w, r, http.StatusOK, "press_reapply", "press.reapply_title", v)
}
