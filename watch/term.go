// Package watch matches press items against watchlists: the entities and
// topics the province's monitors follow (its places, the border and
// Cambodia, sea and islands, investment, tourism, hostile-propaganda
// keywords), each with aliases, a priority and themes.
//
// Diacritics carry meaning: in a text written with diacritics a form
// matches only where the diacritics agree ("biến động" is not "Biển
// Đông"), ignoring case, Unicode normalisation and where the tone mark sits
// ("hoà" is "hòa"); a text written without any (a title from a foreign or
// social source: "Tay Ninh province") matches on folded words, and so does
// a word written without diacritics for a term marked Folded. Matching is
// on whole words ("Long An" never matches inside "Long Anh") and never
// across clause punctuation ("Vĩnh Long, An Giang" is not "Long An"). A
// term may exclude phrases it is part of and may require a context phrase
// nearby. A compiled Matcher finds every form of every term in one pass
// over the text, however many terms there are: folded words find the
// candidates, the diacritics and rules confirm them. The package is pure:
// the store keeps watchlists and hits.
package watch

import (
	"errors"
	"fmt"
	"strings"
)

// Kind says whether a term names something (a place, an organisation) or
// a subject.
type Kind string

// The kinds of term.
const (
	Entity Kind = "entity"
	Topic  Kind = "topic"
)

// Priority orders hits in the review queue; High hits raise alerts.
type Priority uint8

// The priorities, low to high.
const (
	Low    Priority = 1
	Normal Priority = 2
	High   Priority = 3
)

// Term is one watchlist entry. Name is matched like an alias.
type Term struct {
	Code     string // stable key, e.g. "moc-bai"
	Name     string
	Aliases  []string
	Kind     Kind
	Priority Priority
	Themes   []string // theme codes (ttdn.DefaultThemes)

	// Folded also matches words written without diacritics inside a text
	// written with them ("Moc Bai" in a Vietnamese summary): "also match
	// without diacritics". Words written with other diacritics never match.
	Folded bool
	// Exclude lists phrases a match must not lie inside ("Trần Việt Tân"
	// for "Việt Tân"): the exceptions the monitors teach the term.
	Exclude []string
	// Context, when set, lets a match count only with one of these phrases
	// at most Within words before or after it (0: DefaultWithin), e.g.
	// "Việt Tân" only near "tổ chức", "khủng bố" or "phản động".
	Context []string
	Within  int
}

// DefaultWithin is the context distance of a term that sets none, and
// MaxWithin the largest allowed.
const (
	DefaultWithin = 10
	MaxWithin     = 50
)

// within is the term's effective context distance.
func (t *Term) within() int {
	if t.Within <= 0 {
		return DefaultWithin
	}
	return t.Within
}

// Forms returns the surface forms matched for t: its name, then aliases.
func (t *Term) Forms() []string {
	return append([]string{t.Name}, t.Aliases...)
}

// Validate checks that the term has a code, a name and a known priority,
// and that every form has at least one word.
func (t *Term) Validate() error {
	var errs []error
	if strings.TrimSpace(t.Code) == "" || strings.TrimSpace(t.Name) == "" {
		errs = append(errs, errors.New("watch: a term needs a code and a name"))
	}
	if t.Priority < Low || t.Priority > High {
		errs = append(errs, fmt.Errorf("watch: term %q: priority %d not in 1–3", t.Code, t.Priority))
	}
	for _, f := range t.Forms() {
		if len(foldWords(f)) == 0 {
			errs = append(errs, fmt.Errorf("watch: term %q: form %q has no words", t.Code, f))
		}
	}
	for _, list := range [][]string{t.Exclude, t.Context} {
		for _, p := range list {
			if len(foldWords(p)) == 0 {
				errs = append(errs, fmt.Errorf("watch: term %q: phrase %q has no words", t.Code, p))
			}
		}
	}
	if t.Within < 0 || t.Within > MaxWithin {
		errs = append(errs, fmt.Errorf("watch: term %q: context distance %d not in 0–%d", t.Code, t.Within, MaxWithin))
	}
	return errors.Join(errs...)
}
