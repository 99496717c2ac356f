package http

import (
	"math"
	"net/http"
	"net/url"
	"strings"

	"ttdn"
)

// pressReviewView is the review queue of watchlist hits, highest priority
// and newest first, each row its own form and a box to select it for a
// triage of many at once.
type pressReviewView struct {
	Status, NeedsAction, Priority string // the filters as chosen
	Rows                          []*ttdn.Review
	Pager                         pager
	Back                          string       // this queue's URL, to come back to after a save
	Failed                        int64        // the row whose save was refused
	Conflict                      *ttdn.Review // that row as stored now, shown above the queue
	Tones                         []ttdn.Tone
	Statuses                      []ttdn.ReviewStatus
	Triaged                       *triageCounts               // the triage just done
	Teach                         []*ttdn.ExclusionSuggestion // exclusions the hits judged not relevant suggest
	Cases                         map[int64][]*ttdn.Case      // the rows' stories' rebuttal cases
	Terms                         []*ttdn.WatchTerm           // to name the rows' hits (a hit stores the term's code)
}

// TermName is the name of the watch term a hit stores the code of.
func (v *pressReviewView) TermName(code string) string { return termName(v.Terms, code) }

// CaseButton is the row's link to its story's case, or the button that
// opens one.
func (v *pressReviewView) CaseButton(a *ttdn.Article) caseButton {
	return newCaseButton(v.Cases, a.StoryID, "/cases/new?article="+itoa(a.ID))
}

func (s *Server) handlePressReview(w http.ResponseWriter, r *http.Request) {
	s.renderPressReview(w, r, r.URL.Query(), 0, nil)
}

// renderPressReview shows the queue for query q; after a refused save, err
// is the banner and failed the row it concerns.
func (s *Server) renderPressReview(w http.ResponseWriter, r *http.Request, q url.Values, failed int64, err error) {
	v := &pressReviewView{Status: q.Get("status"), NeedsAction: q.Get("action"), Priority: q.Get("priority"), Failed: failed,
		Tones: pressTones, Statuses: []ttdn.ReviewStatus{ttdn.ReviewNew, ttdn.ReviewDone, ttdn.ReviewDismissed}}
	if _, ok := q["status"]; !ok {
		v.Status = string(ttdn.ReviewNew) // the queue opens on what is still to do
	}
	v.Triaged = triageCountsOf(q)
	v.Teach = s.exclusionSuggestions(r, q.Get("teach"))
	q = withoutTriage(q)
	v.Back = (&url.URL{Path: "/press/review", RawQuery: q.Encode()}).String()
	f := ttdn.ReviewFilter{}
	if st := ttdn.ReviewStatus(v.Status); st.Valid() {
		f.Status = &st
	}
	if v.NeedsAction == "1" {
		yes := true
		f.NeedsAction = &yes
	}
	if p, perr := boundedInt(v.Priority, "Mức ưu tiên", 0, math.MaxInt32); perr != nil {
		s.renderError(w, r, perr)
		return
	} else if p != nil {
		f.MinPriority = *p
	}
	current, offset := pageNumber(r)
	f.Offset, f.Limit = offset, pageSize
	rows, total, ferr := s.cfg.Press.Reviews.FindReviews(r.Context(), f)
	if ferr != nil {
		s.renderError(w, r, ferr)
		return
	}
	// The paging links point at the queue, also after a refused POST.
	v.Rows, v.Pager = rows, newPager(&http.Request{URL: &url.URL{Path: "/press/review", RawQuery: q.Encode()}}, current, total)
	var stories []int64
	for _, rv := range rows {
		if rv.Article != nil {
			stories = append(stories, rv.Article.StoryID)
		}
	}
	if v.Cases, ferr = s.storyCases(r, stories); ferr != nil {
		s.renderError(w, r, ferr)
		return
	}
	if len(rows) > 0 {
		if v.Terms, ferr = s.cfg.Press.Watch.FindWatchTerms(r.Context()); ferr != nil {
			s.renderError(w, r, ferr)
			return
		}
	}
	if err != nil {
		v.Conflict, _ = s.cfg.Press.Reviews.FindReviewByArticle(r.Context(), failed) // nil: only the banner
		s.renderWithError(w, r, err, "press_review", "press.review_title", v)
		return
	}
	s.render(w, r, http.StatusOK, "press_review", "press.review_title", v)
}

// handlePressReviewUpdate records a reviewer's judgement. "reviewed" saves
// tone, relevance, needs-action and note; "dismissed" and "new" only move
// the status. A stale version comes back as a conflict on the same queue.
func (s *Server) handlePressReviewUpdate(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourcePressReview) {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	back := safeNext(r.PostFormValue("back"))
	if !strings.HasPrefix(back, "/press/review") {
		back = "/press/review"
	}
	upd, err := reviewUpdateFrom(r)
	if err == nil {
		_, err = s.cfg.Press.Reviews.UpdateReview(r.Context(), id, upd)
	}
	if err != nil {
		bu, _ := url.Parse(back)
		s.renderPressReview(w, r, bu.Query(), id, err)
		return
	}
	if *upd.Status == ttdn.ReviewDismissed { // offer to teach the term
		back = withQuery(back, url.Values{"teach": {itoa(id)}})
	}
	s.redirectWithFlash(w, r, back, "flash.press_review_saved")
}

func reviewUpdateFrom(r *http.Request) (ttdn.ReviewUpdate, error) {
	version, err := formVersion(r)
	if err != nil {
		return ttdn.ReviewUpdate{}, err
	}
	status := ttdn.ReviewStatus(r.PostFormValue("status"))
	upd := ttdn.ReviewUpdate{Version: version, Status: &status}
	if status != ttdn.ReviewDone {
		return upd, nil
	}
	tone, rel := ttdn.Tone(r.PostFormValue("tone")), ttdn.Relevance(r.PostFormValue("relevance"))
	if !tone.Valid() || !rel.Valid() {
		return upd, ttdn.Errorf(ttdn.EINVALID, "Sắc thái hoặc mức liên quan không hợp lệ.", "Invalid tone or relevance.")
	}
	action, note := r.PostFormValue("needs_action") == "1", strings.TrimSpace(r.PostFormValue("note"))
	upd.Tone, upd.Relevance, upd.NeedsAction, upd.Note = &tone, &rel, &action, &note
	return upd, nil
}
