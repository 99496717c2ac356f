package http

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// Triage in the review queue (issue 11): select many hits, judge them at
// once (also by keyboard, see assets/app.js), and teach a term the phrase
// that made a hit not relevant.

// triageCounts is what the triage just done did, carried in the queue's
// URL after the redirect.
type triageCounts struct{ Done, Stale, Refused int }

// triageKeys are the query keys a triage adds to the queue's URL.
var triageKeys = []string{"done", "stale", "refused", "teach"}

func triageCountsOf(q url.Values) *triageCounts {
	if _, ok := q["done"]; !ok {
		return nil
	}
	n := func(k string) int { v, _ := strconv.Atoi(q.Get(k)); return max(v, 0) }
	return &triageCounts{Done: n("done"), Stale: n("stale"), Refused: n("refused")}
}

// withoutTriage returns q without the keys a triage added, so that they do
// not stick to the queue's links.
func withoutTriage(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		if !slices.Contains(triageKeys, k) {
			out[k] = v
		}
	}
	return out
}

// withQuery returns the local URL u with add set in its query.
func withQuery(u string, add url.Values) string {
	pu, err := url.Parse(u)
	if err != nil {
		return u
	}
	q := withoutTriage(pu.Query())
	for k, v := range add {
		q[k] = v
	}
	pu.RawQuery = q.Encode()
	return pu.String()
}

// maxTeach is how many hits judged not relevant offer their exclusions.
const maxTeach = 5

// exclusionSuggestions returns the exclusions the articles listed in teach
// (comma-separated ids) suggest; a bad or unknown id suggests nothing.
func (s *Server) exclusionSuggestions(r *http.Request, teach string) []*ttdn.ExclusionSuggestion {
	if teach == "" || !ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceWatchTerm)) {
		return nil
	}
	var out []*ttdn.ExclusionSuggestion
	seen := map[string]bool{}
	ids := strings.Split(teach, ",")
	for _, f := range ids[:min(len(ids), maxTeach)] { // the URL is typed by anyone: bounded work
		id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		list, err := s.cfg.Press.Reviews.ExclusionSuggestions(r.Context(), id)
		if err != nil {
			continue
		}
		for _, sg := range list {
			key := fmt.Sprint(sg.TermID, "\x00", sg.Phrases[0])
			if !seen[key] && len(out) < maxTeach {
				seen[key] = true
				out = append(out, sg)
			}
		}
	}
	return out
}

// handlePressReviewBulk judges the selected hits at once: "id" lists the
// articles, "v<id>" the version the reviewer saw, "triage" the judgement.
// The queue comes back with what was done, and hits judged not relevant
// offer to teach their terms.
func (s *Server) handlePressReviewBulk(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourcePressReview) {
		return
	}
	back := safeNext(r.PostFormValue("back"))
	if !strings.HasPrefix(back, "/press/review") {
		back = "/press/review"
	}
	t := ttdn.Triage(r.PostFormValue("triage"))
	refs, err := triageRefs(r)
	var res *ttdn.TriageResult
	if err == nil {
		res, err = s.cfg.Press.Reviews.TriageReviews(r.Context(), refs, t)
	}
	if err != nil {
		bu, _ := url.Parse(back)
		s.renderPressReview(w, r, withoutTriage(bu.Query()), 0, err)
		return
	}
	add := url.Values{"done": {itoa(int64(len(res.Updated)))}, "stale": {itoa(int64(len(res.Stale)))},
		"refused": {itoa(int64(len(res.Refused)))}}
	if t == ttdn.TriageIrrelevant && len(res.Updated) > 0 {
		ids := make([]string, 0, maxTeach)
		for _, id := range res.Updated[:min(len(res.Updated), maxTeach)] {
			ids = append(ids, itoa(id))
		}
		add.Set("teach", strings.Join(ids, ","))
	}
	s.redirect(w, r, withQuery(back, add))
}

// triageRefs reads the selected articles and their versions.
func triageRefs(r *http.Request) ([]ttdn.ReviewRef, error) {
	ids := r.PostForm["id"]
	if len(ids) > ttdn.MaxTriage {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Mỗi lần chỉ đánh giá được tối đa %d tin bài.", "At most %d articles can be judged at once.", ttdn.MaxTriage)
	}
	refs := make([]ttdn.ReviewRef, 0, len(ids))
	for _, f := range ids {
		id, err := strconv.ParseInt(f, 10, 64)
		version, verr := strconv.Atoi(r.PostFormValue("v" + f))
		if err != nil || verr != nil || id <= 0 {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Danh sách tin bài đã chọn không hợp lệ; hãy tải lại trang.", "Invalid selection; reload the page.")
		}
		refs = append(refs, ttdn.ReviewRef{ArticleID: id, Version: version})
	}
	return refs, nil
}

// handlePressWatchExclude adds a phrase to a term's exclusions (from the
// teaching offer of the queue) and, if asked, re-applies the term to every
// stored article so that the hits it no longer counts leave the queue.
func (s *Server) handlePressWatchExclude(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionUpdate, ttdn.ResourceWatchTerm) {
		return
	}
	id, err := pathID(r)
	phrase := strings.TrimSpace(r.PostFormValue("custom"))
	if phrase == "" {
		phrase = strings.TrimSpace(r.PostFormValue("phrase"))
	}
	version, verr := strconv.Atoi(r.PostFormValue("version"))
	switch {
	case err != nil:
	case phrase == "":
		err = ttdn.Errorf(ttdn.EINVALID, "Hãy chọn hoặc nhập cụm từ loại trừ.", "Choose or type the phrase to exclude.")
	case verr != nil:
		err = ttdn.Errorf(ttdn.EINVALID, "Phiên bản biểu mẫu không hợp lệ.", "Invalid form version.")
	}
	var t *ttdn.WatchTerm
	if err == nil {
		t, err = s.cfg.Press.Watch.FindWatchTermByID(r.Context(), id)
	}
	if err == nil && !slices.Contains(t.Exclude, phrase) {
		exclude := append(slices.Clone(t.Exclude), phrase)
		t, err = s.cfg.Press.Watch.UpdateWatchTerm(r.Context(), id, ttdn.WatchTermUpdate{Exclude: &exclude, Version: version})
	}
	if err == nil && r.PostFormValue("reapply") == "1" {
		var job *ttdn.ReapplyJob
		if job, err = s.cfg.Press.Watch.StartReapply(r.Context(), id, time.Time{}); err == nil {
			s.runReapply(r, job)
			s.redirect(w, r, fmt.Sprintf("/press/reapply/%d", job.ID))
			return
		}
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	back := safeNext(r.PostFormValue("back"))
	if !strings.HasPrefix(back, "/press/review") {
		back = "/press/review"
	}
	s.redirectWithFlash(w, r, back, "flash.press_exclusion_added")
}

// runReapply runs a started re-apply in the background, waiting a moment
// so that a small one is over before the redirect.
func (s *Server) runReapply(r *http.Request, job *ttdn.ReapplyJob) {
	s.runInBackground(r, "re-apply watch term", func(ctx context.Context) error {
		_, err := s.cfg.Press.Watch.RunReapply(ctx, job.ID, nil)
		return err
	})
}

// Marked returns text with the spans highlighted (<mark>), every part
// escaped; spans that do not fit the text are ignored.
func (p *page) Marked(text string, spans []ttdn.Span) template.HTML {
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.Start < at || sp.End <= sp.Start || sp.End > len(text) {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:sp.Start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(text[sp.Start:sp.End]))
		b.WriteString("</mark>")
		at = sp.End
	}
	b.WriteString(template.HTMLEscapeString(text[at:]))
	return template.HTML(b.String())
}
