package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestMailWithheldOnceUnreadable: secrets flow down to the mail too. A
// notice is written while its task is readable to its recipient; before
// its e-mail leaves (at once, or in the evening's digest) the task is made
// secret and taken from the recipient's unit. Neither the e-mail nor the
// digest names the task then — exactly as the notice is no longer shown
// in the app — and a digest with nothing left in it is not sent.
func TestMailWithheldOnceUnreadable(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		p := newProvince(t, db)
		ctx := context.Background()
		if err := p.notifications.SetEmailMode(sqltest.UserContext(p.officerA), ttdn.EmailDigest); err != nil {
			t.Fatal(err)
		}
		if _, err := p.notifications.GenerateNotifications(sqltest.SystemContext()); err != nil {
			t.Fatal(err)
		}
		// III.1 (A's) and III.2 (B's) are made secret and given to nobody.
		tx, err := db.BeginTx(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`UPDATE tasks SET classification = 'secret', own_classification = 'secret' WHERE ref IN ('III.1', 'III.2')`,
			`DELETE FROM task_units WHERE task_id IN (SELECT id FROM tasks WHERE ref IN ('III.1', 'III.2'))`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, at := range []time.Time{time.Date(2019, 12, 10, 2, 0, 0, 0, time.UTC), time.Date(2019, 12, 10, 10, 30, 0, 0, time.UTC)} {
			db.Now = func() time.Time { return at }
			if err := p.scheduler.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		all := p.smtp.Messages()
		if len(all) == 0 {
			t.Fatal("no mail at all: the test proves nothing")
		}
		for _, m := range all {
			for _, secret := range []string{"III.1", "III.2", "Tổ chức họp báo định kỳ", "biên giới"} {
				if strings.Contains(m.Subject+m.Body, secret) && strings.Join(m.To, ",") != p.coordinator.Email {
					t.Errorf("mail to %v names %q, which its reader may no longer read:\n%s\n%s", m.To, secret, m.Subject, m.Body)
				}
			}
			if strings.Contains(m.Subject, "Tổng hợp thông báo") && strings.Contains(m.Subject, "(0)") {
				t.Errorf("an empty digest was sent: %s", m.Subject)
			}
		}
	})
}
