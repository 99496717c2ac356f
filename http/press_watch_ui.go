package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// pressWatchView is the watchlist: every term with its aliases, kind,
// priority and themes, and a re-apply form per term.
type pressWatchView struct {
	Terms     []*ttdn.WatchTerm
	Reapplied string // the count of the re-apply just done, if any
}

func (s *Server) handlePressWatchList(w http.ResponseWriter, r *http.Request) {
	terms, err := s.cfg.Press.Watch.FindWatchTerms(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &pressWatchView{Terms: terms}
	if n, err := strconv.Atoi(r.URL.Query().Get("reapplied")); err == nil {
		v.Reapplied = strconv.Itoa(n)
	}
	s.render(w, r, http.StatusOK, "press_watch", "press.watch_title", v)
}

// watchPreviewDays is how far back a preview looks (issue 7: "what it
// would have matched in the last 30 days"), and watchPreviewRows how many
// matches it lists.
const (
	watchPreviewDays = 30
	watchPreviewRows = 50
)

func (s *Server) handlePressWatchNewForm(w http.ResponseWriter, r *http.Request) {
	if s.requirePress(w, r, ttdn.ActionCreate, ttdn.ResourceWatchTerm) {
		f := &watchForm{Kind: "entity", Priority: strconv.Itoa(ttdn.PriorityNormal), Enabled: true}
		s.render(w, r, http.StatusOK, "press_watch_form", "press.watch_new", f)
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
	s.render(w, r, http.StatusOK, "press_watch_form", "press.watch_edit", watchFormOf(t))
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
		f.Preview, f.Matched, err = s.cfg.Press.Watch.PreviewWatchTerm(r.Context(), t, watchPreviewDays, watchPreviewRows)
		f.Previewed = err == nil
	} else if err == nil && f.ID == 0 {
		err = s.cfg.Press.Watch.CreateWatchTerm(r.Context(), t)
	} else if err == nil {
		_, err = s.cfg.Press.Watch.UpdateWatchTerm(r.Context(), f.ID, f.update(t))
	}
	if err != nil {
		s.renderWithError(w, r, err, "press_watch_form", titleKey, f)
	} else if f.Previewed {
		s.render(w, r, http.StatusOK, "press_watch_form", titleKey, f)
	} else {
		s.redirectWithFlash(w, r, "/press/watch", "flash.press_term_saved")
	}
}

// handlePressWatchReapply matches a (changed) term again against the
// stored articles of the last days.
func (s *Server) handlePressWatchReapply(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourceWatchTerm) {
		return
	}
	id, err := pathID(r)
	days, derr := strconv.Atoi(strings.TrimSpace(r.PostFormValue("days")))
	if err == nil && (derr != nil || days < 1 || days > 3660) {
		err = ttdn.Errorf(ttdn.EINVALID, "Số ngày áp dụng lại phải từ 1 đến 3660.", "The number of days to re-apply must be 1 to 3660.")
	}
	var n int
	if err == nil {
		n, err = s.cfg.Press.Watch.ReapplyWatchTerm(r.Context(), id, s.now().Add(-time.Duration(days)*24*time.Hour))
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/press/watch?reapplied="+strconv.Itoa(n))
}
