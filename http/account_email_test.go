package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAccountEmailChoice: the account page offers the three ways, saves
// the chosen one (audited), and marks an unknown one on the field without
// changing anything.
func TestAccountEmailChoice(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		w := f.do(f.request(http.MethodGet, "/account", "officer", nil))
		body := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(body, `value="each" checked`) || !strings.Contains(body, "Một thư tổng hợp mỗi ngày") {
			t.Fatalf("account page: %d %s", w.Code, snippet(body))
		}
		w = f.do(f.request(http.MethodPost, "/account/notify-email", "officer", form("notify_email", "digest")))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("save: %d %s", w.Code, snippet(w.Body.String()))
		}
		mode := func() ttdn.EmailMode {
			m, err := sqlstore.NewNotificationService(db).FindEmailMode(sqltest.UserContext(f.users["officer"]))
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		if m := mode(); m != ttdn.EmailDigest {
			t.Fatalf("saved %q", m)
		}
		w = f.do(f.request(http.MethodPost, "/account/notify-email", "officer", form("notify_email", "hourly")))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `aria-invalid="true"`) || mode() != ttdn.EmailDigest {
			t.Fatalf("unknown mode: %d, mode %q", w.Code, mode())
		}
		action := "notify_email_set"
		if _, n, err := sqlstore.NewAuditService(db).FindAuditEvents(sqltest.SystemContext(), ttdn.AuditFilter{Action: &action}); err != nil || n != 1 {
			t.Fatalf("audit: %d %v", n, err)
		}
	})
}
