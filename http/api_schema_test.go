package http

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func sqltestOpen(t *testing.T) *sqlstore.DB { return sqltest.Open(t, sqlstore.EngineSQLite) }

// openAPI is the served document, parsed once for the tests.
type openAPI struct {
	Paths      map[string]map[string]apiOperation `json:"paths"`
	Components struct {
		Schemas    map[string]any            `json:"schemas"`
		Parameters map[string]map[string]any `json:"parameters"`
		Responses  map[string]apiResponse    `json:"responses"`
	} `json:"components"`
}

type apiOperation struct {
	OperationID string                 `json:"operationId"`
	Responses   map[string]apiResponse `json:"responses"`
	Parameters  []map[string]any       `json:"parameters"`
}

type apiResponse struct {
	Ref     string `json:"$ref"`
	Content map[string]struct {
		Schema any `json:"schema"`
	} `json:"content"`
}

func loadOpenAPI(t testing.TB) *openAPI {
	t.Helper()
	var doc openAPI
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &doc
}

// operation finds the operation of a request path ("/api/v1/budgets/7").
func (d *openAPI) operation(method, path string) (string, *apiOperation) {
	path = strings.TrimPrefix(path, "/api/v1")
	path, _, _ = strings.Cut(path, "?")
	best, bestParams := "", 0
	var found *apiOperation
	for tmpl, ops := range d.Paths {
		re := "^" + regexp.MustCompile(`\\\{[a-z_]+\\\}`).ReplaceAllString(regexp.QuoteMeta(tmpl), `[^/]+`) + "$"
		op, ok := ops[strings.ToLower(method)]
		// A literal segment wins over a parameter (/budgets/summary, not /budgets/{id}).
		if n := strings.Count(tmpl, "{"); ok && regexp.MustCompile(re).MatchString(path) && (found == nil || n < bestParams) {
			best, bestParams, found = tmpl, n, &op
		}
	}
	return best, found
}

// response returns the media type and schema the document gives an answer.
func (d *openAPI) response(op *apiOperation, status int) (string, any, bool) {
	r, ok := op.Responses[fmt.Sprint(status)]
	if !ok {
		return "", nil, false
	}
	if r.Ref != "" {
		r = d.Components.Responses[strings.TrimPrefix(r.Ref, "#/components/responses/")]
	}
	for mt, c := range r.Content {
		return mt, c.Schema, true
	}
	return "", nil, true
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// check validates v against schema, for the subset of JSON Schema 2020-12
// the document uses: $ref, type (one or a list), properties, required,
// items, enum, anyOf, format date and date-time, minimum, maximum,
// maxLength. Every keyword the document uses must be known here, so a
// schema this checker ignores cannot pass silently.
func (d *openAPI) check(schema any, v any, at string) error {
	s, ok := schema.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: schema is not an object", at)
	}
	for k := range s {
		if !slices.Contains(knownKeywords, k) {
			return fmt.Errorf("%s: the checker does not know schema keyword %q", at, k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		sub, ok := d.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
		if !ok {
			return fmt.Errorf("%s: unknown $ref %s", at, ref)
		}
		return d.check(sub, v, at)
	}
	if any, ok := s["anyOf"].([]any); ok {
		var errs []string
		for _, sub := range any {
			err := d.check(sub, v, at)
			if err == nil {
				return nil
			}
			errs = append(errs, err.Error())
		}
		return fmt.Errorf("%s: matches none of anyOf: %s", at, strings.Join(errs, "; "))
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(v, t) }) {
			return fmt.Errorf("%s: %v is not of type %v", at, short(v), types)
		}
	}
	if e, ok := s["enum"].([]any); ok && !slices.Contains(e, v) {
		return fmt.Errorf("%s: %v is not one of %v", at, short(v), e)
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := v[r]; !ok {
				return fmt.Errorf("%s: required property %q missing", at, r)
			}
		}
		for k, sub := range props {
			if x, ok := v[k]; ok {
				if err := d.check(sub, x, at+"."+k); err != nil {
					return err
				}
			}
		}
	case []any:
		if items, ok := s["items"]; ok {
			for i, x := range v {
				if err := d.check(items, x, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return err
				}
			}
		}
	case string:
		switch s["format"] {
		case "date":
			if !dateRE.MatchString(v) {
				return fmt.Errorf("%s: %q is not YYYY-MM-DD", at, v)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
				return fmt.Errorf("%s: %q is not RFC 3339", at, v)
			}
		}
		if m, ok := s["maxLength"].(float64); ok && float64(len([]rune(v))) > m {
			return fmt.Errorf("%s: longer than %v", at, m)
		}
	case float64:
		if m, ok := s["minimum"].(float64); ok && v < m {
			return fmt.Errorf("%s: %v below minimum %v", at, v, m)
		}
		if m, ok := s["maximum"].(float64); ok && v > m {
			return fmt.Errorf("%s: %v above maximum %v", at, v, m)
		}
	}
	return nil
}

var knownKeywords = []string{"$ref", "type", "properties", "required", "items", "enum", "anyOf", "format",
	"minimum", "maximum", "maxLength", "default", "description", "examples", "contentMediaType"}

func hasType(v any, t string) bool {
	switch t {
	case "null":
		return v == nil
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	}
	return false
}

func asStrings(v any) []string {
	var out []string
	l, _ := v.([]any)
	for _, x := range l {
		out = append(out, x.(string))
	}
	return out
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:80]) + "…"
	}
	return string(b)
}

// TestOpenAPIDocument checks the document itself: 3.1, every schema
// reference resolves, every schema uses only keywords the checker knows,
// and every API route of the server is an operation of the document and
// the other way round.
func TestOpenAPIDocument(t *testing.T) {
	doc := loadOpenAPI(t)
	var raw map[string]any
	if err := json.Unmarshal(openAPIDocument, &raw); err != nil || raw["openapi"] != "3.1.0" {
		t.Fatalf("openapi.json is not OpenAPI 3.1.0: %v", err)
	}
	// Every schema, checked against a value of no type: only reference and
	// keyword faults are reported, never a type mismatch.
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				parts := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
				var cur any = raw
				for _, p := range parts {
					m, _ := cur.(map[string]any)
					cur = m[p]
				}
				if cur == nil {
					t.Errorf("%s: $ref %s does not resolve", at, ref)
				}
			}
			for k, x := range v {
				walk(x, at+"/"+k)
			}
		case []any:
			for i, x := range v {
				walk(x, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(raw, "#")
	for name, s := range doc.Components.Schemas {
		checkKeywords(t, s, "#/components/schemas/"+name)
	}
	f := permFixture(t, sqltestOpen(t), ttdn.Internal) // every optional service
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for m, op := range ops {
			documented[strings.ToUpper(m)+" /api/v1"+path] = true
			if op.OperationID == "" {
				t.Errorf("%s %s: no operationId", m, path)
			}
			for code := range op.Responses {
				if _, _, ok := doc.response(&op, atoi(code)); !ok {
					t.Errorf("%s %s %s: response does not resolve", m, path, code)
				}
			}
		}
	}
	served := map[string]bool{}
	for _, p := range f.srv.Routes() {
		if strings.HasPrefix(p, "GET /api/v1/openapi.json") || !strings.Contains(p, " /api/v1/") {
			continue
		}
		served[p] = true
		if !documented[p] {
			t.Errorf("route %s is not in openapi.json", p)
		}
	}
	for p := range documented {
		if !served[p] {
			t.Errorf("openapi.json has %s, which the server does not serve", p)
		}
	}
}

func checkKeywords(t *testing.T, s any, at string) {
	m, ok := s.(map[string]any)
	if !ok {
		return
	}
	for k, v := range m {
		if !slices.Contains(knownKeywords, k) {
			t.Errorf("%s: keyword %q unknown to the checker", at, k)
		}
		switch k {
		case "properties":
			for name, sub := range v.(map[string]any) {
				checkKeywords(t, sub, at+"/"+name)
			}
		case "items":
			checkKeywords(t, v, at+"/items")
		case "anyOf":
			for i, sub := range v.([]any) {
				checkKeywords(t, sub, fmt.Sprintf("%s/anyOf/%d", at, i))
			}
		}
	}
}

// TestSchemaCheckerRefuses proves the checker can fail: each wrong value
// is refused.
func TestSchemaCheckerRefuses(t *testing.T) {
	doc := loadOpenAPI(t)
	ref := func(n string) any { return map[string]any{"$ref": "#/components/schemas/" + n} }
	for _, c := range []struct {
		schema any
		value  string
	}{
		{ref("Date"), `"01/07/2019"`},
		{ref("PeriodStats"), `{"period_id": 1}`},
		{ref("BudgetLine"), `{"id":1,"item":"x","quantity":1,"unit_price":-5,"amount":0,"source":"provincial","allocated":0,"spent":0}`},
		{ref("BudgetLine"), `{"id":1,"item":"x","quantity":1.5,"unit_price":5,"amount":0,"source":"provincial","allocated":0,"spent":0}`},
		{ref("Problem"), `{"type":"x","title":"x","status":400,"detail":"x","code":"nope","message":"x","message_en":"x"}`},
		{ref("UnitReport"), `{"id":1,"period_id":1,"unit_id":1,"status":"draft","narrative":{},"late":false,"version":1,"created_at":"hôm qua"}`},
	} {
		var v any
		if err := json.Unmarshal([]byte(c.value), &v); err != nil {
			t.Fatal(err)
		}
		if err := doc.check(c.schema, v, "$"); err == nil {
			t.Errorf("%v accepted %s", c.schema, c.value)
		}
	}
}
