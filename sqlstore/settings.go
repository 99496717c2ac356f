package sqlstore

import (
	"context"
	"errors"
	"strconv"

	"ttdn"
)

// Settings are rows of a key/value table over ttdn.DefaultSettings: a key
// not stored keeps its default.

// SettingsService reads and changes settings.
type SettingsService struct{ db *DB }

// NewSettingsService returns the settings service on db.
func NewSettingsService(db *DB) *SettingsService { return &SettingsService{db: db} }

var _ ttdn.SettingsService = (*SettingsService)(nil)

// Setting keys.
const (
	keyStaleDays     = "stale_days"
	keyDueSoonDays   = "due_soon_days"
	keyAttachmentMax = "attachment_max_bytes"
	keySMTPHost      = "smtp_host"
	keySMTPPort      = "smtp_port"
	keySMTPFrom      = "smtp_from"
	keySMTPUsername  = "smtp_username"
	keySMTPPassword  = "smtp_password"
	keySMTPStartTLS  = "smtp_starttls"
	keyProvince      = "province"
)

// FindSettings returns the settings to any logged-in user; the SMTP
// password only to the system (the jobs that send mail).
func (s *SettingsService) FindSettings(ctx context.Context) (*ttdn.Settings, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceSettings}, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	set, err := findSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	if !ttdn.UserFromContext(ctx).IsSystem() {
		set.SMTP.Password = ""
	}
	return set, nil
}

func findSettings(ctx context.Context, tx *Tx) (*ttdn.Settings, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var stored [][2]string
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		stored = append(stored, [2]string{k, v})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close() // opening the password may query again
	set := ttdn.DefaultSettings()
	for _, kv := range stored {
		k, v := kv[0], kv[1]
		if k == keySMTPPassword {
			// Without the key (a command that does not send mail) the
			// password is simply not there.
			if v, err = tx.openSecret(ctx, secretSMTPPassword, v); errors.Is(err, errNoKey) {
				v = ""
			} else if err != nil {
				return nil, err
			}
		}
		applySetting(&set, k, v)
	}
	return &set, nil
}

// applySetting sets one stored value; a value that does not parse keeps
// the default (it can only come from outside the service).
func applySetting(s *ttdn.Settings, k, v string) {
	n, _ := strconv.ParseInt(v, 10, 64)
	switch k {
	case keyStaleDays:
		s.StaleDays = int(n)
	case keyDueSoonDays:
		s.DueSoonDays = int(n)
	case keyAttachmentMax:
		s.AttachmentMaxBytes = n
	case keySMTPHost:
		s.SMTP.Host = v
	case keySMTPPort:
		s.SMTP.Port = int(n)
	case keySMTPFrom:
		s.SMTP.From = v
	case keySMTPUsername:
		s.SMTP.Username = v
	case keySMTPPassword:
		s.SMTP.Password = v
	case keySMTPStartTLS:
		s.SMTP.StartTLS = v == "true"
	case keyProvince:
		s.Province = v
	}
}

// UpdateSettings changes the given settings (administrators and
// coordinators).
func (s *SettingsService) UpdateSettings(ctx context.Context, upd ttdn.SettingsUpdate) (*ttdn.Settings, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceSettings}, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	after, changes := *before, settingChanges(upd)
	for k, v := range changes {
		applySetting(&after, k, v)
	}
	if err := after.Validate(); err != nil {
		return nil, err
	}
	for k, v := range changes {
		if k == keySMTPPassword {
			// Sealed: the password is kept only in a form the key opens.
			if v, err = tx.sealSecret(ctx, secretSMTPPassword, v); err != nil {
				return nil, err
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, k, v, tx.now); err != nil {
			return nil, err
		}
	}
	if err := tx.audit(ctx, "update", ttdn.ResourceSettings, 0, before, &after); err != nil {
		return nil, err
	}
	after.SMTP.Password = ""
	return &after, tx.Commit()
}

// settingChanges returns the stored form of every field upd sets.
func settingChanges(upd ttdn.SettingsUpdate) map[string]string {
	m := map[string]string{}
	itoa := func(k string, v *int) {
		if v != nil {
			m[k] = strconv.Itoa(*v)
		}
	}
	str := func(k string, v *string) {
		if v != nil {
			m[k] = *v
		}
	}
	itoa(keyStaleDays, upd.StaleDays)
	itoa(keyDueSoonDays, upd.DueSoonDays)
	itoa(keySMTPPort, upd.SMTPPort)
	if upd.AttachmentMaxBytes != nil {
		m[keyAttachmentMax] = strconv.FormatInt(*upd.AttachmentMaxBytes, 10)
	}
	str(keySMTPHost, upd.SMTPHost)
	str(keySMTPFrom, upd.SMTPFrom)
	str(keySMTPUsername, upd.SMTPUsername)
	str(keySMTPPassword, upd.SMTPPassword)
	if upd.SMTPStartTLS != nil {
		m[keySMTPStartTLS] = strconv.FormatBool(*upd.SMTPStartTLS)
	}
	return m
}
