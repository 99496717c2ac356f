package ttdn

import (
	"context"
	"time"
)

// DigestKind is the span of a press-opinion digest.
type DigestKind string

// The digest spans: a day, or the seven days ending on a day.
const (
	DigestDaily  DigestKind = "daily"
	DigestWeekly DigestKind = "weekly"
)

// PressDigest is the "tổng hợp dư luận báo chí trong và ngoài nước" of a
// day or a week: what was read, what was about the province (watchlist
// hits not dismissed), and how it broke down.
type PressDigest struct {
	Kind        DigestKind `json:"kind"`
	Day         Date       `json:"day"` // the last day covered
	From, To    time.Time  `json:"-"`   // UTC, To exclusive
	Articles    int        `json:"articles"`
	Hits        int        `json:"hits"`
	Domestic    int        `json:"domestic"`
	Foreign     int        `json:"foreign"`
	NeedsAction int        `json:"needs_action"`
	ByTheme     []Count    `json:"by_theme"`
	BySource    []Count    `json:"by_source"`
	ByLanguage  []Count    `json:"by_language"`
	ByTone      []Count    `json:"by_tone"`
	TopStories  []*Story   `json:"top_stories"`
}

// PressCounts are the press-monitoring figures of a reporting window, for
// the periodic reports' pre-fill: hits about the province, by outlet (the
// "by channel" breakdown) and theme, and those marked for action (the
// false-information cases detected, until cases exist).
type PressCounts struct {
	Articles    int     `json:"articles"`
	Hits        int     `json:"hits"`
	Relevant    int     `json:"relevant"`
	Negative    int     `json:"negative"`
	NeedsAction int     `json:"needs_action"`
	ByChannel   []Count `json:"by_channel"`
	ByTheme     []Count `json:"by_theme"`
	ArticleIDs  []int64 `json:"article_ids,omitempty"` // the hits counted, for the report's sources
}

// PressDigestService computes digests and report counts.
type PressDigestService interface {
	PressDigest(ctx context.Context, kind DigestKind, day Date) (*PressDigest, error)
	// PressCounts counts the window [from, to] (dates in Vietnam time);
	// unitID, if given, limits it to sources owned by that unit.
	PressCounts(ctx context.Context, unitID *int64, from, to Date) (*PressCounts, error)
}
