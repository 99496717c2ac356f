package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/jobs"
	"ttdn/mail/mailtest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The notifier wired in serve sends digests too.
var _ jobs.Digester = sqlstore.CaseNotifier{}

// mailsTo returns the messages received by addr.
func mailsTo(s *mailtest.Server, addr string) []mailtest.Message {
	var out []mailtest.Message
	for _, m := range s.Messages() {
		if strings.Join(m.To, ",") == addr {
			out = append(out, m)
		}
	}
	return out
}

// TestEmailModes: officer A takes a daily digest, officer B no e-mail,
// the coordinator one e-mail per notice (the default). Every notice stays
// in the app whatever the mode; the digest lists the day's notices grouped
// by kind, goes once a day after the working day, never for 'none'.
func TestEmailModes(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		p := newProvince(t, db)
		ctx := context.Background()
		// Before the choice: the plan's issue was e-mailed to A and B one by one.
		set := func(u *ttdn.User, m ttdn.EmailMode) {
			t.Helper()
			if err := p.notifications.SetEmailMode(sqltest.UserContext(u), m); err != nil {
				t.Fatal(err)
			}
			if got, err := p.notifications.FindEmailMode(sqltest.UserContext(u)); err != nil || got != m {
				t.Fatalf("mode %q, %v; want %q", got, err, m)
			}
		}
		if got, _ := p.notifications.FindEmailMode(sqltest.UserContext(p.coordinator)); got != ttdn.EmailEach {
			t.Fatalf("default mode %q", got)
		}
		set(p.officerA, ttdn.EmailDigest)
		set(p.officerB, ttdn.EmailNone)
		err := p.notifications.SetEmailMode(sqltest.UserContext(p.officerB), "weekly")
		if ttdn.ErrorCode(err) != ttdn.EINVALID || ttdn.ErrorField(err) != "notify_email" {
			t.Fatalf("unknown mode: %v", err)
		}
		run := func(at time.Time) {
			t.Helper()
			db.Now = func() time.Time { return at }
			if err := p.scheduler.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		a, b, c := p.officerA.Email, p.officerB.Email, p.coordinator.Email
		run(time.Date(2019, 12, 10, 2, 0, 0, 0, time.UTC)) // 09:00 in Tây Ninh
		if n := len(mailsTo(p.smtp, a)); n != 1 {
			t.Fatalf("A before the day's end: %d mails, want only the plan's issue", n)
		}
		if n := len(mailsTo(p.smtp, c)); n != 2 {
			t.Fatalf("coordinator (each): %d mails, want the two stale units", n)
		}
		run(time.Date(2019, 12, 10, 10, 30, 0, 0, time.UTC)) // 17:30
		run(time.Date(2019, 12, 10, 11, 0, 0, 0, time.UTC))  // 18:00: nothing more
		got := mailsTo(p.smtp, a)
		if len(got) != 2 {
			t.Fatalf("A after the day's end: %d mails, want 2", len(got))
		}
		d := got[1]
		if d.Subject != "[TTĐN] Tổng hợp thông báo ngày 10/12/2019 (2)" ||
			!strings.Contains(d.Body, "Nhiệm vụ sắp đến hạn (1)\n- ") ||
			!strings.Contains(d.Body, "Đơn vị chưa cập nhật tiến độ (1)\n- ") ||
			!strings.Contains(d.Body, "“Tổ chức họp báo định kỳ” sắp đến hạn") {
			t.Fatalf("digest:\n%s\n%s", d.Subject, d.Body)
		}
		// A notice later the same day waits for tomorrow's digest.
		tasks := sqlstore.NewTaskService(db)
		ctxC := sqltest.UserContext(p.coordinator)
		list, _, err := tasks.FindTasks(ctxC, ttdn.TaskFilter{UnitID: &p.officerA.UnitID})
		if err != nil {
			t.Fatal(err)
		}
		var task *ttdn.Task
		for _, x := range list {
			if x.Ref == "III.1" {
				task = x
			}
		}
		title := "Tổ chức họp báo định kỳ hằng quý"
		if _, err := tasks.UpdateTask(ctxC, task.ID, ttdn.TaskUpdate{Version: task.Version, Title: &title,
			Reason: "Theo chỉ đạo của UBND tỉnh"}); err != nil {
			t.Fatal(err)
		}
		run(time.Date(2019, 12, 10, 12, 0, 0, 0, time.UTC))
		if n := len(mailsTo(p.smtp, a)); n != 2 {
			t.Fatalf("a second digest the same day: %d mails", n)
		}
		run(time.Date(2019, 12, 11, 10, 0, 0, 0, time.UTC)) // next day 17:00
		run(time.Date(2019, 12, 11, 10, 5, 0, 0, time.UTC))
		got = mailsTo(p.smtp, a)
		if len(got) != 3 || got[2].Subject != "[TTĐN] Tổng hợp thông báo ngày 11/12/2019 (1)" ||
			!strings.Contains(got[2].Body, "Nhiệm vụ được giao (1)\n- ") || !strings.Contains(got[2].Body, "hằng quý") {
			t.Fatalf("next day's digest: %d mails %+v", len(got), got[len(got)-1])
		}
		// 'none': only what was mailed before the choice, yet every notice is in the app.
		if n := len(mailsTo(p.smtp, b)); n != 1 {
			t.Fatalf("B (none): %d mails, want only the plan's issue", n)
		}
		for _, u := range []*ttdn.User{p.officerA, p.officerB} {
			if _, n, _ := p.notifications.FindNotifications(sqltest.UserContext(u), ttdn.NotificationFilter{Unread: true}); n < 3 {
				t.Fatalf("%s sees %d notices in the app", u.Username, n)
			}
		}
	})
}
