package ttdn

import (
	"context"
	"strings"
	"time"
)

// ResourceUnitReport is the policy kind of unit reports (and audit entity);
// ResourcePeriod and ResourceConsolidated those of periods and
// consolidated reports, ResourceIndicator the catalogue's.
const (
	ResourceUnitReport   ResourceKind = "unit_report"
	ResourcePeriod       ResourceKind = "report_period"
	ResourceConsolidated ResourceKind = "consolidated_report"
	ResourceIndicator    ResourceKind = "indicator"
)

// ReportStatus is where a unit report is in its review.
type ReportStatus string

// Report statuses: draft → submitted → (returned → resubmitted)* →
// accepted. An accepted report is locked.
const (
	ReportDraft       ReportStatus = "draft"
	ReportSubmitted   ReportStatus = "submitted"
	ReportReturned    ReportStatus = "returned"
	ReportResubmitted ReportStatus = "resubmitted"
	ReportAccepted    ReportStatus = "accepted"
)

// Label returns the status in Vietnamese.
func (s ReportStatus) Label() string {
	switch s {
	case ReportDraft:
		return "Dự thảo"
	case ReportSubmitted:
		return "Đã gửi"
	case ReportReturned:
		return "Trả lại để bổ sung"
	case ReportResubmitted:
		return "Đã gửi lại"
	case ReportAccepted:
		return "Đã tiếp nhận"
	}
	return string(s)
}

// Editable reports whether the unit may change the report's content.
func (s ReportStatus) Editable() bool { return s == ReportDraft || s == ReportReturned }

// Sent reports whether the unit has sent the report (it counts as
// submitted for completeness).
func (s ReportStatus) Sent() bool {
	return s == ReportSubmitted || s == ReportResubmitted || s == ReportAccepted || s == ReportReturned
}

// ReportValue is one number (or text) of a unit report: an indicator's
// total (Breakdown "") or one of its breakdown rows. Computed is what the
// registry gave, with its Source and the contributing record IDs; Reported
// is the unit's correction, with its Note. Both are kept.
type ReportValue struct {
	IndicatorID int64     `json:"indicator_id"`
	Code        string    `json:"code"`
	Breakdown   Breakdown `json:"breakdown,omitempty"`
	Item        string    `json:"item,omitempty"` // channel name, topic, language code, country
	Computed    *int64    `json:"computed,omitempty"`
	Reported    *int64    `json:"reported,omitempty"`
	Text        string    `json:"text,omitempty"`
	Note        string    `json:"note,omitempty"`
	Source      string    `json:"source,omitempty"`
	SourceIDs   []int64   `json:"source_ids,omitempty"`
}

// Value returns the number that counts: the correction, else the computed
// value, else 0.
func (v *ReportValue) Value() int64 {
	if v.Reported != nil {
		return *v.Reported
	} else if v.Computed != nil {
		return *v.Computed
	}
	return 0
}

// Corrected reports whether the unit changed the computed value.
func (v *ReportValue) Corrected() bool {
	return v.Reported != nil && (v.Computed == nil || *v.Computed != *v.Reported)
}

// Narrative holds the four prose sections of a report (DESIGN.md §5.13).
type Narrative struct {
	Results         string `json:"results"`         // kết quả thực hiện
	Shortcomings    string `json:"shortcomings"`    // hạn chế, nguyên nhân
	NextTasks       string `json:"next_tasks"`      // nhiệm vụ kỳ tới
	Recommendations string `json:"recommendations"` // kiến nghị, đề xuất
}

// NarrativeSections lists the sections with their Vietnamese headings, in
// the order reports write them.
var NarrativeSections = []struct {
	Key, Heading string
	Get          func(*Narrative) *string
}{
	{"results", "Kết quả thực hiện", func(n *Narrative) *string { return &n.Results }},
	{"shortcomings", "Hạn chế, tồn tại và nguyên nhân", func(n *Narrative) *string { return &n.Shortcomings }},
	{"next_tasks", "Nhiệm vụ trọng tâm kỳ tới", func(n *Narrative) *string { return &n.NextTasks }},
	{"recommendations", "Kiến nghị, đề xuất", func(n *Narrative) *string { return &n.Recommendations }},
}

// UnitReport is one unit's report for one period (báo cáo của đơn vị).
type UnitReport struct {
	ID        int64          `json:"id,omitempty"`
	PeriodID  int64          `json:"period_id"`
	UnitID    int64          `json:"unit_id"`
	UnitName  string         `json:"unit_name,omitempty"`
	Status    ReportStatus   `json:"status"`
	Values    []*ReportValue `json:"values"`
	Narrative Narrative      `json:"narrative"`
	// Comment is the reviewer's last comment (return) or reason (reopen).
	Comment          string    `json:"comment,omitempty"`
	FirstSubmittedAt time.Time `json:"first_submitted_at,omitzero"`
	SubmittedAt      time.Time `json:"submitted_at,omitzero"`
	// Late is set when the first submission came after the period's due
	// date; a late report is accepted all the same.
	Late       bool      `json:"late"`
	AcceptedAt time.Time `json:"accepted_at,omitzero"`
	Version    int       `json:"version,omitempty"`
	CreatedAt  time.Time `json:"created_at,omitzero"`
	UpdatedAt  time.Time `json:"updated_at,omitzero"`
}

// Locked reports whether the report is accepted and so unchangeable until
// reopened.
func (r *UnitReport) Locked() bool { return r.Status == ReportAccepted }

// Find returns the value of indicator code and breakdown item, or nil.
func (r *UnitReport) Find(code string, b Breakdown, item string) *ReportValue {
	for _, v := range r.Values {
		if v.Code == code && v.Breakdown == b && v.Item == item {
			return v
		}
	}
	return nil
}

// ReportAction is a step of the review workflow.
type ReportAction string

// Workflow actions.
const (
	ActSubmit ReportAction = "submit" // the unit sends (or resends) its report
	ActReturn ReportAction = "return" // the coordinator returns it with comments
	ActAccept ReportAction = "accept" // the coordinator accepts and locks it
	ActReopen ReportAction = "reopen" // the coordinator unlocks an accepted report, with a reason
)

// Label returns the action in Vietnamese.
func (a ReportAction) Label() string {
	switch a {
	case ActSubmit:
		return "Gửi báo cáo"
	case ActReturn:
		return "Trả lại"
	case ActAccept:
		return "Tiếp nhận"
	case ActReopen:
		return "Mở lại"
	}
	return string(a)
}

// Next returns the status after a from s, or an EINVALID error naming what
// is wrong (acting out of turn).
func (a ReportAction) Next(s ReportStatus) (ReportStatus, error) {
	switch {
	case a == ActSubmit && s == ReportDraft:
		return ReportSubmitted, nil
	case a == ActSubmit && s == ReportReturned:
		return ReportResubmitted, nil
	case (a == ActReturn || a == ActAccept) && (s == ReportSubmitted || s == ReportResubmitted):
		if a == ActAccept {
			return ReportAccepted, nil
		}
		return ReportReturned, nil
	case a == ActReopen && s == ReportAccepted:
		return ReportReturned, nil
	case s == ReportAccepted:
		return "", errLocked()
	}
	return "", Errorf(EINVALID, "Không thể %[1]s báo cáo đang ở trạng thái “%[2]s”.", "Cannot %[3]s a report that is %[4]s.",
		strings.ToLower(a.Label()), s.Label(), a, s)
}

func errLocked() error {
	return Errorf(EINVALID, "Báo cáo đã được tiếp nhận và khóa; cần mở lại (có lý do) trước khi sửa hoặc gửi lại.",
		"The report has been accepted and is locked; it must be reopened (with a reason) before it can be changed or resent.")
}

// ErrReportLocked is the refusal of an edit of an accepted report.
func ErrReportLocked() error { return errLocked() }

// CanReport is the access policy of unit reports. Reading: the unit's own
// officers (and those of units above it), coordinators and leaders — a unit
// does not read another's draft. Editing and submitting: the unit's
// officers, and coordinators for a unit that sent its report on paper.
// Returning, accepting and reopening: coordinators only.
func CanReport(u *User, act ReportAction, unitID int64) bool {
	if u != nil && u.system {
		return true
	}
	if u == nil || u.Disabled {
		return false
	}
	own := u.Role == RoleUnitOfficer && u.InScope(unitID)
	switch act {
	case ActRead:
		return own || u.Role == RoleCoordinator || u.Role == RoleLeader
	case ActEdit, ActSubmit:
		return own || u.Role == RoleCoordinator
	case ActReturn, ActAccept, ActReopen:
		return u.Role == RoleCoordinator
	}
	return false
}

// Pseudo-actions of CanReport beside the workflow steps.
const (
	ActRead ReportAction = "read"
	ActEdit ReportAction = "edit"
)

// ReportEvent is one step of a report's history.
type ReportEvent struct {
	ID         int64        `json:"id"`
	ReportID   int64        `json:"report_id"`
	Action     ReportAction `json:"action"`
	FromStatus ReportStatus `json:"from_status"`
	ToStatus   ReportStatus `json:"to_status"`
	Comment    string       `json:"comment,omitempty"`
	Late       bool         `json:"late"`
	UserID     int64        `json:"user_id"`
	Username   string       `json:"username"`
	At         time.Time    `json:"at"`
}

// ValueInput is one value a unit enters: Number for numeric indicators
// (nil clears a correction), Text for text ones. Raw, when set, is the
// text typed in a form and is parsed by the indicator's type.
type ValueInput struct {
	Code      string    `json:"code"`
	Breakdown Breakdown `json:"breakdown,omitempty"`
	Item      string    `json:"item,omitempty"`
	Number    *int64    `json:"number,omitempty"`
	Raw       *string   `json:"raw,omitempty"`
	Text      *string   `json:"text,omitempty"`
	Note      string    `json:"note,omitempty"`
}

// UnitReportUpdate changes a report's content. Version must equal the
// report's current version.
type UnitReportUpdate struct {
	Version   int
	Values    []ValueInput
	Narrative *Narrative
}

// UnitReportFilter selects reports.
type UnitReportFilter struct {
	PeriodID   *int64
	UnitID     *int64
	Status     *ReportStatus
	WithValues bool
	Offset     int
	Limit      int
}

// UnitReportService keeps unit reports and their review.
type UnitReportService interface {
	// StartUnitReport returns the unit's report for the period, creating
	// the draft with values pre-filled from the registry when none exists.
	StartUnitReport(ctx context.Context, periodID, unitID int64) (*UnitReport, error)
	FindUnitReportByID(ctx context.Context, id int64) (*UnitReport, error)
	FindUnitReports(ctx context.Context, f UnitReportFilter) ([]*UnitReport, int, error)
	UpdateUnitReport(ctx context.Context, id int64, upd UnitReportUpdate) (*UnitReport, error)
	// RefreshPrefill recomputes the computed values from the registry,
	// keeping the unit's corrections.
	RefreshPrefill(ctx context.Context, id int64, version int) (*UnitReport, error)
	// Transition performs a workflow step; return and reopen need a comment.
	Transition(ctx context.Context, id int64, act ReportAction, version int, comment string) (*UnitReport, error)
	FindReportEvents(ctx context.Context, reportID int64) ([]*ReportEvent, error)
}

// Notification kinds of report reminders.
const (
	NotifyReportDueSoon NotificationKind = "report_due_soon" // báo cáo sắp đến hạn
	NotifyReportOverdue NotificationKind = "report_overdue"  // báo cáo quá hạn
)

// ReportReminder returns the subject and text of a reminder to a unit that
// has not sent its report for periodName, due on due.
func ReportReminder(kind NotificationKind, unitName, periodName string, due Date) (subject, text string) {
	what := "sắp đến hạn nộp"
	if kind == NotifyReportOverdue {
		what = "đã quá hạn nộp"
	}
	subject = "[TTĐN] Báo cáo " + periodName + " " + what + " (" + due.String() + ")"
	text = unitName + " chưa gửi báo cáo kết quả công tác thông tin đối ngoại " + periodName + "; hạn nộp " +
		due.String() + ". Vui lòng đăng nhập hệ thống TTĐN để hoàn thành và gửi báo cáo."
	return subject, text
}
