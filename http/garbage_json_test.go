package http

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// jsonGarbage are the JSON values sent in place of each field of a body:
// text with NUL, invalid UTF-8 (raw bytes), huge text, negative, huge and
// fractional numbers, and every wrong type.
var jsonGarbage = []string{`"a\u0000b"`, "\"a\xff\xfeb\"", `"` + strings.Repeat("x", 5000) + `"`, `-1`, `9223372036854775807`,
	`99999999999999999999`, `1e30`, `"abc"`, `""`, `true`, `{}`, `[]`, `[-1]`, `["a\u0000b"]`, `null`}

// jsonBodies are whole bodies sent to every route, beside the per-field ones.
var jsonBodies = []string{"", "{}", "null", "[]", "{", `{"a":1}{}`, "\x00", "\"\xff\""}

// TestGarbageEveryJSONField is the garbage test for the API's JSON
// bodies, generated from the route table and the OpenAPI document: every
// API route that takes a body gets, as a coordinator, a unit officer and
// the administrator, broken and empty bodies, then each field its schema
// names (and the fields of the objects in its arrays) alone with every
// hostile value, with the record's current ETag as If-Match. No answer may
// be a 5xx or show a stack, on either engine.
func TestGarbageEveryJSONField(t *testing.T) {
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		start := time.Now()
		f := garbageFixture(t, db)
		g := &garbageWorld{t: t, f: f, known: map[string]bool{}, fetched: map[string]bool{},
			forms: map[string]map[string][]foundForm{}, query: map[string]map[string]bool{}, tokens: map[string]string{}}
		roles := []string{"coordinator", "officer", "admin"}
		for _, who := range roles {
			g.tokens[who] = f.apiToken(t, who)
		}
		for _, pattern := range f.srv.Routes() { // the pages link to the records the routes take
			if method, path, ok := g.resolve(pattern); ok && method == http.MethodGet && !strings.HasPrefix(path, "/api/") {
				g.crawl("coordinator", path)
			}
		}
		var doc struct {
			Paths      map[string]map[string]json.RawMessage `json:"paths"`
			Components struct {
				Schemas map[string]json.RawMessage `json:"schemas"`
			} `json:"components"`
		}
		w := f.do(g.request("coordinator", "GET", "/api/v1/openapi.json", nil))
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		ids := regexp.MustCompile(`^/([a-z-]+(?:/[a-z-]+)?)/([0-9]+)`)
		idOf := func(collection string) string {
			for _, p := range g.paths {
				if m := ids.FindStringSubmatch(p); m != nil && m[1] == collection {
					return m[2]
				}
			}
			return ""
		}
		var routes []string
		for _, p := range f.srv.Routes() {
			if method, path, _ := strings.Cut(p, " "); strings.HasPrefix(path, "/api/v1/") && method != http.MethodGet {
				routes = append(routes, p)
			}
		}
		slices.SortStableFunc(routes, func(a, b string) int { return garbageRank(a) - garbageRank(b) })
		n := 0
		for _, pattern := range routes {
			method, path := RoutePath(pattern, idOf)
			_, tmpl, _ := strings.Cut(pattern, " ")
			fields := jsonFields(doc.Paths[strings.TrimPrefix(tmpl, "/api/v1")][strings.ToLower(method)], doc.Components.Schemas)
			var bodies []string
			bodies = append(bodies, jsonBodies...)
			for _, field := range fields {
				for _, v := range jsonGarbage {
					bodies = append(bodies, field.wrap(v))
				}
			}
			for _, who := range roles {
				for _, body := range bodies {
					n++
					g.jsonProbe(pattern, who, method, path, body)
				}
			}
		}
		if db.Engine() == "sqlite" { // PostgreSQL cannot store a NUL: there it would have been a 500
			assertNoNULStored(t, db)
		}
		t.Logf("%s: %d API routes with bodies, %d requests, %v", db.Engine(), len(routes), n, time.Since(start).Round(time.Millisecond))
	})
}

// jsonField is a field of a body, as the JSON that holds value v in it.
type jsonField struct {
	name  string
	array string // the field is an array of objects: name[0].array
}

func (f jsonField) wrap(v string) string {
	if f.array != "" {
		return fmt.Sprintf(`{%q:[{%q:%s}]}`, f.name, f.array, v)
	}
	return fmt.Sprintf(`{%q:%s}`, f.name, v)
}

// jsonFields lists the fields of an operation's JSON body (following one
// $ref), and the fields of the objects its arrays hold.
func jsonFields(op json.RawMessage, schemas map[string]json.RawMessage) []jsonField {
	var o struct {
		RequestBody struct {
			Content map[string]struct {
				Schema json.RawMessage `json:"schema"`
			} `json:"content"`
		} `json:"requestBody"`
	}
	if json.Unmarshal(op, &o) != nil {
		return nil
	}
	type schema struct {
		Ref        string                     `json:"$ref"`
		Properties map[string]json.RawMessage `json:"properties"`
		Items      json.RawMessage            `json:"items"`
	}
	read := func(raw json.RawMessage) schema {
		var s schema
		_ = json.Unmarshal(raw, &s)
		if s.Ref != "" {
			_ = json.Unmarshal(schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")], &s)
		}
		return s
	}
	var out []jsonField
	body := read(o.RequestBody.Content["application/json"].Schema)
	for name, raw := range body.Properties {
		out = append(out, jsonField{name: name})
		if p := read(raw); p.Items != nil {
			for inner := range read(p.Items).Properties {
				out = append(out, jsonField{name: name, array: inner})
			}
		}
	}
	slices.SortFunc(out, func(a, b jsonField) int { return strings.Compare(a.name+"."+a.array, b.name+"."+b.array) })
	return out
}

// jsonProbe sends one body with the record's current ETag and checks the
// answer; a token an earlier case revoked is made again.
func (g *garbageWorld) jsonProbe(pattern, who, method, path, body string) {
	for attempt := 0; ; attempt++ {
		r := g.request(who, method, path, nil)
		r.Body, r.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
		r.Header.Set("Content-Type", "application/json")
		if method == http.MethodPatch || method == http.MethodPut {
			if tag := g.send(who, g.request(who, http.MethodGet, path, nil)).Header().Get("ETag"); tag != "" {
				r.Header.Set("If-Match", tag)
			}
		}
		w := g.send(who, r)
		if w.Code == http.StatusUnauthorized && attempt == 0 {
			permTokensMu.Lock()
			delete(permTokens[g.f], g.f.users[who].Username)
			permTokensMu.Unlock()
			g.tokens[who] = g.f.apiToken(g.t, who)
			continue
		}
		what := fmt.Sprintf("%s as %s: %s %s body %q", pattern, who, method, path, clip(body))
		if w.Code >= 500 {
			g.t.Errorf("%s: status %d\n%s", what, w.Code, snippet(w.Body.String()))
		}
		for _, leak := range []string{"goroutine ", "panic(", ".go:", "runtime/"} {
			if strings.Contains(w.Body.String(), leak) {
				g.t.Errorf("%s: the answer shows %q", what, leak)
			}
		}
		return
	}
}

// assertNoNULStored checks every text column of every table of a SQLite
// database for a NUL byte or invalid UTF-8: what the boundary should have
// cleaned, and what PostgreSQL would refuse on import.
func assertNoNULStored(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	tx, err := db.BeginTx(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(t.Context(), `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND UPPER(p.type) = 'TEXT'`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	for _, c := range cols {
		var n int
		q := `SELECT COUNT(*) FROM "` + c[0] + `" WHERE INSTR(CAST("` + c[1] + `" AS BLOB), X'00') > 0`
		if err := tx.QueryRowContext(t.Context(), q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n > 0 {
			var sample string
			_ = tx.QueryRowContext(t.Context(), `SELECT CAST("`+c[1]+`" AS TEXT) FROM "`+c[0]+`" WHERE INSTR(CAST("`+c[1]+`" AS BLOB), X'00') > 0`).Scan(&sample)
			t.Errorf("%d rows of %s.%s hold a NUL byte: %q", n, c[0], c[1], clip(sample))
		}
	}
}
