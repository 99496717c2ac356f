package sqlstore_test

import (
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAuditViewHidesSecretContent: the administrator reads the audit log
// but not secrets, so an event about a secret record shows that something
// happened, never what; a leader, who reads secrets, sees it all. A record
// made secret later hides its past events too.
func TestAuditViewHidesSecretContent(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newSecretWorld(t, db)
		secret := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Gặp mặt phóng viên nước ngoài về đường biên",
			StartDate: date(2019, 5, 1), UnitIDs: []int64{w.unitA.ID}, Classification: ttdn.Secret}
		if err := w.acts.CreateActivity(as(w.coordinator), secret); err != nil {
			t.Fatal(err)
		}
		find := func(who *ttdn.User, entity string, id int64) []*ttdn.AuditEvent {
			t.Helper()
			events, _, err := w.audit.FindAuditEvents(as(who), ttdn.AuditFilter{Entity: &entity, EntityID: &id})
			if err != nil {
				t.Fatal(err)
			}
			return events
		}
		check := func(what string, events []*ttdn.AuditEvent, hidden bool, word string) {
			t.Helper()
			if len(events) == 0 {
				t.Fatalf("%s: no events", what)
			}
			for _, e := range events {
				leaked := strings.Contains(e.Before+e.After, word)
				if e.Hidden != hidden || leaked == hidden {
					t.Errorf("%s: event %s hidden=%v content %q", what, e.Action, e.Hidden, e.Before+e.After)
				}
			}
		}
		check("admin, secret activity", find(w.admin, "activity", secret.ID), true, "đường biên")
		check("leader, secret activity", find(w.leader, "activity", secret.ID), false, "đường biên")
		check("admin, internal activity", find(w.admin, "activity", w.act.ID), false, "Họp báo")

		// The plan made secret: its task's history is protected from then on.
		body := "Họp báo quý, có phóng viên Campuchia"
		if _, err := w.tasks.UpdateTask(as(w.coordinator), w.plan.Tasks[0].ID, ttdn.TaskUpdate{Version: 2, Body: &body}); err != nil {
			t.Fatal(err)
		}
		check("admin, task of an internal plan", find(w.admin, "task", w.plan.Tasks[0].ID), false, "Họp báo")
		w.setPlanLevel(t, ttdn.Secret)
		check("admin, task of a plan made secret", find(w.admin, "task", w.plan.Tasks[0].ID), true, "Họp báo")
		check("admin, the plan made secret", find(w.admin, "plan", w.plan.ID), true, "Tây Ninh")
		check("admin, a progress update of it", find(w.admin, "progress_update", 1), true, "họp báo")

		// Exports of the log are audited too.
		if err := w.audit.RecordAuditExport(as(w.admin), ttdn.AuditFilter{}, "csv", 3); err != nil {
			t.Fatal(err)
		}
		action := "export"
		if _, n, _ := w.audit.FindAuditEvents(as(w.leader), ttdn.AuditFilter{Action: &action}); n != 1 {
			t.Fatalf("audit export events: %d", n)
		}
	})
}
