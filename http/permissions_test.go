package http

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// permRoles are the columns of the permission table, in order: anonymous,
// then one logged-in user of every role.
var permRoles = []string{anon, "admin", "coordinator", "officer", "finance", "leader", "monitor"}

// Expected answers, one letter per role:
//
//	A  allowed: 2xx, or a redirect elsewhere than the log-in page
//	V  the handler ran and refused the empty form (400/409/413/422); the
//	   service checks the policy again on a real form (sqlstore tests)
//	L  log in first: a redirect to /login (UI) or 401 (API)
//	F  403 forbidden
//	N  404 not found (also what a record one may not read looks like)
//
// Routes whose target record has a classification are tried on a public,
// an internal and a secret record ("pattern#secret"); the others once. A
// route missing from permTable fails TestPermissionTable: whoever adds a
// route must decide who may use it. The table is permissions_table_test.go.

// classifiedRoute reports whether a route's {id} is a plan, task or
// activity, whose classification changes the answer.
var classifiedRoute = regexp.MustCompile(`^(GET|POST) /(api/v1/)?(plans|tasks|activities)/\{id\}`)

// permFixture is the ordinary fixture with every optional service wired, a
// leader and a monitor, a plan, an activity, and all three set to class c.
func permFixture(t *testing.T, db *sqlstore.DB, c ttdn.Classification) *fixture {
	f := newFixture(t, db, true)
	cfg := f.srv.cfg
	cfg.Budgets, cfg.Difficulties = sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db)
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	for name, u := range map[string]*ttdn.User{
		"leader":  {Username: "leader", Name: "Lãnh đạo", Role: ttdn.RoleLeader},
		"monitor": {Username: "monitor", Name: "Theo dõi báo chí", Role: ttdn.RoleMonitor, UnitID: f.units["so-ngoai-vu"].ID},
	} {
		f.users[name] = sqltest.MustCreateUser(t, db, u, testPassword)
		f.sessions[name] = sqltest.MustCreateSession(t, db, u)
	}
	act := f.mustActivity(t)
	for _, table := range []string{"plans", "tasks", "activities"} {
		tx, err := db.BeginTx(t.Context(), true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(t.Context(), `UPDATE `+table+` SET classification = ?`, c.String()); err != nil {
			t.Fatal(err)
		} else if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	f.ids = map[string]int64{"activity": act.ID}
	return f
}

// permPath turns a pattern into a path to request: the fixture's plan,
// task, activity, unit and user; any other record does not exist.
func (f *fixture) permPath(pattern string) (method, path string) {
	return RoutePath(pattern, func(collection string) string {
		switch collection {
		case "plans":
			return itoa(f.plan.ID)
		case "tasks":
			return itoa(f.plan.Tasks[0].ID)
		case "activities":
			return itoa(f.ids["activity"])
		case "units":
			return itoa(f.units["cong-an"].ID)
		case "users":
			return itoa(f.users["officer"].ID)
		}
		return ""
	})
}

// permAnswer classifies a response into the table's letters.
func permAnswer(w *http.Response) string {
	loc := w.Header.Get("Location")
	switch {
	case w.StatusCode == http.StatusUnauthorized,
		w.StatusCode == http.StatusSeeOther && strings.HasPrefix(loc, "/login") && !strings.HasPrefix(loc, "/login/totp"):
		return "L"
	case w.StatusCode == http.StatusForbidden:
		return "F"
	case w.StatusCode == http.StatusNotFound:
		return "N"
	case w.StatusCode >= 500:
		return "5"
	case w.StatusCode >= 400:
		return "V"
	}
	return "A"
}

// permRequest sends the route's request as who: GET plain, POST with an
// empty form and the right CSRF token (so CSRF is not what refuses it); an
// API write with an empty JSON object and the record's current ETag, so
// that the answer is about who asks (without them every role got the same
// 415 or 428, and the table proved nothing about API writes).
func (f *fixture) permRequest(t *testing.T, pattern, who string) string {
	method, path := f.permPath(pattern)
	var form url.Values
	if method == http.MethodPost {
		form = url.Values{}
		if who == anon {
			form.Set(csrfField, fixedCSRF)
		}
	}
	r := f.request(method, path, who, form)
	// Each role its own address, so the log-in throttle of one does not
	// answer for another.
	r.RemoteAddr = fmt.Sprintf("10.9.0.%d:4321", slices.Index(permRoles, who)+1)
	if strings.HasPrefix(path, "/api/") && who != anon {
		tok := f.apiToken(t, who)
		r.Header.Set("Authorization", "Bearer "+tok)
		if method != http.MethodGet {
			// An empty JSON object, and for a versioned write the record's
			// current ETag: the answer is then about who asks, not about a
			// missing body or If-Match.
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader("{}")), 2
			r.Header.Set("Content-Type", "application/json")
			if method == http.MethodPatch || method == http.MethodPut {
				g := f.request(http.MethodGet, path, "coordinator", nil)
				g.Header.Set("Authorization", "Bearer "+f.apiToken(t, "coordinator"))
				g.RemoteAddr = "10.9.0.99:4321"
				if tag := f.do(g).Header().Get("ETag"); tag != "" {
					r.Header.Set("If-Match", tag)
				} else {
					r.Header.Set("If-Match", `"v1"`)
				}
			}
		}
	}
	if who == anon && method == http.MethodPost {
		r.AddCookie(&http.Cookie{Name: csrfCookie, Value: fixedCSRF})
	}
	res := f.do(r).Result()
	// Routes that end sessions (log-out, password) must not change the
	// answers of the routes after them.
	if who != anon && method == http.MethodPost {
		f.sessions[who] = sqltest.MustCreateSession(t, f.db, f.users[who])
	}
	return permAnswer(res)
}

// apiToken returns a token of who's own, made once per fixture.
func (f *fixture) apiToken(t *testing.T, who string) string {
	key := f.users[who].Username
	permTokensMu.Lock()
	defer permTokensMu.Unlock()
	if raw, ok := permTokens[f][key]; ok {
		return raw
	}
	raw, _, err := sqlstore.NewAuthService(f.db).CreateToken(sqltest.SystemContext(), f.users[who].ID, "perm", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if permTokens[f] == nil {
		permTokens[f] = map[string]string{}
	}
	permTokens[f][key] = raw
	return raw
}

// permTokens holds the API tokens apiToken made, by fixture and user
// (fixtures of both engines at once where the engines run in parallel).
var (
	permTokens   = map[*fixture]map[string]string{}
	permTokensMu sync.Mutex
)

// TestPermissionTable requests every registered route as every role (and,
// for classified records, at every classification) and compares the answer
// with permTable.
func TestPermissionTable(t *testing.T) {
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		got := map[string]string{}
		for i, c := range []ttdn.Classification{ttdn.Internal, ttdn.Public, ttdn.Secret} {
			if i > 0 { // a fresh database for each classification
				db = sqltest.Open(t, db.Engine())
			}
			f := permFixture(t, db, c)
			for _, pattern := range f.srv.Routes() {
				key := pattern
				if classifiedRoute.MatchString(pattern) {
					key += "#" + c.String()
				} else if c != ttdn.Internal {
					continue
				}
				var b strings.Builder
				for _, who := range permRoles {
					b.WriteString(f.permRequest(t, pattern, who))
				}
				got[key] = b.String()
			}
		}
		if os.Getenv("TTDN_PERM_PRINT") != "" {
			printPermTable(got)
		}
		for key, ans := range got {
			want, ok := permTable[key]
			if !ok {
				t.Errorf("route %q has no entry in permTable (observed %q): decide who may use it", key, ans)
			} else if want != ans {
				t.Errorf("%s: got %s, want %s (roles: anonymous admin coordinator officer finance leader monitor)", key, ans, want)
			}
		}
		for key := range permTable {
			if _, ok := got[key]; !ok {
				t.Errorf("permTable has %q, which is no longer a route", key)
			}
		}
	})
}

func printPermTable(got map[string]string) {
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Printf("\t%q: %q,\n", k, got[k])
	}
}
