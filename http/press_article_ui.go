package http

import (
	"net/http"

	"ttdn"
)

// pressArticleView is one stored press item: its text as ttdn holds it,
// its story, its review, and the cases opened about its story.
type pressArticleView struct {
	A      *ttdn.Article
	Review *ttdn.Review
	Story  storySize
	Cases  []*ttdn.Case
	Button caseButton
	Terms  []*ttdn.WatchTerm // to name the terms the article matched
}

// TermName is the name of a watch term the article matched.
func (v *pressArticleView) TermName(code string) string { return termName(v.Terms, code) }

// handlePressArticle shows a stored item, with the button that opens a
// rebuttal case from it (the queue and "my work" link here).
func (s *Server) handlePressArticle(w http.ResponseWriter, r *http.Request) {
	if !s.requirePress(w, r, ttdn.ActionRead, ttdn.ResourceArticle) {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	ctx := r.Context()
	a, err := s.cfg.Press.Articles.FindArticleByID(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &pressArticleView{A: a}
	if len(a.Terms) > 0 {
		if v.Terms, err = s.cfg.Press.Watch.FindWatchTerms(ctx); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if rv, err := s.cfg.Press.Reviews.FindReviewByArticle(ctx, id); err == nil {
		v.Review = rv
	} else if ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
		s.renderError(w, r, err)
		return
	}
	sizes, err := s.storySizes(ctx, []*ttdn.Article{a})
	if err == nil && s.cfg.Cases != nil {
		v.Cases, _, err = s.cfg.Cases.FindCases(ctx, ttdn.CaseFilter{StoryID: &a.StoryID, Limit: 10})
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Story = sizes[a.StoryID]
	v.Button = newCaseButton(map[int64][]*ttdn.Case{a.StoryID: v.Cases}, a.StoryID, "/cases/new?article="+itoa(a.ID))
	s.render(w, r, http.StatusOK, "press_article", "press.article_title", v)
}

// storyCases maps stories to their cases, for the press pages' buttons
// (empty without the case service).
func (s *Server) storyCases(r *http.Request, storyIDs []int64) (map[int64][]*ttdn.Case, error) {
	out := map[int64][]*ttdn.Case{}
	if s.cfg.Cases == nil || len(storyIDs) == 0 {
		return out, nil
	}
	list, _, err := s.cfg.Cases.FindCases(r.Context(), ttdn.CaseFilter{StoryIDs: storyIDs, Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		out[c.StoryID] = append(out[c.StoryID], c)
	}
	return out, nil
}

// caseButton is what the press pages show about an item's story: links to
// its cases, and the button that opens one when none is open.
type caseButton struct {
	Cases []*ttdn.Case
	Open  bool // a case of the story is still open
	Href  string
}

func newCaseButton(cases map[int64][]*ttdn.Case, storyID int64, href string) caseButton {
	b := caseButton{Cases: cases[storyID], Href: href}
	for _, c := range b.Cases {
		b.Open = b.Open || c.Open()
	}
	return b
}
