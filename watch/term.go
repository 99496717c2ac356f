// Package watch matches press items against watchlists: the entities and
// topics the province's monitors follow (its places, the border and
// Cambodia, sea and islands, investment, tourism, hostile-propaganda
// keywords), each with aliases, a priority and themes.
//
// Matching is on folded words (vntext: lower case, no diacritics, đ→d), so
// "Tay Ninh", "TÂY NINH" and "Tây Ninh" are the same, and on whole words,
// so "Long An" never matches inside "Long Anh". A compiled Matcher finds
// every alias of every term in one pass over the text, however many terms
// there are. The package is pure: the store keeps watchlists and hits.
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
	return errors.Join(errs...)
}
