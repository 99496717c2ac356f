package ttdn

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ResourceCaseResponse names a case's responses in the audit log; the
// policy judges them as their case.
const ResourceCaseResponse ResourceKind = "case_response"

// ResponseKind is the form a case's answer takes.
type ResponseKind string

// The kinds of response the seed names.
const (
	ResponsePressRelease ResponseKind = "press_release" // thông cáo báo chí
	ResponseArticle      ResponseKind = "article"       // bài phản bác trên Cổng thông tin điện tử
	ResponseGuidance     ResponseKind = "guidance"      // định hướng thông tin cho báo chí địa phương
	ResponseSocialPost   ResponseKind = "social_post"   // bài đăng mạng xã hội
	ResponseBriefing     ResponseKind = "briefing"      // cung cấp thông tin, họp báo
)

// ResponseKinds lists the kinds in the order forms show them.
var ResponseKinds = []ResponseKind{ResponsePressRelease, ResponseArticle, ResponseGuidance, ResponseSocialPost, ResponseBriefing}

// Label returns the kind in Vietnamese.
func (k ResponseKind) Label() string {
	switch k {
	case ResponsePressRelease:
		return "Thông cáo báo chí"
	case ResponseArticle:
		return "Bài phản bác trên Cổng thông tin điện tử"
	case ResponseGuidance:
		return "Định hướng thông tin cho báo chí địa phương"
	case ResponseSocialPost:
		return "Bài đăng mạng xã hội"
	case ResponseBriefing:
		return "Cung cấp thông tin, họp báo"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k ResponseKind) Valid() bool { return k.Label() != string(k) }

// ResponseStatus is where a response stands: drafted, submitted for
// review, approved (by the coordinator or a leader), published; a
// submitted response may be returned to draft with a note.
type ResponseStatus string

// The response statuses.
const (
	ResponseDraft     ResponseStatus = "draft"
	ResponseSubmitted ResponseStatus = "submitted"
	ResponseApproved  ResponseStatus = "approved"
	ResponsePublished ResponseStatus = "published"
)

// Label returns the status in Vietnamese.
func (s ResponseStatus) Label() string {
	switch s {
	case ResponseDraft:
		return "Dự thảo"
	case ResponseSubmitted:
		return "Chờ duyệt"
	case ResponseApproved:
		return "Đã duyệt"
	case ResponsePublished:
		return "Đã đăng, phát"
	}
	return string(s)
}

// CaseResponse is one answer to a case.
type CaseResponse struct {
	ID     int64          `json:"id,omitempty"`
	CaseID int64          `json:"case_id"`
	Kind   ResponseKind   `json:"kind"`
	Title  string         `json:"title"`
	Body   string         `json:"body"`
	Status ResponseStatus `json:"status"`
	// OwnClassification is the response's own level; it raises its case's
	// (a guidance to the press may be secret while the case is not).
	OwnClassification Classification `json:"classification"`

	DraftedBy   int64     `json:"drafted_by,omitempty"`
	DraftedAt   time.Time `json:"drafted_at"`
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	ReviewedBy  int64     `json:"reviewed_by,omitempty"`
	ReviewedAt  time.Time `json:"reviewed_at,omitzero"`
	ReturnNote  string    `json:"return_note,omitempty"`

	// Publication: where (the portal, an outlet, a page) and when.
	PublishedWhere string    `json:"published_where,omitempty"`
	PublishedURL   string    `json:"published_url,omitempty"`
	PublishedAt    time.Time `json:"published_at,omitzero"`
	PublishedBy    int64     `json:"published_by,omitempty"`

	Version   int       `json:"version,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Validate checks a response's text.
func (r *CaseResponse) Validate() error {
	r.Title, r.Body = strings.TrimSpace(r.Title), strings.TrimSpace(r.Body)
	switch {
	case !r.Kind.Valid():
		return Errorf(EINVALID, "Hãy chọn hình thức phản hồi.", "Choose the kind of response.")
	case r.Title == "":
		return Errorf(EINVALID, "Phản hồi phải có tiêu đề.", "A response needs a title.")
	case r.Body == "":
		return Errorf(EINVALID, "Hãy soạn nội dung phản hồi.", "Write the response.")
	case utf8.RuneCountInString(r.Title) > 300:
		return Errorf(EINVALID, "Tiêu đề quá dài (tối đa 300 ký tự).", "The title is too long (at most 300 characters).")
	case len(r.Body) > 100000:
		return Errorf(EINVALID, "Nội dung quá dài (tối đa 100.000 ký tự).", "The text is too long (at most 100,000 characters).")
	}
	return nil
}

// ResponseUpdate changes a draft, and submits it for review when Submit.
type ResponseUpdate struct {
	Version        int
	Kind           *ResponseKind
	Title          *string
	Body           *string
	Classification *Classification
	Submit         bool
}

// ResponseReview is the coordinator's or a leader's decision on a
// submitted response: approve it, or return it to its author with a note.
type ResponseReview struct {
	Version int
	Approve bool
	Note    string
}

// ResponsePublication records where and when an approved response was
// published.
type ResponsePublication struct {
	Version int
	Where   string
	URL     string
	At      time.Time
}

// Validate checks a publication against the time it is recorded (now).
func (p *ResponsePublication) Validate(now time.Time) error {
	p.Where, p.URL = strings.TrimSpace(p.Where), strings.TrimSpace(p.URL)
	switch {
	case p.Where == "":
		return Errorf(EINVALID, "Hãy ghi nơi đăng, phát phản hồi (Cổng thông tin điện tử, cơ quan báo chí, trang mạng xã hội…).",
			"Say where the response was published (the portal, an outlet, a social-media page…).")
	case p.At.IsZero():
		return Errorf(EINVALID, "Hãy ghi thời điểm đăng, phát phản hồi.", "Give the time the response was published.")
	case p.At.After(now.Add(5 * time.Minute)):
		return Errorf(EINVALID, "Thời điểm đăng, phát không được ở tương lai.", "The publication time cannot be in the future.")
	}
	return checkWebURL(p.URL)
}

// CaseResponseService keeps the responses of cases.
type CaseResponseService interface {
	// DraftResponse adds a response to a case (its units' people, the
	// monitors and the coordinator), once the case is assigned.
	DraftResponse(ctx context.Context, caseID int64, r *CaseResponse) error
	UpdateResponse(ctx context.Context, id int64, upd ResponseUpdate) (*CaseResponse, error)
	ReviewResponse(ctx context.Context, id int64, rv ResponseReview) (*CaseResponse, error)
	PublishResponse(ctx context.Context, id int64, p ResponsePublication) (*CaseResponse, error)
}
