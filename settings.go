package ttdn

import "context"

// Settings are the values an administrator or coordinator tunes without a
// restart, stored in the database so every instance shares them.
type Settings struct {
	StaleDays          int          `json:"stale_days"`    // a unit with no update for this many days is stale
	DueSoonDays        int          `json:"due_soon_days"` // notify this many days before a deadline
	AttachmentMaxBytes int64        `json:"attachment_max_bytes"`
	SMTP               SMTPSettings `json:"smtp"`
	// Province is the province the instance serves ("Hà Nội"), set by
	// `ttdn province setup`; empty means the shipped example, Tây Ninh.
	Province string `json:"province"`
}

// SMTPSettings say how e-mail is sent. An empty Host turns e-mail off.
type SMTPSettings struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	From     string `json:"from"`
	Username string `json:"username"`
	Password string `json:"-"` // never shown back
	StartTLS bool   `json:"starttls"`
}

// DefaultSettings are used for every key not stored.
func DefaultSettings() Settings {
	return Settings{StaleDays: 30, DueSoonDays: 7, AttachmentMaxBytes: DefaultAttachmentMaxBytes,
		SMTP: SMTPSettings{Port: 587, StartTLS: true}}
}

// Validate checks the settings are usable.
func (s *Settings) Validate() error {
	if s.StaleDays < 1 || s.StaleDays > 366 {
		return Errorf(EINVALID, "Số ngày không cập nhật phải từ 1 đến 366.", "Stale days must be between 1 and 366.")
	} else if s.DueSoonDays < 0 || s.DueSoonDays > 90 {
		return Errorf(EINVALID, "Số ngày báo trước hạn phải từ 0 đến 90.", "Due-soon days must be between 0 and 90.")
	} else if s.AttachmentMaxBytes < 1<<10 || s.AttachmentMaxBytes > 200<<20 {
		return Errorf(EINVALID, "Giới hạn tệp đính kèm phải từ 1 KB đến 200 MB.", "The attachment limit must be between 1 KB and 200 MB.")
	} else if s.SMTP.Host != "" && (s.SMTP.Port < 1 || s.SMTP.Port > 65535) {
		return Errorf(EINVALID, "Cổng SMTP không hợp lệ.", "Invalid SMTP port.")
	}
	return nil
}

// SettingsUpdate changes some settings; nil fields stay.
type SettingsUpdate struct {
	StaleDays          *int
	DueSoonDays        *int
	AttachmentMaxBytes *int64
	SMTPHost           *string
	SMTPPort           *int
	SMTPFrom           *string
	SMTPUsername       *string
	SMTPPassword       *string
	SMTPStartTLS       *bool
}

// SettingsService reads and changes settings.
type SettingsService interface {
	FindSettings(ctx context.Context) (*Settings, error)
	UpdateSettings(ctx context.Context, upd SettingsUpdate) (*Settings, error)
}
