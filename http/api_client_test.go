package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// apiClient calls the API of a fixture as one token and checks every
// answer against openapi.json: the operation exists, the status is one it
// documents, the media type and the body match the schema.
type apiClient struct {
	t     *testing.T
	h     http.Handler
	doc   *openAPI
	token string
}

// apiAnswer is one checked answer.
type apiAnswer struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

func newAPIClient(t *testing.T, h http.Handler, token string) *apiClient {
	return &apiClient{t: t, h: h, doc: loadOpenAPI(t), token: token}
}

// mustToken makes a token of user with scope.
func mustToken(t *testing.T, db *sqlstore.DB, u *ttdn.User, scope ttdn.TokenScope) string {
	t.Helper()
	raw, _, err := sqlstore.NewAuthService(db).CreateScopedToken(sqltest.SystemContext(), u.ID, "api test", time.Hour, scope)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// call sends body (JSON-encoded unless nil) with headers given as
// name, value pairs.
func (c *apiClient) call(method, path string, body any, headers ...string) *apiAnswer {
	c.t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	r := httptest.NewRequest(method, path, rd)
	r.RemoteAddr = "127.0.0.1:5000"
	r.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, r)
	a := &apiAnswer{status: w.Code, header: w.Header(), raw: w.Body.Bytes()}
	c.validate(method, path, a)
	return a
}

// validate fails the test when the answer does not match the document.
func (c *apiClient) validate(method, path string, a *apiAnswer) {
	c.t.Helper()
	tmpl, op := c.doc.operation(method, path)
	if op == nil {
		c.t.Fatalf("%s %s: no operation in openapi.json", method, path)
	}
	mt, schema, ok := c.doc.response(op, a.status)
	if !ok {
		c.t.Fatalf("%s %s: status %d is not documented for %s (body %s)", method, path, a.status, tmpl, a.raw)
	}
	if a.header.Get("RateLimit-Remaining") == "" {
		c.t.Errorf("%s %s: no RateLimit headers", method, path)
	}
	if a.status == 204 { // nothing left to show (an unpublished publication)
		if mt != "" || len(a.raw) != 0 {
			c.t.Fatalf("%s %s: 204 with a body or documented with content", method, path)
		}
		return
	}
	if mt == "*/*" { // a stored file: its bytes, as a download
		if a.header.Get("Content-Disposition") == "" || a.header.Get("X-Content-Type-Options") != "nosniff" {
			c.t.Fatalf("%s %s: a file answered without Content-Disposition or nosniff", method, path)
		}
		return
	}
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, mt) {
		c.t.Fatalf("%s %s: Content-Type %q, documented %q", method, path, ct, mt)
	}
	var v any
	if err := json.Unmarshal(a.raw, &v); err != nil {
		c.t.Fatalf("%s %s: body is not JSON: %v", method, path, err)
	}
	if err := c.doc.check(schema, v, "$"); err != nil {
		c.t.Fatalf("%s %s → %d does not match openapi.json: %v\n%s", method, path, a.status, err, a.raw)
	}
	a.body, _ = v.(map[string]any)
}

// want fails unless the answer has status.
func (a *apiAnswer) want(t *testing.T, status int) *apiAnswer {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.raw)
	}
	return a
}

func (a *apiAnswer) id() int64 { return int64(a.body["id"].(float64)) }

func (a *apiAnswer) str(k string) string { s, _ := a.body[k].(string); return s }

func (a *apiAnswer) etag() string { return a.header.Get("ETag") }
