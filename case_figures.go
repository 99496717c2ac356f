package ttdn

import (
	"context"
	"time"
)

// CaseItem is a press item of a case's story, kept as it was when it
// joined: the items there when the case opened, and those that joined
// after (its spread).
type CaseItem struct {
	ArticleID int64     `json:"article_id,omitempty"` // 0 once the stored item is gone
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Outlet    string    `json:"outlet"`
	Language  string    `json:"language"`
	Foreign   bool      `json:"foreign"`
	Published time.Time `json:"published"`
	JoinedAt  time.Time `json:"joined_at"`
	AtOpening bool      `json:"at_opening"` // there when the case opened
}

// CaseSpread is how far a case's story spread: every item, and the counts
// of those that joined after the case opened.
type CaseSpread struct {
	Items    []*CaseItem `json:"items"`
	After    int         `json:"after"` // items that joined after the case opened
	Domestic int         `json:"domestic"`
	Foreign  int         `json:"foreign"`
	// Counts of the items that joined after opening.
	ByOutlet   []Count `json:"by_outlet"`
	ByLanguage []Count `json:"by_language"`
}

// CaseSpreadService follows the spread of cases.
type CaseSpreadService interface {
	FindCaseSpread(ctx context.Context, caseID int64) (*CaseSpread, error)
	// TrackCaseSpread attaches to every open case the items that joined
	// its story since, and returns how many it attached. The jobs run it.
	TrackCaseSpread(ctx context.Context) (int, error)
}

// CaseFigures sums up the cases a user may read: open cases by stage,
// overdue ones, and, for the cases detected in a window, counts by verdict
// and topic and the time from detection to the first published response.
type CaseFigures struct {
	Open       int     `json:"open"`
	ByStage    []Count `json:"by_stage"` // open cases, every stage but closed, in order
	Overdue    int     `json:"overdue"`
	Detected   int     `json:"detected"` // in the window
	ByVerdict  []Count `json:"by_verdict"`
	ByTopic    []Count `json:"by_topic"`
	Responded  int     `json:"responded"`            // with a published response, of those detected
	AvgMinutes int64   `json:"avg_response_minutes"` // mean detection → first published response
	MaxMinutes int64   `json:"max_response_minutes"`
}

// CaseFiguresService computes case figures.
type CaseFiguresService interface {
	// FindCaseFigures counts the readable cases; the window (zero: all
	// time) selects by detection. now judges what is overdue.
	FindCaseFigures(ctx context.Context, from, to, now time.Time) (*CaseFigures, error)
}
