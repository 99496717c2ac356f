package ttdn

import (
	"context"
	"sort"
	"strings"
	"time"
)

// EmailMode is how a person wants notifications to reach them by e-mail,
// beside the app (which always shows them).
type EmailMode string

const (
	EmailNone   EmailMode = "none"   // only in the app
	EmailEach   EmailMode = "each"   // one e-mail per notification
	EmailDigest EmailMode = "digest" // one e-mail a day listing the day's notices
)

// EmailModes lists the modes in the order the account page offers them.
var EmailModes = []EmailMode{EmailNone, EmailEach, EmailDigest}

// Valid reports whether m is a known mode.
func (m EmailMode) Valid() bool { return m == EmailNone || m == EmailEach || m == EmailDigest }

// DigestHour is the hour (Vietnam time) from which a day's digest is sent:
// the end of the working day, so the mail lists that day's notices.
const DigestHour = 17

// EmailPreferences lets each person choose their EmailMode.
type EmailPreferences interface {
	FindEmailMode(ctx context.Context) (EmailMode, error)
	SetEmailMode(ctx context.Context, m EmailMode) error
}

// ErrEmailMode is the refusal of an unknown mode.
func ErrEmailMode() error {
	return Errorf(EINVALID, "Hãy chọn một cách nhận thư điện tử trong danh sách.",
		"Choose one of the listed ways to receive e-mail.").On("notify_email")
}

// DigestItem is one notice listed in a digest.
type DigestItem struct {
	Kind    NotificationKind
	Subject string
	Text    string // the e-mail text (never a secret title)
	At      time.Time
}

// OutgoingDigest is one person's digest claimed for sending.
type OutgoingDigest struct {
	UserID          int64
	To              string
	Day             Date
	NotificationIDs []int64
	Items           []DigestItem
}

// Compose returns the digest's subject and body: the notices grouped by
// kind, each group in the order the notices came.
func (d *OutgoingDigest) Compose() (subject, body string) {
	subject = "[TTĐN] Tổng hợp thông báo ngày " + d.Day.String() + " (" + itoa(len(d.Items)) + ")"
	groups := map[NotificationKind][]DigestItem{}
	var kinds []NotificationKind
	for _, it := range d.Items {
		if groups[it.Kind] == nil {
			kinds = append(kinds, it.Kind)
		}
		groups[it.Kind] = append(groups[it.Kind], it)
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].Label() < kinds[j].Label() })
	var b strings.Builder
	b.WriteString("Thông báo của hệ thống TTĐN trong ngày " + d.Day.String() + ":\n")
	for _, k := range kinds {
		b.WriteString("\n" + k.Label() + " (" + itoa(len(groups[k])) + ")\n")
		for _, it := range groups[k] {
			b.WriteString("- " + it.At.In(digestZone).Format("15:04") + " " + strings.TrimPrefix(it.Subject, "[TTĐN] ") +
				": " + firstParagraph(it.Text) + "\n")
		}
	}
	b.WriteString("\nVui lòng đăng nhập hệ thống TTĐN để xem chi tiết. Đổi cách nhận thư tại trang Tài khoản.")
	return subject, b.String()
}

var digestZone = time.FixedZone("ICT", 7*3600)

// firstParagraph drops the closing lines an event's e-mail carries on its own
// ("Vui lòng đăng nhập…"): the digest says it once.
func firstParagraph(s string) string {
	s, _, _ = strings.Cut(s, "\n\n")
	return strings.ReplaceAll(s, "\n", " ")
}
