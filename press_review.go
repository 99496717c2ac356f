package ttdn

import (
	"context"
	"time"
)

// ReviewStatus is where a hit stands in the review queue.
type ReviewStatus string

// The review statuses: a new hit is reviewed (tone, relevance, needs
// action set by a person) or dismissed (not about the province); either
// can be reopened.
const (
	ReviewNew       ReviewStatus = "new"
	ReviewDone      ReviewStatus = "reviewed"
	ReviewDismissed ReviewStatus = "dismissed"
)

// Valid reports whether s is a known status.
func (s ReviewStatus) Valid() bool { return s == ReviewNew || s == ReviewDone || s == ReviewDismissed }

// CanMoveTo reports whether a review may go from s to next: a new hit is
// reviewed or dismissed, a reviewed one is edited again or reopened, a
// dismissed one only reopened.
func (s ReviewStatus) CanMoveTo(next ReviewStatus) bool {
	switch s {
	case ReviewNew:
		return next == ReviewDone || next == ReviewDismissed || next == ReviewNew
	case ReviewDone:
		return next == ReviewDone || next == ReviewNew || next == ReviewDismissed
	case ReviewDismissed:
		return next == ReviewNew
	}
	return false
}

// Relevance is a reviewer's judgement whether a hit is really about the
// province.
type Relevance string

// The relevance values.
const (
	RelevanceUnknown    Relevance = "unknown"
	RelevanceRelevant   Relevance = "relevant"
	RelevanceIrrelevant Relevance = "irrelevant"
)

// Valid reports whether r is a known relevance.
func (r Relevance) Valid() bool {
	return r == RelevanceUnknown || r == RelevanceRelevant || r == RelevanceIrrelevant
}

// Hit is one watch term found in one article.
type Hit struct {
	ArticleID   int64  `json:"article_id"`
	TermID      int64  `json:"term_id"`
	TermCode    string `json:"term_code"`
	Occurrences int    `json:"occurrences"`
}

// Review is an article with watchlist hits in the review queue. Tone starts
// as the lexicon's guess (ToneGuess keeps it); NeedsAction marks it for a
// rebuttal case.
type Review struct {
	ArticleID    int64        `json:"article_id"`
	Article      *Article     `json:"article,omitempty"`
	Hits         []Hit        `json:"hits,omitempty"`
	TitleMarks   []Span       `json:"title_marks,omitempty"`   // the hits in the article's title
	SummaryMarks []Span       `json:"summary_marks,omitempty"` // and in its summary
	Priority     int          `json:"priority"`
	Status       ReviewStatus `json:"status"`
	Tone         Tone         `json:"tone"`
	ToneGuess    Tone         `json:"tone_guess"`
	Relevance    Relevance    `json:"relevance"`
	NeedsAction  bool         `json:"needs_action"`
	Note         string       `json:"note,omitempty"`
	ReviewerID   int64        `json:"reviewer_id,omitempty"`
	ReviewedAt   time.Time    `json:"reviewed_at,omitzero"`
	CreatedAt    time.Time    `json:"created_at"`
	Version      int          `json:"version"`
}

// ReviewFilter selects reviews; the queue shows the highest priority and
// the newest first.
type ReviewFilter struct {
	Status      *ReviewStatus
	MinPriority int
	NeedsAction *bool
	Theme       *string
	Offset      int
	Limit       int
}

// ReviewUpdate is a reviewer's judgement; nil fields stay. Setting tone,
// relevance or needs-action on a new hit marks it reviewed.
type ReviewUpdate struct {
	Status      *ReviewStatus
	Tone        *Tone
	Relevance   *Relevance
	NeedsAction *bool
	Note        *string
	Version     int
}

// ReviewService is the review queue. Reviews come with the spans of their
// hits; many are judged at once by triage, and a hit judged not relevant
// suggests exclusions that teach its term.
type ReviewService interface {
	FindReviews(ctx context.Context, f ReviewFilter) ([]*Review, int, error)
	FindReviewByArticle(ctx context.Context, articleID int64) (*Review, error)
	UpdateReview(ctx context.Context, articleID int64, upd ReviewUpdate) (*Review, error)
	TriageReviews(ctx context.Context, refs []ReviewRef, t Triage) (*TriageResult, error)
	ExclusionSuggestions(ctx context.Context, articleID int64) ([]*ExclusionSuggestion, error)
}

// PressHitNotice returns the subject and text of the alert for a
// high-priority hit. Press items are public texts, so the e-mail may carry
// the title.
func PressHitNotice(a *Article) (subject, text string) {
	subject = "[TTĐN] Tin bài cần chú ý: " + a.Title
	where := "trong nước"
	if a.Foreign {
		where = "nước ngoài"
	}
	text = "Tin bài “" + a.Title + "” (" + a.Outlet + ", báo chí " + where + ") khớp từ khóa theo dõi ưu tiên cao"
	if len(a.Terms) > 0 {
		text += ": " + joinComma(a.Terms)
	}
	text += ". Đường dẫn: " + a.URL + "\nVui lòng đăng nhập hệ thống TTĐN để rà soát."
	return subject, text
}

func joinComma(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
