package sqlstore_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestWebhookOutbox: a workflow step writes one delivery per subscribed
// endpoint, with the title only of a public record and nothing at all for
// a classified one; the secret is sealed
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
		internal := &ttdn.Difficulty{UnitID: w.unitA.ID, Title: "Chậm cấp kinh phí in ấn", Text: "Nội bộ.", Classification: ttdn.Internal}
		for _, d := range []*ttdn.Difficulty{pub, internal, sec} {
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
			t.Fatalf("%d deliveries, want one per unclassified difficulty to the endpoint of every event", len(due))
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
			if strings.Contains(d.Payload, sec.Title) || strings.Contains(d.Payload, "Mật.") || p.Object.ID == sec.ID || strings.Contains(d.Payload, internal.Title) {
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

// TestWebhookNothingOfASecretEstimate: an estimate that is secret because
// its plan is sends no event when submitted; the same estimate of an
// internal plan does.
func TestWebhookNothingOfASecretEstimate(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newBudgetWorld(t, db)
		hooks := sqlstore.NewWebhookService(db)
		if _, err := hooks.CreateWebhook(as(w.admin), &ttdn.Webhook{URL: "https://motcua.example/hook"}); err != nil {
			t.Fatal(err)
		}
		p := w.plan2019()
		p.Responsibilities, p.Number, p.Classification = nil, "80/KH-UBND", ttdn.Secret
		secret := sqltest.MustCreatePlan(t, db, p)
		ctx := sqltest.SystemContext()
		submit := func(plan *ttdn.Plan) *ttdn.BudgetEstimate {
			e := w.draft(2019)
			e.PlanID, e.Lines[0].TaskID = plan.ID, plan.Tasks[0].ID
			if err := w.budgets.CreateBudgetEstimate(ctx, e); err != nil {
				t.Fatal(err)
			}
			e, err := w.budgets.AdvanceBudgetEstimate(ctx, e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepSubmit})
			if err != nil {
				t.Fatal(err)
			}
			return e
		}
		if e := submit(secret); e.Classification != ttdn.Secret {
			t.Fatalf("the estimate of a secret plan is %v", e.Classification)
		}
		if due, err := hooks.ClaimDeliveries(ctx, 10, time.Minute); err != nil || len(due) != 0 {
			t.Fatalf("a secret estimate's submission was sent: %d, %v", len(due), err)
		}
		e := submit(w.plan)
		due, err := hooks.ClaimDeliveries(ctx, 10, time.Minute)
		if err != nil || len(due) != 1 || due[0].Event != ttdn.EventEstimateSubmitted || !strings.Contains(due[0].Payload, `"id":`+itoaID(e.ID)) {
			t.Fatalf("the internal estimate's submission: %d, %v", len(due), err)
		}
	})
}

func itoaID(id int64) string { return strconv.FormatInt(id, 10) }
