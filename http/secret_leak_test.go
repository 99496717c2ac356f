package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestSecretsNeverLeak marks one task and one activity secret, under titles
// found nowhere else, and checks that the lists, searches, exports, the
// dashboard and the API never show them to users who may not read them,
// while those who may read them do see them (so the check is not vacuous).
func TestSecretsNeverLeak(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := permFixture(t, db, ttdn.Internal)
		const taskTitle, actTitle = "NHIỆM VỤ TUYỆT MẬT ZQX", "HOẠT ĐỘNG TUYỆT MẬT ZQX"
		tx, err := db.BeginTx(t.Context(), true)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE tasks SET classification = 'secret', title = ? WHERE id = ?`, []any{taskTitle, f.plan.Tasks[0].ID}},
			{`UPDATE activities SET classification = 'secret', title = ?, title_key = 'hoat dong tuyet mat zqx', search_key = 'hoat dong tuyet mat zqx' WHERE id = ?`, []any{actTitle, f.ids["activity"]}},
		} {
			if _, err := tx.ExecContext(t.Context(), q.sql, q.args...); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		pages := []string{
			"/plans/{plan}/tasks", "/plans/{plan}/tasks?format=csv", "/plans/{plan}/tasks?q=TUYỆT+MẬT",
			"/plans/{plan}", "/plans/{plan}/tree", "/plans/{plan}/progress-csv",
			"/activities", "/activities?q=tuyet+mat", "/activities?format=csv", "/activities?format=xlsx",
			"/dashboard", "/notifications", "/reports/completeness",
			"/api/v1/tasks", "/api/v1/tasks?plan_id={plan}", "/api/v1/plans/{plan}",
		}
		check := func(who string, mayRead bool) {
			seen := false
			for _, p := range pages {
				path := f.expand(p)
				r := f.request(http.MethodGet, path, who, nil)
				if strings.HasPrefix(path, "/api/") {
					r.Header.Set("Authorization", "Bearer "+f.apiToken(t, who))
				}
				w := f.do(r)
				body := w.Body.String()
				has := strings.Contains(body, "TUYỆT MẬT ZQX")
				if has && !mayRead {
					t.Errorf("%s sees a secret title on %s", who, path)
				}
				seen = seen || has
			}
			if mayRead && !seen {
				t.Errorf("%s, who may read the secrets, never saw them: the check is vacuous", who)
			}
		}
		for _, who := range []string{"admin", "officer", "finance", "monitor"} {
			check(who, false)
		}
		check("coordinator", true)
		check("leader", true)
	})
}
