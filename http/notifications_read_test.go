package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestNotificationsMarkRead: the bell counts the unread notices; "mark
// read" takes one off, another person's notice cannot be marked, "mark all
// read" clears the rest, and the notices stay listed.
func TestNotificationsMarkRead(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		coord := sqltest.UserContext(f.users["coordinator"])
		plans := sqlstore.NewPlanService(db)
		p, err := plans.FindPlanByID(coord, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plans.IssuePlan(coord, p.ID, ttdn.PlanIssue{Version: p.Version, Number: "79/KH-UBND",
			IssuedOn: ttdn.Date{Year: 2019, Month: 1, Day: 14}, Signer: "Trần Văn Chiến"}); err != nil {
			t.Fatal(err)
		}
		notes := sqlstore.NewNotificationService(db)
		unread := func(who string) int {
			_, n, err := notes.FindNotifications(sqltest.UserContext(f.users[who]), ttdn.NotificationFilter{Unread: true})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		// The officer is told of the tasks the plan gives Công an tỉnh.
		list, _, err := notes.FindNotifications(sqltest.UserContext(f.users["officer"]), ttdn.NotificationFilter{})
		if err != nil || len(list) == 0 {
			t.Fatalf("officer's notices: %d, %v", len(list), err)
		}
		before := unread("officer")
		page := f.do(f.request(http.MethodGet, "/notifications", "officer", nil)).Body.String()
		if !strings.Contains(page, `id="unread-count">`+itoa(int64(before))+`<`) || !strings.Contains(page, `action="/notifications/`+itoa(list[0].ID)+`/read"`) {
			t.Fatalf("the page shows no bell count %d or no mark-read button\n%s", before, snippet(page))
		}
		// Another person's mark changes nothing of the officer's.
		f.do(f.request(http.MethodPost, "/notifications/"+itoa(list[0].ID)+"/read", "finance", form()))
		if n := unread("officer"); n != before {
			t.Fatalf("finance marked the officer's notice read: %d unread of %d", n, before)
		}
		if w := f.do(f.request(http.MethodPost, "/notifications/"+itoa(list[0].ID)+"/read", "officer", form())); w.Code != http.StatusSeeOther {
			t.Fatalf("mark read: %d", w.Code)
		}
		if n := unread("officer"); n != before-1 {
			t.Fatalf("unread %d after marking one of %d", n, before)
		}
		if w := f.do(f.request(http.MethodPost, "/notifications/read-all", "officer", form())); w.Code != http.StatusSeeOther {
			t.Fatalf("mark all read: %d", w.Code)
		}
		page = f.do(f.request(http.MethodGet, "/notifications", "officer", nil)).Body.String()
		if unread("officer") != 0 || strings.Contains(page, `id="unread-count"`) || !strings.Contains(page, "Nhiệm vụ được giao") {
			t.Fatalf("after mark all read: %d unread\n%s", unread("officer"), snippet(page))
		}
	})
}
