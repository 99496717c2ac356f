package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestNotificationCountOnly: the header's bell asks for the total alone;
// it equals the total and the number of rows of the full list, read and
// unread, for users with none, some read and some unread notices — and
// no notice comes back.
func TestNotificationCountOnly(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		at := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		for i := range 7 {
			for _, u := range []*ttdn.User{w.officerA, w.coordinator} {
				if u == w.coordinator && i%3 != 0 {
					continue
				}
				var read any
				if i%2 == 1 {
					read = at
				}
				if err := db.ExecTest(`INSERT INTO notifications (dedup_key, user_id, kind, day, subject, text, created_at, read_at)
					VALUES (?, ?, 'overdue', '2026-12-01', 'Việc quá hạn', 'Nhiệm vụ', ?, ?)`,
					fmt.Sprintf("k-%d-%d", u.ID, i), u.ID, at, read); err != nil {
					t.Fatal(err)
				}
			}
		}
		s := sqlstore.NewNotificationService(db)
		for _, u := range []*ttdn.User{w.officerA, w.coordinator, w.officerB} {
			for _, unread := range []bool{false, true} {
				full, total, err := s.FindNotifications(as(u), ttdn.NotificationFilter{Unread: unread})
				if err != nil {
					t.Fatal(err)
				}
				rows, n, err := s.FindNotifications(as(u), ttdn.NotificationFilter{Unread: unread, CountOnly: true})
				if err != nil {
					t.Fatal(err)
				}
				if n != total || n != len(full) || rows != nil {
					t.Errorf("%s, unread %v: count only %d (%d rows), the list %d of total %d", u.Username, unread, n, len(rows), len(full), total)
				}
			}
		}
		if _, n, _ := s.FindNotifications(as(w.officerA), ttdn.NotificationFilter{Unread: true, CountOnly: true}); n != 4 {
			t.Errorf("officer's unread: %d, want 4", n)
		}
	})
}
