package http

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// childRoute matches the routes of records that belong to a plan: its tasks
// and the activities carrying them out.
var childRoute = regexp.MustCompile(`^(GET|POST) /(api/v1/)?(tasks|activities)/\{id\}`)

// TestPermissionTableSecretPlanChildren: secrets flow down. Only the plan
// is made secret (by the coordinator, through the service); its tasks and
// the activity carrying out one of them keep their own level "internal".
// Every route of a child record must then answer every role exactly as the
// table says it answers for a secret record — generated from the route
// table, so a new child route is covered without being listed here.
func TestPermissionTableSecretPlanChildren(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := permFixture(t, db, ttdn.Internal)
		ctx := sqltest.UserContext(f.users["coordinator"])
		tx, err := db.BeginTx(t.Context(), true)
		if err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"tasks", "activities"} {
			if _, err := tx.ExecContext(t.Context(), `UPDATE `+table+` SET own_classification = 'internal'`); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		linkActivityToFirstTask(t, ctx, db, f)
		makePlanSecret(t, ctx, db, f.plan.ID)
		n := 0
		for _, pattern := range f.srv.Routes() {
			if !childRoute.MatchString(pattern) {
				continue
			}
			n++
			var b strings.Builder
			for _, who := range permRoles {
				b.WriteString(f.permRequest(t, pattern, who))
			}
			if want := permTable[pattern+"#secret"]; b.String() != want {
				t.Errorf("%s under a secret plan: got %s, want %s as for a secret record", pattern, b.String(), want)
			}
		}
		if n < 4 {
			t.Fatalf("only %d child routes found", n)
		}
		// The API list of the plan's tasks is empty for the administrator.
		r := f.request("GET", "/api/v1/tasks?plan="+itoa(f.plan.ID), "admin", nil)
		r.Header.Set("Authorization", "Bearer "+f.apiToken(t, "admin"))
		res := f.do(r)
		var body struct {
			Items []json.RawMessage `json:"items"`
			Total int               `json:"total"`
		}
		if err := json.Unmarshal(res.Body.Bytes(), &body); err != nil || res.Code != 200 {
			t.Fatalf("api tasks: %d %s", res.Code, res.Body.String())
		}
		if body.Total != 0 || len(body.Items) != 0 {
			t.Fatalf("admin lists %d tasks of a secret plan: %s", body.Total, res.Body.String()[:min(300, res.Body.Len())])
		}
	})
}

// makePlanSecret raises plan id to Mật as the coordinator in ctx would: an
// edit of a draft, an amendment with a reason of an issued plan.
func makePlanSecret(t *testing.T, ctx context.Context, db *sqlstore.DB, id int64) {
	t.Helper()
	plans := sqlstore.NewPlanService(db)
	p, err := plans.FindPlanByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	secret := ttdn.Secret
	if p.Status == ttdn.PlanDraft {
		_, err = plans.UpdatePlan(ctx, p.ID, ttdn.PlanUpdate{Version: p.Version, Classification: &secret})
	} else {
		_, err = plans.AmendPlan(ctx, p.ID, ttdn.PlanUpdate{Version: p.Version, Classification: &secret}, "Nâng độ mật")
	}
	if err != nil {
		t.Fatal(err)
	}
}

// linkActivityToFirstTask makes the fixture's activity carry out the plan's
// first task only, so it inherits that plan's level.
func linkActivityToFirstTask(t *testing.T, ctx context.Context, db *sqlstore.DB, f *fixture) {
	t.Helper()
	acts := sqlstore.NewActivityService(db)
	a, err := acts.FindActivityByID(ctx, f.ids["activity"])
	if err != nil {
		t.Fatal(err)
	}
	taskIDs := []int64{f.plan.Tasks[0].ID}
	if _, err := acts.UpdateActivity(ctx, a.ID, ttdn.ActivityUpdate{Version: a.Version, TaskIDs: &taskIDs}); err != nil {
		t.Fatal(err)
	}
}
