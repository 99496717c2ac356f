package http

import (
	"context"
	"net/http"
	"slices"

	"ttdn"
	"ttdn/export"
	"ttdn/searchrank"
)

// pressSearchView is the monitors' main page: the search form, its
// results with the size of each result's story, and the filter options.
type pressSearchView struct {
	Filter  pressFilter
	Choices pressChoices
	Rows    []*ttdn.Article
	Stories map[int64]storySize
	Pager   pager
	Capped  bool // the total stopped counting at ttdn.SearchCountCap (ttdn.SearchRankPool for a text search)
	Exports exportLinks
}

// storySize is how widely a story was carried: articles and outlets.
type storySize struct{ Articles, Outlets int }

// Highlight returns text cut to about width bytes around the query's
// first word, the query's words marked as matched (diacritics honoured);
// without a query, the text whole.
func (v *pressSearchView) Highlight(text string, width int) []searchrank.Span {
	q := searchrank.Parse(v.Filter.Query)
	if q.Empty() {
		return []searchrank.Span{{Text: text}}
	}
	return searchrank.Snippet(q, text, width)
}

// TermName is the name people know a matched watch term by (the article
// stores its code).
func (v *pressSearchView) TermName(code string) string { return termName(v.Choices.Terms, code) }

// termName returns the name of the watch term with code, or the code when
// the term is gone.
func termName(terms []*ttdn.WatchTerm, code string) string {
	for _, t := range terms {
		if t.Code == code && t.Name != "" {
			return t.Name
		}
	}
	return code
}

// Story returns the size of article a's story.
func (v *pressSearchView) Story(a *ttdn.Article) storySize { return v.Stories[a.StoryID] }

func (s *Server) handlePressSearch(w http.ResponseWriter, r *http.Request) {
	v := &pressSearchView{Filter: pressFilterFrom(r.URL.Query()), Exports: newExportLinks(r)}
	var err error
	if v.Choices, err = s.pressChoices(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	f, err := v.Filter.filter()
	if err != nil {
		s.renderWithError(w, r, err, "press_search", "press.search_title", v)
		return
	}
	if exportFormat(r) != "" {
		s.exportPressSearch(w, r, f, v.Choices.Terms)
		return
	}
	current, offset := pageNumber(r)
	f.Offset, f.Limit = offset, pageSize
	rows, total, err := s.cfg.Press.Articles.SearchArticles(r.Context(), f)
	if err == nil {
		v.Stories, err = s.storySizes(r.Context(), rows)
	}
	if err != nil {
		s.renderWithError(w, r, err, "press_search", "press.search_title", v)
		return
	}
	// A text search ranks at most ttdn.SearchRankPool matches (docs/PRESS.md).
	ranked := !searchrank.Parse(f.Query).Empty() && total >= ttdn.SearchRankPool
	v.Rows, v.Pager, v.Capped = rows, newPager(r, current, total), total >= ttdn.SearchCountCap || ranked
	s.render(w, r, http.StatusOK, "press_search", "press.search_title", v)
}

// storySizes counts the articles and outlets of the stories on a page in
// one grouped query.
func (s *Server) storySizes(ctx context.Context, rows []*ttdn.Article) (map[int64]storySize, error) {
	var ids []int64
	for _, a := range rows {
		if !slices.Contains(ids, a.StoryID) {
			ids = append(ids, a.StoryID)
		}
	}
	out := map[int64]storySize{}
	if len(ids) == 0 {
		return out, nil
	}
	stories, err := s.cfg.Press.Articles.FindStories(ctx, ttdn.StoryFilter{IDs: ids, Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	for _, st := range stories {
		out[st.ID] = storySize{Articles: st.Articles, Outlets: st.Outlets}
	}
	return out, nil
}

func countOutlets(list []*ttdn.Article) int {
	seen := map[int64]bool{}
	for _, a := range list {
		seen[a.SourceID] = true
	}
	return len(seen)
}

// pressExportRows bounds an export of search results.
const pressExportRows = 5000

func (s *Server) exportPressSearch(w http.ResponseWriter, r *http.Request, f ttdn.ArticleFilter, terms []*ttdn.WatchTerm) {
	lang := reqOf(r).lang
	tr := func(k string) string { return translate(lang, k) }
	t := export.Table{Title: tr("press.search_title"), Columns: []string{tr("press.published"), tr("press.title_field"),
		tr("press.outlet"), tr("press.language"), tr("press.origin"), tr("press.tone"), tr("press.terms"), "URL"}}
	for f.Offset = 0; f.Offset < pressExportRows; f.Offset += 200 {
		f.Limit = 200
		rows, _, err := s.cfg.Press.Articles.SearchArticles(r.Context(), f)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, a := range rows {
			t.Rows = append(t.Rows, []any{formatDateTime(a.Published), a.Title, a.Outlet, a.Language,
				originLabel(lang, a.Foreign), label(lang, "tone", a.Tone, string(a.Tone)), joinTerms(terms, a.Terms), a.URL})
		}
		if len(rows) < 200 {
			break
		}
	}
	s.writeExport(w, r, "tin-bai-bao-chi", t)
}

func originLabel(lang string, foreign bool) string {
	if foreign {
		return translate(lang, "press.foreign")
	}
	return translate(lang, "press.domestic")
}

func joinTerms(terms []*ttdn.WatchTerm, codes []string) string {
	out := ""
	for i, c := range codes {
		if i > 0 {
			out += ", "
		}
		out += termName(terms, c)
	}
	return out
}

// pressStoryView is one story: its articles across outlets.
type pressStoryView struct {
	Story    storySize
	Title    string
	Articles []*ttdn.Article
	Button   caseButton // its rebuttal cases, or the button opening one
}

func (s *Server) handlePressStory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	list, n, err := s.cfg.Press.Articles.SearchArticles(r.Context(), ttdn.ArticleFilter{StoryID: &id, Limit: 200})
	if err == nil && len(list) == 0 {
		err = errNotFound
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &pressStoryView{Story: storySize{Articles: n, Outlets: countOutlets(list)}, Title: list[len(list)-1].Title, Articles: list}
	cases, err := s.storyCases(r, []int64{id})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Button = newCaseButton(cases, id, "/cases/new?story="+itoa(id))
	s.render(w, r, http.StatusOK, "press_story", "press.story_title", v)
}
