package sqlstore_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestWebhookOutbox: a workflow step writes one delivery per subscribed
// endpoint, with the title only of a public record; the secret is sealed
// at rest; failed attempts back off and are given up after the maximum;
// only administrators see endpoints and only the system claims.
func TestWebhookOutbox(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		now := time.Date(2019, 5, 1, 3, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		hooks := sqlstore.NewWebhookService(db)
		all := &ttdn.Webhook{URL: "https://motcua.example/hook"}
		cases := &ttdn.Webhook{URL: "https://chat.example/hook", Events: []string{ttdn.EventCaseOpened}}
		for _, h := range []*ttdn.Webhook{all, cases} {
			if _, err := hooks.CreateWebhook(as(w.admin), h); err != nil {
				t.Fatal(err)
			}
		}
		mustCode(t, func() error {
			_, err := hooks.CreateWebhook(as(w.coordinator), &ttdn.Webhook{URL: "https://x.example/"})
			return err
		}(), ttdn.EFORBIDDEN)
		mustCode(t, func() error { _, err := hooks.FindWebhooks(as(w.leader)); return err }(), ttdn.ENOTFOUND)
		mustCode(t, func() error {
			_, err := hooks.CreateWebhook(as(w.admin), &ttdn.Webhook{URL: "https://x.example/", Events: []string{"x"}})
			return err
		}(), ttdn.EINVALID)

		diffs := sqlstore.NewDifficultyService(db)
		pub := &ttdn.Difficulty{UnitID: w.unitA.ID, Title: "Thiếu tờ rơi tiếng Khmer", Text: "Cần in thêm.", Classification: ttdn.Public}
		sec := &ttdn.Difficulty{UnitID: w.unitA.ID, Title: "Đường dây tin giả xuyên biên giới", Text: "Mật.", Classification: ttdn.Secret}
		for _, d := range []*ttdn.Difficulty{pub, sec} {
			if err := diffs.CreateDifficulty(as(w.officerA), d); err != nil {
				t.Fatal(err)
			}
		}
		_, err := hooks.ClaimDeliveries(as(w.admin), 10, time.Minute)
		mustCode(t, err, ttdn.EFORBIDDEN)
		due, err := hooks.ClaimDeliveries(sqltest.SystemContext(), 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 2 {
			t.Fatalf("%d deliveries, want one per difficulty to the endpoint of every event", len(due))
		}
		titles := map[string]string{}
		for _, d := range due {
			if d.WebhookID != all.ID || d.Event != ttdn.EventDifficultyRaised || !strings.HasPrefix(d.Secret, "whsec_") {
				t.Errorf("delivery %+v", d.WebhookDelivery)
			}
			var p struct {
				Object struct {
					ID    int64
					Title string
				}
				Unit struct{ Name string }
			}
			if err := json.Unmarshal([]byte(d.Payload), &p); err != nil {
				t.Fatal(err)
			}
			if p.Unit.Name != w.unitA.Name {
				t.Errorf("unit %q", p.Unit.Name)
			}
			titles[d.Payload] = p.Object.Title
			if strings.Contains(d.Payload, sec.Title) || strings.Contains(d.Payload, "Mật.") {
				t.Errorf("a secret left: %s", d.Payload)
			}
		}
		if n := countTitles(titles, pub.Title); n != 1 {
			t.Errorf("the public title is in %d payloads, want 1: %v", n, titles)
		}
		if again, _ := hooks.ClaimDeliveries(sqltest.SystemContext(), 10, time.Minute); len(again) != 0 {
			t.Errorf("claimed twice under a lease: %d", len(again))
		}

		// Back-off, then giving up.
		id := due[0].ID
		for i := 1; i <= ttdn.MaxWebhookAttempts; i++ {
			d, err := hooks.RecordAttempt(sqltest.SystemContext(), id, 500, "HTTP 500")
			if err != nil {
				t.Fatal(err)
			}
			if i < ttdn.MaxWebhookAttempts && (d.State != ttdn.DeliveryPending || !d.NextAt.Equal(now.Add(ttdn.WebhookBackoff(i)))) {
				t.Fatalf("attempt %d: %s next %v", i, d.State, d.NextAt)
			} else if i == ttdn.MaxWebhookAttempts && d.State != ttdn.DeliveryFailed {
				t.Fatalf("not given up after %d attempts: %s", i, d.State)
			}
		}
		if ttdn.WebhookBackoff(1) != 30*time.Second || ttdn.WebhookBackoff(3) != 2*time.Minute || ttdn.WebhookBackoff(40) != 6*time.Hour {
			t.Error("back-off steps")
		}
		d, err := hooks.RecordAttempt(sqltest.SystemContext(), due[1].ID, 204, "")
		if err != nil || d.State != ttdn.DeliveryDelivered || d.Attempts != 1 || d.LastStatus != 204 {
			t.Fatalf("%+v %v", d, err)
		}

		// The secret is sealed at rest.
		tx, err := db.BeginTx(t.Context(), false)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		var stored string
		if err := tx.QueryRowContext(t.Context(), `SELECT secret FROM webhooks WHERE id = ?`, all.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(stored, "sealed:") || strings.Contains(stored, due[0].Secret) {
			t.Errorf("secret stored as %q", stored)
		}
		tx.Rollback()

		// A key rotation re-seals it; deliveries still sign with the same secret.
		next, _ := sqlstore.NewSecretKey()
		if _, err := db.RotateSecretKey(sqltest.SystemContext(), next); err != nil {
			t.Fatal(err)
		}
		if err := diffs.CreateDifficulty(as(w.officerA), &ttdn.Difficulty{UnitID: w.unitA.ID, Title: "Sau khi đổi khóa", Text: "x"}); err != nil {
			t.Fatal(err)
		}
		later, err := hooks.ClaimDeliveries(sqltest.SystemContext(), 10, time.Minute)
		if err != nil || len(later) != 1 || later[0].Secret != due[0].Secret {
			t.Fatalf("after rotation: %d deliveries, %v", len(later), err)
		}
		rtx, err := db.BeginTx(t.Context(), false)
		if err != nil {
			t.Fatal(err)
		}
		defer rtx.Rollback()
		if err := rtx.QueryRowContext(t.Context(), `SELECT secret FROM webhooks WHERE id = ?`, all.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(stored, "sealed:v1:"+next.ID()+":") {
			t.Errorf("not re-sealed with the new key: %q", stored)
		}
	})
}

func countTitles(titles map[string]string, want string) int {
	n := 0
	for _, t := range titles {
		if t == want {
			n++
		}
	}
	return n
}
