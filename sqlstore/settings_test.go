package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestSettings(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		got, err := w.settings.FindSettings(as(w.officerA))
		if err != nil || *got != ttdn.DefaultSettings() {
			t.Fatalf("defaults: %+v, %v", got, err)
		}
		upd := ttdn.SettingsUpdate{StaleDays: ptr(14), DueSoonDays: ptr(3), SMTPHost: ptr("mail.tayninh.gov.vn"),
			SMTPPassword: ptr("bi-mat"), SMTPStartTLS: ptr(true)}
		if _, err := w.settings.UpdateSettings(as(w.officerA), upd); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer changing settings: %v", err)
		}
		if _, err := w.settings.UpdateSettings(as(w.coordinator), ttdn.SettingsUpdate{StaleDays: ptr(0)}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("stale days 0: %v", err)
		}
		if _, err := w.settings.UpdateSettings(as(w.coordinator), upd); err != nil {
			t.Fatal(err)
		}
		got, _ = w.settings.FindSettings(as(w.leader))
		if got.StaleDays != 14 || got.DueSoonDays != 3 || got.SMTP.Host != "mail.tayninh.gov.vn" || got.SMTP.Password != "" {
			t.Fatalf("after update, as a user: %+v", got)
		}
		if sys, _ := w.settings.FindSettings(sqltest.SystemContext()); sys.SMTP.Password != "bi-mat" {
			t.Fatal("the jobs do not get the SMTP password")
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'settings' AND after_json LIKE '%bi-mat%'`); n != 0 {
			t.Fatal("SMTP password written to the audit log")
		}
	})
}
