package http

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// secretMarker is in the title or text of every record of the secret
// plan below, and nowhere else, after secretSearch: lists are searched for
// secretSearch (which pages echo), and must not show secretMarker.
const secretSearch, secretMarker = "ZQXSEARCH", "ZQXSECRET"

// TestSecretPlanLeaksNowhere: secrets flow down, on every read path. The
// garbage world's records (tasks, progress and evidence, an activity, a
// difficulty and a unit report of the plan, notifications) are written
// under a marker, then the plan is made secret by the coordinator. A crawl
// as the coordinator finds every page, list, export and API answer; each
// is then fetched (with the plan, task and marker as filters on the lists)
// as users the policy keeps away from the plan — the administrator and an
// officer of a unit the plan does not name — and none may show the
// marker, in HTML, JSON, CSV or inside an XLSX/DOCX. The coordinator must
// see it somewhere, or the test proves nothing.
func TestSecretPlanLeaksNowhere(t *testing.T) {
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := garbageFixture(t, db)
		outsiderUnit := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "xa-ngoai-ke-hoach", Name: "Xã ngoài kế hoạch"})
		u := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "outsider", Name: "Cán bộ xã ngoài", Role: ttdn.RoleUnitOfficer,
			UnitID: outsiderUnit.ID}, testPassword)
		f.users["outsider"], f.sessions["outsider"] = u, sqltest.MustCreateSession(t, db, u)
		// The activity carries out one of the plan's tasks only.
		ctx := sqltest.UserContext(f.users["coordinator"])
		linkActivityToFirstTask(t, ctx, db, f)
		tx, err := db.BeginTx(t.Context(), true)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`UPDATE plans SET title = title || ' ` + secretSearch + ` ` + secretMarker + `'`,
			`UPDATE tasks SET title = title || ' ` + secretSearch + ` ` + secretMarker + `', own_classification = 'internal'`,
			`UPDATE activities SET title = title || ' ` + secretSearch + ` ` + secretMarker + `', own_classification = 'internal'`,
			`UPDATE progress_updates SET text = text || ' ` + secretSearch + ` ` + secretMarker + `'`,
			`UPDATE difficulties SET title = title || ' ` + secretSearch + ` ` + secretMarker + `' WHERE plan_id IS NOT NULL`,
		} {
			if _, err := tx.ExecContext(t.Context(), q); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		makePlanSecret(t, ctx, db, f.plan.ID)
		if _, err := sqlstore.NewNotificationService(db).GenerateNotifications(sqltest.SystemContext()); err != nil {
			t.Fatal(err)
		}

		g := &garbageWorld{t: t, f: f, known: map[string]bool{}, fetched: map[string]bool{},
			forms: map[string]map[string][]foundForm{}, query: map[string]map[string]bool{}, tokens: map[string]string{}}
		for _, who := range []string{"coordinator", "admin", "outsider"} {
			g.tokens[who] = f.apiToken(t, who)
		}
		for range 2 {
			for _, pattern := range f.srv.Routes() {
				if method, path, ok := g.resolve(pattern); ok && method == http.MethodGet {
					g.crawl("coordinator", path)
				}
			}
		}
		var targets []string
		for _, pattern := range f.srv.Routes() {
			if method, path, _ := g.resolve(pattern); method == http.MethodGet {
				targets = append(targets, path)
			}
		}
		targets = append(targets, g.paths...)
		filters := []url.Values{nil, {"plan": {itoa(f.plan.ID)}}, {"plan_id": {itoa(f.plan.ID)}},
			{"task": {itoa(f.plan.Tasks[0].ID)}}, {"q": {secretSearch}}, {"q": {"họp báo"}}, {"q": {"hop bao"}},
			{"format": {"csv"}}, {"format": {"xlsx"}}, {"entity": {"task"}}, {"entity": {"activity"}}, {"entity": {"plan"}},
			{"entity": {"task"}, "format": {"csv"}}}
		seen := map[string]bool{}
		var checks []string
		for _, path := range targets {
			for _, fl := range filters {
				target := path
				if fl != nil {
					if strings.Contains(path, "{") || strings.HasPrefix(path, "/logout") {
						continue
					}
					target += "?" + fl.Encode()
				}
				if seen[target] || strings.HasPrefix(target, "/logout") {
					continue
				}
				seen[target] = true
				checks = append(checks, target)
			}
		}
		// The answers are independent reads: garbageWorkers send them side
		// by side (PostgreSQL's round trips are mostly waiting).
		var coordinatorSaw atomic.Int64
		next := make(chan string)
		var wg sync.WaitGroup
		for range garbageWorkers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for target := range next {
					if strings.Contains(fetchText(g, "coordinator", target), secretMarker) {
						coordinatorSaw.Add(1)
					}
					for _, who := range []string{"admin", "outsider"} {
						if body := fetchText(g, who, target); strings.Contains(body, secretMarker) {
							i := strings.Index(body, secretMarker)
							t.Errorf("%s sees the secret plan's marker on %s: …%s…", who, target, body[max(0, i-120):min(len(body), i+40)])
						}
					}
				}
			}()
		}
		for _, target := range checks {
			next <- target
		}
		close(next)
		wg.Wait()
		// Existence oracle: where a record of the plan is refused, it is
		// refused exactly as one that does not exist — status and body.
		compared := 0
		ids := regexp.MustCompile(`^/([a-z-]+(?:/[a-z-]+)?)/([0-9]+)`)
		idOf := func(collection string) string { // an API record: the one the pages link to
			for _, p := range g.paths {
				if m := ids.FindStringSubmatch(p); m != nil && m[1] == collection {
					return m[2]
				}
			}
			return ""
		}
		for _, pattern := range f.srv.Routes() {
			method, path, ok := g.resolve(pattern)
			if strings.Contains(pattern, " /api/v1/") {
				method, path = RoutePath(pattern, idOf)
				ok = !strings.Contains(path, "999999999")
			}
			if !ok || method != http.MethodGet || !strings.Contains(pattern, "{id}") {
				continue
			}
			_, missing, _ := strings.Cut(pattern, " ")
			missing = strings.NewReplacer("{id}", "999999999", "{file}", "999999998", "{format}", "csv", "{lang}", "en").Replace(missing)
			if fixed := regexp.MustCompile(`/\{[a-z]+\}`); fixed.MatchString(missing) || path == missing {
				continue
			}
			for _, who := range []string{"admin", "outsider"} {
				real := g.send(who, g.request(who, http.MethodGet, path, nil))
				if real.Code != http.StatusNotFound && real.Code != http.StatusForbidden && real.Code != http.StatusUnprocessableEntity {
					continue
				}
				none := g.send(who, g.request(who, http.MethodGet, missing, nil))
				norm := func(b, path string) string {
					b = strings.NewReplacer(path, "P", url.QueryEscape(path), "P").Replace(b)
					return regexp.MustCompile(`[0-9a-f]{16}`).ReplaceAllString(b, "R")
				}
				compared++
				if rb, nb := norm(real.Body.String(), path), norm(none.Body.String(), missing); real.Code != none.Code || rb != nb {
					i := 0
					for i < min(len(rb), len(nb)) && rb[i] == nb[i] {
						i++
					}
					t.Errorf("%s: %s answers %s %d, but %s %d: refusing differs from not existing at …%q… / …%q…", pattern, who,
						path, real.Code, missing, none.Code, rb[max(0, i-60):min(len(rb), i+60)], nb[max(0, i-60):min(len(nb), i+60)])
				}
			}
		}
		t.Logf("%d refusals compared with a record that does not exist", compared)
		if coordinatorSaw.Load() < 10 {
			t.Fatalf("the coordinator saw the marker on %d answers only: the crawl proves nothing", coordinatorSaw.Load())
		}
		t.Logf("%d answers checked; the coordinator saw the marker on %d", len(seen), coordinatorSaw.Load())
	})
}

// fetchText gets target as who and returns its text, with the parts of a
// ZIP (XLSX, DOCX) unpacked.
func fetchText(g *garbageWorld, who, target string) string {
	w := g.send(who, g.request(who, http.MethodGet, target, nil))
	b := w.Body.Bytes()
	if !bytes.HasPrefix(b, []byte("PK")) {
		return string(b)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return string(b)
	}
	var out strings.Builder
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out.Write(data)
	}
	return out.String()
}
