package jobs_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/jobs"
	"ttdn/mail/mailtest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// province is a small world: units A and B, an officer each and a
// coordinator (all with e-mail), and an issued plan with a task of A due
// soon, a secret task of B overdue and a finished task; nobody has reported
// since the plan began, so both units are stale.
type province struct {
	db                  *sqlstore.DB
	officerA, officerB  *ttdn.User
	coordinator, noMail *ttdn.User
	notifications       *sqlstore.NotificationService
	smtp                *mailtest.Server
	scheduler           *jobs.Scheduler
}

func newProvince(t *testing.T, db *sqlstore.DB) *province {
	now := time.Date(2019, 1, 15, 2, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	a := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-tttt", Name: "Sở Thông tin và Truyền thông"})
	b := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-ngoai-vu", Name: "Sở Ngoại vụ"})
	user := func(name, email string, role ttdn.Role, unit *ttdn.Unit) *ttdn.User {
		return sqltest.MustCreateUser(t, db, &ttdn.User{Username: name, Name: name, Email: email, Role: role, UnitID: unit.ID}, "")
	}
	p := &province{db: db, notifications: sqlstore.NewNotificationService(db), smtp: mailtest.Start(t)}
	p.officerA = user("can-bo-a", "canbo.a@sotttt.tayninh.gov.vn", ttdn.RoleUnitOfficer, a)
	p.officerB = user("can-bo-b", "canbo.b@songoaivu.tayninh.gov.vn", ttdn.RoleUnitOfficer, b)
	p.coordinator = user("dieu-phoi", "ttdn@sotttt.tayninh.gov.vn", ttdn.RoleCoordinator, a)
	p.noMail = user("khong-thu", "", ttdn.RoleUnitOfficer, a) // in-app only
	plan := sqltest.MustCreatePlan(t, db, &ttdn.Plan{Title: "Thông tin đối ngoại năm 2019", Year: 2019, Tasks: []*ttdn.Task{
		{Ref: "III.1", Title: "Tổ chức họp báo định kỳ", Lead: []ttdn.UnitRef{{Code: "so-tttt"}}, Deadline: date(2019, 12, 15)},
		{Ref: "III.2", Title: "Theo dõi thông tin sai sự thật về biên giới", Lead: []ttdn.UnitRef{{Code: "so-ngoai-vu"}},
			Deadline: date(2019, 12, 1), Classification: ttdn.Secret},
		{Ref: "III.3", Title: "Đã xong", Lead: []ttdn.UnitRef{{Code: "so-tttt"}}, Deadline: date(2019, 12, 1), Status: ttdn.TaskDone},
	}})
	ctx := ttdn.NewSystemContext(context.Background())
	if _, err := sqlstore.NewPlanService(db).IssuePlan(ctx, plan.ID, ttdn.PlanIssue{Version: 1, Number: "79/KH-UBND",
		IssuedOn: date(2019, 1, 14), Signer: "Trần Văn Chiến"}); err != nil {
		t.Fatal(err)
	}
	port := p.smtp.Port()
	if _, err := sqlstore.NewSettingsService(db).UpdateSettings(ctx, ttdn.SettingsUpdate{SMTPHost: ptr("127.0.0.1"),
		SMTPPort: &port, SMTPFrom: ptr("ttdn@tayninh.gov.vn"), SMTPStartTLS: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	now = time.Date(2019, 12, 10, 2, 0, 0, 0, time.UTC)
	p.scheduler = p.newScheduler()
	return p
}

func (p *province) newScheduler() *jobs.Scheduler {
	return &jobs.Scheduler{Notifier: p.notifications, Settings: sqlstore.NewSettingsService(p.db), BatchSize: 2}
}

func ptr[T any](v T) *T { return &v }

func date(y, m, d int) ttdn.Date { return ttdn.Date{Year: y, Month: time.Month(m), Day: d} }

// count returns the notifications of every user.
func (p *province) count(t *testing.T) int {
	n := 0
	for _, u := range []*ttdn.User{p.officerA, p.officerB, p.coordinator, p.noMail} {
		_, total, err := p.notifications.FindNotifications(sqltest.UserContext(u), ttdn.NotificationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n += total
	}
	return n
}

// want lists recipient → subject of every e-mail expected.
var want = []string{
	"canbo.a@sotttt.tayninh.gov.vn → [TTĐN] Nhiệm vụ III.1 sắp đến hạn (15/12/2019)",
	"canbo.a@sotttt.tayninh.gov.vn → [TTĐN] Nhiệm vụ được giao", // the plan was issued
	"canbo.a@sotttt.tayninh.gov.vn → [TTĐN] Sở Thông tin và Truyền thông chưa cập nhật tiến độ 329 ngày",
	"canbo.b@songoaivu.tayninh.gov.vn → [TTĐN] Nhiệm vụ III.2 đã quá hạn (01/12/2019)",
	"canbo.b@songoaivu.tayninh.gov.vn → [TTĐN] Nhiệm vụ được giao",
	"canbo.b@songoaivu.tayninh.gov.vn → [TTĐN] Sở Ngoại vụ chưa cập nhật tiến độ 329 ngày",
	"ttdn@sotttt.tayninh.gov.vn → [TTĐN] Sở Ngoại vụ chưa cập nhật tiến độ 329 ngày",
	"ttdn@sotttt.tayninh.gov.vn → [TTĐN] Sở Thông tin và Truyền thông chưa cập nhật tiến độ 329 ngày",
}

func (p *province) received() []string {
	var got []string
	for _, m := range p.smtp.Messages() {
		got = append(got, strings.Join(m.To, ",")+" → "+m.Subject)
	}
	sort.Strings(got)
	return got
}

func TestNotificationsOnceAndEmailed(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		p := newProvince(t, db)
		ctx := context.Background()
		for range 2 {
			if err := p.scheduler.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got := p.received(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("e-mails:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// The officer without e-mail is told in the app: III.1 and stale A;
		// the three officers were told of their tasks when the plan was issued.
		if n := p.count(t); n != 11 {
			t.Fatalf("%d notifications, want 11", n)
		}
		for _, m := range p.smtp.Messages() {
			if strings.Contains(m.Body, "biên giới") {
				t.Fatalf("secret title e-mailed: %q", m.Body)
			}
			if strings.Contains(m.Subject, "III.1") && !strings.Contains(m.Body, "“Tổ chức họp báo định kỳ” sắp đến hạn, hạn 15/12/2019") {
				t.Fatalf("UTF-8 body: %q", m.Body)
			}
		}
		list, total, err := p.notifications.FindNotifications(sqltest.UserContext(p.officerB), ttdn.NotificationFilter{Unread: true})
		if err != nil || total != 3 { // the deadline, the staleness and the plan's issue
			t.Fatalf("officer B: %d, %v", total, err)
		}
		if secret := list[1]; secret.Kind != ttdn.NotifyTaskOverdue || !strings.Contains(secret.Text, "biên giới") || secret.EmailedAt.IsZero() {
			t.Fatalf("in-app text of the secret task: %+v", secret)
		}
		if err := p.notifications.MarkNotificationRead(sqltest.UserContext(p.officerB), list[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := p.notifications.MarkNotificationRead(sqltest.UserContext(p.officerA), list[1].ID); err != nil {
			t.Fatal(err) // someone else's: silently nothing
		}
		if _, total, _ := p.notifications.FindNotifications(sqltest.UserContext(p.officerB), ttdn.NotificationFilter{Unread: true}); total != 2 {
			t.Fatalf("unread after marking one of three: %d", total)
		}
		if _, err := p.notifications.GenerateNotifications(sqltest.UserContext(p.coordinator)); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("a user generating notifications: %v", err)
		}
	})
}

func TestConcurrentSchedulers(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		p := newProvince(t, db)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 4 { // four instances, each with its own scheduler, on one database
			s := p.newScheduler()
			wg.Go(func() {
				for range 3 {
					if err := s.RunOnce(context.Background()); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if got := p.received(); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("e-mails:\n%s", strings.Join(got, "\n"))
		}
		if n := p.count(t); n != 11 {
			t.Fatalf("%d notifications, want 11 (8 of the scheduler, 3 of the issued plan)", n)
		}
	})
}
