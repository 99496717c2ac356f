package ttdn

import (
	"context"
	"strconv"
	"time"
)

// NotificationKind is why a user is told something.
type NotificationKind string

const (
	NotifyTaskDueSoon NotificationKind = "task_due_soon" // nhiệm vụ sắp đến hạn
	NotifyTaskOverdue NotificationKind = "task_overdue"  // nhiệm vụ quá hạn
	NotifyUnitStale   NotificationKind = "unit_stale"    // đơn vị lâu chưa cập nhật
	// Workflow events: someone acted, and the reader has something to do
	// or to know.
	NotifyReportEvent     NotificationKind = "report_event"     // báo cáo được gửi, trả lại, chấp nhận, mở lại
	NotifyBudgetEvent     NotificationKind = "budget_event"     // dự toán được gửi, trả lại, chuyển, phê duyệt
	NotifyDifficultyEvent NotificationKind = "difficulty_event" // khó khăn được nêu, chuyển, trả lời
	NotifyTaskEvent       NotificationKind = "task_event"       // nhiệm vụ được giao, điều chỉnh, đổi hạn
)

// Label returns the kind in Vietnamese.
func (k NotificationKind) Label() string {
	switch k {
	case NotifyTaskDueSoon:
		return "Nhiệm vụ sắp đến hạn"
	case NotifyTaskOverdue:
		return "Nhiệm vụ quá hạn"
	case NotifyUnitStale:
		return "Đơn vị chưa cập nhật tiến độ"
	case NotifyReportDueSoon:
		return "Báo cáo định kỳ sắp đến hạn"
	case NotifyReportOverdue:
		return "Báo cáo định kỳ quá hạn"
	case NotifyPressHit:
		return "Tin báo chí cần chú ý"
	case NotifyAccountChange:
		return "Thay đổi tài khoản"
	case NotifyReportEvent:
		return "Báo cáo định kỳ"
	case NotifyBudgetEvent:
		return "Dự toán kinh phí"
	case NotifyDifficultyEvent:
		return "Khó khăn, vướng mắc"
	case NotifyTaskEvent:
		return "Nhiệm vụ được giao"
	case NotifyCaseEvent:
		return "Vụ việc cần phản bác"
	case NotifyCaseOverdue:
		return "Vụ việc quá hạn xử lý"
	case NotifyAuditBroken:
		return "Nhật ký hệ thống bị can thiệp"
	}
	return string(k)
}

// Notification is a message to one user, shown in the app and sent by
// e-mail. Text is what the app shows; EmailText is what may travel by
// e-mail, which never carries the title of a secret task.
type Notification struct {
	ID        int64            `json:"id"`
	UserID    int64            `json:"user_id"`
	Kind      NotificationKind `json:"kind"`
	TaskID    int64            `json:"task_id,omitempty"`
	UnitID    int64            `json:"unit_id,omitempty"`
	Day       Date             `json:"day"` // the due date, or the date staleness is counted from
	Subject   string           `json:"subject"`
	Text      string           `json:"text"`
	EmailText string           `json:"-"`
	Link      string           `json:"link,omitempty"` // where in ttdn the reader acts ("/reports/12")
	CreatedAt time.Time        `json:"created_at"`
	ReadAt    time.Time        `json:"read_at,omitzero"`
	EmailedAt time.Time        `json:"emailed_at,omitzero"`
}

// NotificationFilter selects the acting user's notifications.
type NotificationFilter struct {
	Unread bool
	Offset int
	Limit  int
	// CountOnly asks for the total alone (the header's bell, on every
	// page): no notice is read.
	CountOnly bool
}

// NotificationService shows users their notifications.
type NotificationService interface {
	FindNotifications(ctx context.Context, f NotificationFilter) ([]*Notification, int, error)
	MarkNotificationRead(ctx context.Context, id int64) error
	MarkAllNotificationsRead(ctx context.Context) error
}

// OutgoingEmail is a notification claimed for sending by one instance.
type OutgoingEmail struct {
	NotificationID int64
	To             string
	Subject        string
	Body           string
}

// TaskNotice returns the subject, in-app text and e-mail text of a task
// notification. The e-mail of a secret task names only its reference: a
// classified title never travels by e-mail.
func TaskNotice(kind NotificationKind, t *Task, due Date) (subject, text, email string) {
	what := "sắp đến hạn"
	if kind == NotifyTaskOverdue {
		what = "đã quá hạn"
	}
	subject = "[TTĐN] Nhiệm vụ " + t.Ref + " " + what + " (" + due.String() + ")"
	text = "Nhiệm vụ " + t.Ref + " “" + t.Title + "” " + what + ", hạn " + due.String() +
		". Trạng thái: " + t.Status.Label() + ", " + itoa(t.Percent) + "%."
	email = text
	if t.Classification >= Secret {
		email = "Nhiệm vụ " + t.Ref + " (độ mật: " + t.Classification.Label() + ") " + what + ", hạn " + due.String() +
			". Nội dung nhiệm vụ mật không gửi qua thư điện tử."
	}
	email += "\n\nVui lòng đăng nhập hệ thống TTĐN để cập nhật tiến độ."
	return subject, text, email
}

// StaleUnitNotice returns the texts of a stale-unit notification.
func StaleUnitNotice(unitName string, days int) (subject, text string) {
	subject = "[TTĐN] " + unitName + " chưa cập nhật tiến độ " + itoa(days) + " ngày"
	text = unitName + " chưa cập nhật tiến độ nhiệm vụ thông tin đối ngoại trong " + itoa(days) +
		" ngày. Vui lòng đăng nhập hệ thống TTĐN để cập nhật."
	return subject, text
}

func itoa(n int) string { return strconv.Itoa(n) }
