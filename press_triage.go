package ttdn

// Triage is a judgement given to many hits of the review queue at once:
// select several, then "not relevant", "relevant" or "needs action".
type Triage string

// The triage judgements.
const (
	TriageIrrelevant Triage = "irrelevant" // dismissed: not about the province
	TriageRelevant   Triage = "relevant"
	TriageAction     Triage = "action" // relevant, and to be rebutted
)

// Valid reports whether t is a known judgement.
func (t Triage) Valid() bool {
	return t == TriageIrrelevant || t == TriageRelevant || t == TriageAction
}

// Update returns the review change t makes to a review at version.
func (t Triage) Update(version int) ReviewUpdate {
	u := ReviewUpdate{Version: version}
	rel, yes := RelevanceRelevant, true
	switch t {
	case TriageIrrelevant:
		st, irr := ReviewDismissed, RelevanceIrrelevant
		u.Status, u.Relevance = &st, &irr
	case TriageRelevant:
		st := ReviewDone
		u.Status, u.Relevance = &st, &rel
	case TriageAction:
		st := ReviewDone
		u.Status, u.Relevance, u.NeedsAction = &st, &rel, &yes
	}
	return u
}

// MaxTriage caps the hits one triage judges.
const MaxTriage = 200

// ReviewRef is a hit as the reviewer saw it: its article and version.
type ReviewRef struct {
	ArticleID int64
	Version   int
}

// TriageResult says what a triage did: the hits judged, those someone else
// changed meanwhile (left as they are), and those the judgement does not
// apply to (a dismissed hit is only reopened).
type TriageResult struct {
	Updated []int64 `json:"updated"`
	Stale   []int64 `json:"stale,omitempty"`
	Refused []int64 `json:"refused,omitempty"`
}

// Span is a byte range of a text: a watchlist hit to highlight.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ExclusionSuggestion offers to teach a term, from a hit judged not
// relevant: phrases around the match ("Trần Việt Tân" around "Việt Tân")
// that, added to the term's exclusions, would not count again.
type ExclusionSuggestion struct {
	TermID      int64    `json:"term_id"`
	TermName    string   `json:"term_name"`
	TermVersion int      `json:"term_version"`
	ArticleID   int64    `json:"article_id"`
	Match       string   `json:"match"`   // the text the term matched
	Phrases     []string `json:"phrases"` // candidates, distinct, in order of the text
}
