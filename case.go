package ttdn

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Rebuttal cases (issue 14 §1, seed III.6 and V: "đấu tranh, phản bác lại
// những thông tin sai trái"): a piece of false information the province
// decides to answer, from detection to a published response. A case opens
// from a press item or story, or by hand for a post, a leaflet or a video;
// it is assessed (claim, verdict, severity, topics), assigned to a lead
// unit with coordinating units, answered by one or more responses that the
// coordinator or a leader approves, and closed. Its stages carry
// timestamps and deadlines by severity; its spread is the press items that
// join its story after it opened.

// ResourceCase is the policy kind of cases and everything they hold
// (responses, evidence, spread).
const ResourceCase ResourceKind = "case"

// ActionApprove approves a response for publication: the coordinator or a
// leader, never the response's own author (sqlstore checks that).
const ActionApprove Action = "approve"

// ActionAssign assigns a case to its units and opens it: the coordinator
// and the monitors who follow the press.
const ActionAssign Action = "assign"

// Notifications about cases.
const (
	NotifyCaseEvent   NotificationKind = "case_event"   // vụ việc được mở, giao, phản hồi được trình, duyệt, đăng
	NotifyCaseOverdue NotificationKind = "case_overdue" // giai đoạn xử lý vụ việc quá hạn
)

// CaseStage is how far a case has come. Stages only move forward; each
// has its timestamp on the case.
type CaseStage string

// The stages, in order.
const (
	StageDetected  CaseStage = "detected"  // phát hiện
	StageAssessed  CaseStage = "assessed"  // đã đánh giá
	StageAssigned  CaseStage = "assigned"  // đã giao xử lý
	StageDrafted   CaseStage = "drafted"   // đã soạn phản hồi
	StageApproved  CaseStage = "approved"  // phản hồi đã được duyệt
	StagePublished CaseStage = "published" // phản hồi đã đăng, phát
	StageClosed    CaseStage = "closed"    // đã kết thúc
)

// CaseStages lists the stages in order.
var CaseStages = []CaseStage{StageDetected, StageAssessed, StageAssigned, StageDrafted, StageApproved, StagePublished, StageClosed}

// Index is the stage's place in CaseStages (-1 for an unknown stage).
func (s CaseStage) Index() int {
	for i, x := range CaseStages {
		if x == s {
			return i
		}
	}
	return -1
}

// Reached reports whether a case at stage s has reached stage t.
func (s CaseStage) Reached(t CaseStage) bool { return s.Index() >= t.Index() }

// Label returns the stage in Vietnamese.
func (s CaseStage) Label() string {
	switch s {
	case StageDetected:
		return "Phát hiện"
	case StageAssessed:
		return "Đã đánh giá"
	case StageAssigned:
		return "Đã giao xử lý"
	case StageDrafted:
		return "Đã soạn phản hồi"
	case StageApproved:
		return "Phản hồi đã duyệt"
	case StagePublished:
		return "Đã đăng phản hồi"
	case StageClosed:
		return "Đã kết thúc"
	}
	return string(s)
}

// Verdict is what the assessment found the claim to be.
type Verdict string

// The verdicts; "" means not yet assessed.
const (
	VerdictFalse       Verdict = "false"        // sai sự thật
	VerdictDistorted   Verdict = "distorted"    // xuyên tạc
	VerdictPartlyFalse Verdict = "partly_false" // sai một phần
	VerdictTrue        Verdict = "true"         // đúng sự thật
	VerdictUnverified  Verdict = "unverified"   // chưa xác minh
)

// Verdicts lists the verdicts a person may give.
var Verdicts = []Verdict{VerdictFalse, VerdictDistorted, VerdictPartlyFalse, VerdictTrue, VerdictUnverified}

// Label returns the verdict in Vietnamese.
func (v Verdict) Label() string {
	switch v {
	case VerdictFalse:
		return "Sai sự thật"
	case VerdictDistorted:
		return "Xuyên tạc"
	case VerdictPartlyFalse:
		return "Sai một phần"
	case VerdictTrue:
		return "Đúng sự thật"
	case VerdictUnverified:
		return "Chưa xác minh"
	case "":
		return "Chưa đánh giá"
	}
	return string(v)
}

// Valid reports whether v is a verdict a person may give.
func (v Verdict) Valid() bool { return v != "" && v.Label() != string(v) }

// Clarified reports whether the assessment settled the claim (anything but
// "unverified"): the report's "vụ việc đã làm rõ".
func (v Verdict) Clarified() bool { return v.Valid() && v != VerdictUnverified }

// Severity is how much harm the claim can do; it sets the deadlines.
type Severity string

// The severities; "" means not yet assessed (deadlines as medium).
const (
	SeverityLow    Severity = "low"
	SeverityMedium Severity = "medium"
	SeverityHigh   Severity = "high"
)

// Severities lists the severities, least first.
var Severities = []Severity{SeverityLow, SeverityMedium, SeverityHigh}

// Label returns the severity in Vietnamese.
func (s Severity) Label() string {
	switch s {
	case SeverityLow:
		return "Thấp"
	case SeverityMedium:
		return "Trung bình"
	case SeverityHigh:
		return "Nghiêm trọng"
	case "":
		return "Chưa đánh giá"
	}
	return string(s)
}

// Valid reports whether s is a severity a person may give.
func (s Severity) Valid() bool { return s == SeverityLow || s == SeverityMedium || s == SeverityHigh }

// CaseTopic is what a claim is about, for the figures by topic.
type CaseTopic string

// The topics the seed and the Cambodia programme name.
const (
	TopicBorder      CaseTopic = "border"       // biên giới, cửa khẩu
	TopicCambodia    CaseTopic = "cambodia"     // quan hệ Việt Nam – Campuchia
	TopicReligion    CaseTopic = "religion"     // tôn giáo
	TopicEthnic      CaseTopic = "ethnic"       // dân tộc
	TopicLand        CaseTopic = "land"         // đất đai
	TopicInvestment  CaseTopic = "investment"   // đầu tư, kinh tế
	TopicHumanRights CaseTopic = "human_rights" // dân chủ, nhân quyền
	TopicSeaIslands  CaseTopic = "sea_islands"  // biển, đảo
	TopicLeadership  CaseTopic = "leadership"   // lãnh đạo, cán bộ
	TopicSecurity    CaseTopic = "security"     // an ninh, trật tự
	TopicOther       CaseTopic = "other"        // khác
)

// CaseTopics lists the topics in the order forms show them.
var CaseTopics = []CaseTopic{TopicBorder, TopicCambodia, TopicReligion, TopicEthnic, TopicLand, TopicInvestment,
	TopicHumanRights, TopicSeaIslands, TopicLeadership, TopicSecurity, TopicOther}

// Label returns the topic in Vietnamese.
func (t CaseTopic) Label() string {
	switch t {
	case TopicBorder:
		return "Biên giới, cửa khẩu"
	case TopicCambodia:
		return "Quan hệ Việt Nam – Campuchia"
	case TopicReligion:
		return "Tôn giáo"
	case TopicEthnic:
		return "Dân tộc"
	case TopicLand:
		return "Đất đai"
	case TopicInvestment:
		return "Đầu tư, kinh tế"
	case TopicHumanRights:
		return "Dân chủ, nhân quyền"
	case TopicSeaIslands:
		return "Biển, đảo"
	case TopicLeadership:
		return "Lãnh đạo, cán bộ"
	case TopicSecurity:
		return "An ninh, trật tự"
	case TopicOther:
		return "Khác"
	}
	return string(t)
}

// Valid reports whether t is a known topic.
func (t CaseTopic) Valid() bool { return t.Label() != string(t) }

// CaseOrigin is where a case was opened from.
type CaseOrigin string

// The origins.
const (
	OriginArticle CaseOrigin = "article" // a press item
	OriginStory   CaseOrigin = "story"   // a story across outlets
	OriginManual  CaseOrigin = "manual"  // by hand: a post, a leaflet, a video
)

// CaseSource is what the case was about when it opened, kept as it was:
// the press item's text (or the person's description of a post), so the
// case holds even if the source changes or disappears.
type CaseSource struct {
	Title     string    `json:"title"`
	Summary   string    `json:"summary,omitempty"`
	URL       string    `json:"url,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`   // the outlet, or the platform of a post (Facebook, YouTube…)
	Language  string    `json:"language,omitempty"` // "vi", "en", "km"…
	Foreign   bool      `json:"foreign"`
	Published time.Time `json:"published,omitzero"`
}

// Case is a rebuttal case (vụ việc cần phản bác).
type Case struct {
	ID        int64      `json:"id,omitempty"`
	Title     string     `json:"title"`
	Origin    CaseOrigin `json:"origin"`
	ArticleID int64      `json:"article_id,omitempty"` // the press item it opened from
	StoryID   int64      `json:"story_id,omitempty"`   // that item's story, whose spread is followed
	Source    CaseSource `json:"source"`

	// Assessment.
	Claim          string      `json:"claim"` // the claim in one sentence
	Verdict        Verdict     `json:"verdict,omitempty"`
	Severity       Severity    `json:"severity,omitempty"`
	Topics         []CaseTopic `json:"topics,omitempty"`
	Assessment     string      `json:"assessment,omitempty"` // the reasons, the facts that answer the claim
	TouchesSecrets bool        `json:"touches_secrets"`
	// Classification is the level the case is read at: the highest of
	// OwnClassification, secret when it touches state secrets, and its
	// responses' levels (a case is at least as classified as its most
	// classified part).
	Classification    Classification `json:"classification"`
	OwnClassification Classification `json:"own_classification"`

	// Assignment.
	UnitID              int64   `json:"unit_id,omitempty"` // the unit that detected it (the opener's)
	LeadUnitID          int64   `json:"lead_unit_id,omitempty"`
	CoordinatingUnitIDs []int64 `json:"coordinating_unit_ids,omitempty"`

	Stage       CaseStage `json:"stage"`
	DetectedAt  time.Time `json:"detected_at"`
	AssessedAt  time.Time `json:"assessed_at,omitzero"`
	AssignedAt  time.Time `json:"assigned_at,omitzero"`
	DraftedAt   time.Time `json:"drafted_at,omitzero"`
	ApprovedAt  time.Time `json:"approved_at,omitzero"`
	PublishedAt time.Time `json:"published_at,omitzero"` // the first response published
	ClosedAt    time.Time `json:"closed_at,omitzero"`
	CloseNote   string    `json:"close_note,omitempty"`

	OpenedBy  int64     `json:"opened_by,omitempty"`
	OpenedAt  time.Time `json:"opened_at"`
	Version   int       `json:"version,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`

	Responses []*CaseResponse `json:"responses,omitempty"` // on FindCaseByID
}

// UnitIDs are the units a case involves: the detecting, lead and
// coordinating units. The policy lets their people read it.
func (c *Case) UnitIDs() []int64 {
	var out []int64
	for _, id := range append([]int64{c.UnitID, c.LeadUnitID}, c.CoordinatingUnitIDs...) {
		if id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// Resource is the policy's view of the case.
func (c *Case) Resource() Resource {
	return Resource{Kind: ResourceCase, Classification: c.Classification, UnitIDs: c.UnitIDs()}
}

// ResponsibleUnitID is the unit whose report counts the case: the lead
// unit once assigned, the detecting unit before.
func (c *Case) ResponsibleUnitID() int64 {
	if c.LeadUnitID != 0 {
		return c.LeadUnitID
	}
	return c.UnitID
}

// StageAt returns when the case reached stage s (zero if not yet).
func (c *Case) StageAt(s CaseStage) time.Time {
	switch s {
	case StageDetected:
		return c.DetectedAt
	case StageAssessed:
		return c.AssessedAt
	case StageAssigned:
		return c.AssignedAt
	case StageDrafted:
		return c.DraftedAt
	case StageApproved:
		return c.ApprovedAt
	case StagePublished:
		return c.PublishedAt
	case StageClosed:
		return c.ClosedAt
	}
	return time.Time{}
}

// ResponseMinutes is the time from detection to the first published
// response, in whole minutes, and whether there is one.
func (c *Case) ResponseMinutes() (int64, bool) {
	if c.PublishedAt.IsZero() || c.DetectedAt.IsZero() || c.PublishedAt.Before(c.DetectedAt) {
		return 0, false
	}
	return int64(c.PublishedAt.Sub(c.DetectedAt) / time.Minute), true
}

// Open reports whether the case is still being worked on.
func (c *Case) Open() bool { return c.Stage != StageClosed }

// maxClaimRunes bounds "the claim in one sentence".
const maxClaimRunes = 600

// Validate checks what a case must have when it is opened.
func (c *Case) Validate() error {
	c.Title, c.Claim = strings.TrimSpace(c.Title), strings.TrimSpace(c.Claim)
	c.Source.Title, c.Source.URL = strings.TrimSpace(c.Source.Title), strings.TrimSpace(c.Source.URL)
	c.Source.Outlet = strings.TrimSpace(c.Source.Outlet)
	if c.Title == "" {
		c.Title = firstRunes(c.Claim, 200)
	}
	if c.Title == "" {
		c.Title = firstRunes(c.Source.Title, 200)
	}
	switch {
	case c.Origin != OriginArticle && c.Origin != OriginStory && c.Origin != OriginManual:
		return Errorf(EINVALID, "Nguồn mở vụ việc không hợp lệ.", "Invalid origin of the case.")
	case c.Origin == OriginManual && c.Claim == "":
		return Errorf(EINVALID, "Hãy ghi nội dung thông tin sai trái trong một câu.", "Write the claim in one sentence.")
	case c.Origin == OriginManual && c.Source.URL == "" && c.Source.Outlet == "":
		return Errorf(EINVALID, "Hãy ghi địa chỉ (URL) hoặc nền tảng nơi thông tin xuất hiện.", "Give the URL or the platform where the claim appeared.")
	case c.Title == "":
		return Errorf(EINVALID, "Vụ việc phải có tên.", "A case needs a title.")
	case utf8.RuneCountInString(c.Claim) > maxClaimRunes:
		return Errorf(EINVALID, "Nội dung thông tin sai trái quá dài (tối đa %d ký tự): hãy tóm tắt trong một câu.",
			"The claim is too long (at most %d characters): sum it up in one sentence.", maxClaimRunes)
	case utf8.RuneCountInString(c.Title) > 300:
		return Errorf(EINVALID, "Tên vụ việc quá dài (tối đa 300 ký tự).", "The title is too long (at most 300 characters).")
	}
	return checkWebURL(c.Source.URL)
}

// checkWebURL accepts "" or an http(s) address without credentials.
func checkWebURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return Errorf(EINVALID, "Địa chỉ %q không hợp lệ (cần http:// hoặc https://, không kèm tên đăng nhập).",
			"Invalid address %q (http:// or https:// needed, no user name).", raw)
	}
	return nil
}

func firstRunes(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// CaseAssessment is the assessment of a case.
type CaseAssessment struct {
	Version        int
	Claim          string
	Verdict        Verdict
	Severity       Severity
	Topics         []CaseTopic
	Assessment     string
	TouchesSecrets bool
	Classification Classification // the case's own level
}

// Validate checks an assessment.
func (a *CaseAssessment) Validate() error {
	a.Claim, a.Assessment = strings.TrimSpace(a.Claim), strings.TrimSpace(a.Assessment)
	switch {
	case a.Claim == "":
		return Errorf(EINVALID, "Hãy ghi nội dung thông tin sai trái trong một câu.", "Write the claim in one sentence.")
	case utf8.RuneCountInString(a.Claim) > maxClaimRunes:
		return Errorf(EINVALID, "Nội dung thông tin sai trái quá dài (tối đa %d ký tự): hãy tóm tắt trong một câu.",
			"The claim is too long (at most %d characters): sum it up in one sentence.", maxClaimRunes)
	case !a.Verdict.Valid():
		return Errorf(EINVALID, "Hãy chọn kết luận: sai sự thật, xuyên tạc, sai một phần, đúng sự thật hoặc chưa xác minh.",
			"Choose a verdict: false, distorted, partly false, true or unverified.")
	case !a.Severity.Valid():
		return Errorf(EINVALID, "Hãy chọn mức độ nghiêm trọng.", "Choose a severity.")
	case len(a.Topics) == 0:
		return Errorf(EINVALID, "Hãy chọn ít nhất một chủ đề.", "Choose at least one topic.")
	case len(a.Assessment) > 20000:
		return Errorf(EINVALID, "Nội dung đánh giá quá dài (tối đa 20.000 ký tự).", "The assessment is too long (at most 20,000 characters).")
	}
	for _, t := range a.Topics {
		if !t.Valid() {
			return Errorf(EINVALID, "Chủ đề %q không hợp lệ.", "Unknown topic %q.", t)
		}
	}
	return nil
}

// CaseAssignment gives a case its lead and coordinating units.
type CaseAssignment struct {
	Version             int
	LeadUnitID          int64
	CoordinatingUnitIDs []int64
}

// CaseFilter selects cases; nil fields do not filter.
type CaseFilter struct {
	ID        *int64
	Stage     *CaseStage
	OpenOnly  bool
	Overdue   bool // open cases past the deadline of their next stage (at Now)
	Verdict   *Verdict
	Severity  *Severity
	Topic     *CaseTopic
	UnitID    *int64 // involving this unit (detecting, lead or coordinating)
	ArticleID *int64
	StoryID   *int64
	StoryIDs  []int64 // any of these stories (the press pages' buttons)
	Query     string  // words of the title or claim
	From, To  time.Time
	Now       time.Time // for Overdue; zero: the database's clock
	Offset    int
	Limit     int
}

// CaseClose ends a case.
type CaseClose struct {
	Version int
	Note    string
}

// CaseService keeps rebuttal cases.
type CaseService interface {
	FindCaseByID(ctx context.Context, id int64) (*Case, error)
	FindCases(ctx context.Context, f CaseFilter) ([]*Case, int, error)
	// OpenCase opens a case; from a press item (ArticleID) or a story
	// (StoryID) the source is copied from the stored item, by hand it is as
	// given. Evidence files are stored with it.
	OpenCase(ctx context.Context, c *Case, evidence []*Attachment) error
	AssessCase(ctx context.Context, id int64, a CaseAssessment) (*Case, error)
	AssignCase(ctx context.Context, id int64, a CaseAssignment) (*Case, error)
	CloseCase(ctx context.Context, id int64, cl CaseClose) (*Case, error)

	AddCaseEvidence(ctx context.Context, caseID int64, files ...*Attachment) error
	FindCaseEvidence(ctx context.Context, caseID int64) ([]*Attachment, error)
	FindCaseEvidenceFile(ctx context.Context, caseID, id int64) (*Attachment, error)

	CaseResponseService
	CaseSpreadService
	CaseFiguresService
}

// caseScope is ReadScope for cases: coordinators and leaders read every
// case; monitors every case but secret ones, and secret ones of their
// units; everyone else public cases and the cases of their units.
func caseScope(u *User, units []int64) Scope {
	switch u.Role {
	case RoleCoordinator, RoleLeader:
		return Scope{Max: Secret, MaxInScope: Secret, UnitIDs: units}
	case RoleMonitor:
		return Scope{Max: Internal, MaxInScope: Secret, UnitIDs: units}
	}
	return Scope{Max: Public, MaxInScope: Secret, UnitIDs: units}
}

// canWriteCase: monitors and the coordinator open, assess and assign
// cases; the people of a case's units (monitors and unit officers of the
// lead or a coordinating unit) draft and publish its responses; the
// coordinator and leaders approve them. Cases are never deleted, only
// closed.
func canWriteCase(u *User, act Action, r Resource) bool {
	switch act {
	case ActionCreate, ActionAssign:
		return u.Role == RoleCoordinator || u.Role == RoleMonitor
	case ActionUpdate:
		return u.Role == RoleCoordinator || u.Role == RoleMonitor ||
			u.Role == RoleUnitOfficer && anyInScope(u, r.UnitIDs)
	case ActionApprove:
		return u.Role == RoleCoordinator || u.Role == RoleLeader
	}
	return false
}
