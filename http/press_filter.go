package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ttdn"
)

// pressFilter is the search form as typed, kept on the page (and on the
// paging and export links) even when a field is refused.
type pressFilter struct {
	Query, From, To, Source, Lang, Origin, Theme, Term, Tone, Sort string
}

func pressFilterFrom(q url.Values) pressFilter {
	v := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	return pressFilter{Query: v("q"), From: v("from"), To: v("to"), Source: v("source"), Lang: v("lang"),
		Origin: v("origin"), Theme: v("theme"), Term: v("term"), Tone: v("tone"), Sort: v("sort")}
}

// filter turns the form into an ArticleFilter. Dates are Vietnam days, the
// "to" day included; a date that does not parse is refused by name.
func (f pressFilter) filter() (ttdn.ArticleFilter, error) {
	out := ttdn.ArticleFilter{Query: f.Query}
	var err error
	if out.From, out.To, err = dayRange(f.From, f.To); err != nil {
		return out, err
	}
	if id, err := strconv.ParseInt(f.Source, 10, 64); err == nil {
		out.SourceID = &id
	}
	if f.Lang != "" {
		out.Language = &f.Lang
	}
	if f.Origin == "domestic" || f.Origin == "foreign" {
		foreign := f.Origin == "foreign"
		out.Foreign = &foreign
	}
	if f.Theme != "" {
		out.Theme = &f.Theme
	}
	if f.Term == "any" {
		out.HitsOnly = true
	} else if id, err := strconv.ParseInt(f.Term, 10, 64); err == nil {
		out.TermID = &id
	}
	if t := ttdn.Tone(f.Tone); t.Valid() {
		out.Tone = &t
	}
	// Without a query, what matters to the province comes first: watchlist
	// hits by priority, then time (issue 11); with one, relevance.
	switch {
	case f.Sort == ttdn.SortDate:
		out.Sort = ttdn.SortDate
	case strings.TrimSpace(f.Query) == "":
		out.Sort = ttdn.SortPriority
	}
	return out, nil
}

// pressLanguages are the languages the detector names (issue 7: at least
// vi, en, km, zh, fr), offered in filters.
var pressLanguages = []string{"vi", "en", "km", "zh", "fr"}

// pressTones lists the tones in the order the UI offers them.
var pressTones = []ttdn.Tone{ttdn.TonePositive, ttdn.ToneNeutral, ttdn.ToneNegative}

// pressChoices are the options of the press filters: sources, themes and
// watch terms. A failure leaves a list empty rather than the page blank.
type pressChoices struct {
	Sources []*ttdn.Source
	Themes  []*ttdn.Theme
	Terms   []*ttdn.WatchTerm
	Langs   []string
	Tones   []ttdn.Tone
}

func (s *Server) pressChoices(r *http.Request) (pressChoices, error) {
	c := pressChoices{Langs: pressLanguages, Tones: pressTones}
	var err error
	if c.Sources, _, err = s.cfg.Press.Sources.FindSources(r.Context(), ttdn.SourceFilter{Limit: 1000}); err != nil {
		return c, err
	}
	if c.Terms, err = s.cfg.Press.Watch.FindWatchTerms(r.Context()); err != nil {
		return c, err
	}
	if s.cfg.Themes != nil {
		c.Themes, err = s.cfg.Themes.FindThemes(r.Context())
	}
	return c, err
}
