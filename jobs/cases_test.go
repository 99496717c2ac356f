package jobs_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/jobs"
	"ttdn/mail/mailtest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestCaseOverdueByEmail: the scheduler wired as serve wires it (the case
// notifier) tells the detecting unit's monitor and the coordinator of a
// secret case left unassessed past its deadline, once, by e-mail too — and
// the e-mail names the case's number and level, never its claim.
func TestCaseOverdueByEmail(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2025, 11, 14, 3, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		unit := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "cong-an", Name: "Công an tỉnh"})
		monitor := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "theo-doi", Name: "Theo dõi", Email: "theodoi@congan.tayninh.gov.vn",
			Role: ttdn.RoleMonitor, UnitID: unit.ID}, "")
		sqltest.MustCreateUser(t, db, &ttdn.User{Username: "dieu-phoi", Name: "Điều phối", Email: "ttdn@svhttdl.tayninh.gov.vn",
			Role: ttdn.RoleCoordinator, UnitID: unit.ID}, "")
		smtp := mailtest.Start(t)
		port := smtp.Port()
		sys := ttdn.NewSystemContext(context.Background())
		if _, err := sqlstore.NewSettingsService(db).UpdateSettings(sys, ttdn.SettingsUpdate{SMTPHost: ptr("127.0.0.1"),
			SMTPPort: &port, SMTPFrom: ptr("ttdn@tayninh.gov.vn"), SMTPStartTLS: ptr(false)}); err != nil {
			t.Fatal(err)
		}
		cases := sqlstore.NewCaseService(db)
		c := &ttdn.Case{Claim: "Đồn biên phòng bỏ trống vị trí canh gác", TouchesSecrets: true,
			Source: ttdn.CaseSource{Outlet: "Facebook", URL: "https://facebook.example/p/2"}}
		if err := cases.OpenCase(sqltest.UserContext(monitor), c, nil); err != nil {
			t.Fatal(err)
		}
		s := &jobs.Scheduler{Settings: sqlstore.NewSettingsService(db), Notifier: sqlstore.CaseNotifier{Cases: cases,
			ReminderNotifier: sqlstore.ReminderNotifier{NotificationService: sqlstore.NewNotificationService(db),
				Reports: sqlstore.NewUnitReportService(db)}}}
		now = now.Add(9 * time.Hour) // an unassessed case has 8 hours
		for range 2 {
			if err := s.RunOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		var overdue []string
		for _, m := range smtp.Messages() {
			if strings.Contains(m.Body, "Đồn biên phòng") {
				t.Fatalf("a secret claim was e-mailed to %v: %q", m.To, m.Body)
			}
			if m.Subject == "[TTĐN] Vụ việc quá hạn xử lý" { // every e-mail carries the mark
				overdue = append(overdue, strings.Join(m.To, ","))
				if !strings.Contains(m.Body, "(độ mật: Mật)") {
					t.Errorf("e-mail body %q", m.Body)
				}
			}
		}
		if len(overdue) != 2 {
			t.Fatalf("overdue e-mails to %v, want the monitor and the coordinator once each", overdue)
		}
		list, _, err := sqlstore.NewNotificationService(db).FindNotifications(sqltest.UserContext(monitor), ttdn.NotificationFilter{})
		if err != nil || len(list) == 0 || !strings.Contains(list[0].Text, "Đồn biên phòng") || list[0].Link != "/cases/"+strconv.FormatInt(c.ID, 10) {
			t.Fatalf("in-app notice: %+v %v", list, err)
		}
	})
}
