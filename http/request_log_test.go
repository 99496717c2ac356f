package http

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// syncBuffer is a log destination the handler and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// lines parses every log line as JSON; a line that is not JSON fails.
func (s *syncBuffer) lines(t *testing.T) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s.b.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// logLine is the request line with id, or nil.
func logLine(lines []map[string]any, id string) map[string]any {
	for _, l := range lines {
		if l["msg"] == "http" && l["request_id"] == id {
			return l
		}
	}
	return nil
}

// Every request is one JSON log line carrying the id returned in
// X-Request-Id; the error page shows the same id; no password, cookie,
// token or query value reaches the log.
func TestRequestLogJSON(t *testing.T) {
	db := sqltest.Open(t, sqlstore.EngineSQLite)
	f := newFixture(t, db, false)
	var buf syncBuffer
	cfg := f.srv.cfg
	cfg.Logger = slog.New(slog.NewJSONHandler(&buf, nil))
	h := NewServer(cfg).Handler()
	do := func(r *http.Request) *http.Response {
		w := f.do2(h, r)
		return w
	}

	// An error page as a logged-in officer.
	resp := do(f.request("GET", "/plans/987654?q=bi-mat-tim-kiem", "officer", nil))
	id := resp.Header.Get(requestIDHeader)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusNotFound || len(id) != 16 {
		t.Fatalf("status %d, id %q", resp.StatusCode, id)
	}
	if !strings.Contains(body, "Mã yêu cầu: "+id) {
		t.Fatalf("error page does not show the request id %s", id)
	}
	l := logLine(buf.lines(t), id)
	if l == nil {
		t.Fatalf("no log line with request id %s:\n%s", id, buf.String())
	}
	want := map[string]any{"method": "GET", "route": "/plans/{id}", "status": float64(404),
		"user": float64(f.users["officer"].ID), "bytes": float64(len(body))}
	for k, v := range want {
		if l[k] != v {
			t.Errorf("log %s = %v, want %v", k, l[k], v)
		}
	}
	if _, ok := l["duration_ms"].(float64); !ok {
		t.Errorf("no duration_ms: %v", l)
	}

	// An API error (problem+json) carries the id in its body.
	resp = do(f.request("GET", "/api/v1/plans/987654", bearer, nil))
	var apiBody struct {
		RequestID string `json:"request_id"`
	}
	if err := json.Unmarshal([]byte(readBody(t, resp)), &apiBody); err != nil || apiBody.RequestID != resp.Header.Get(requestIDHeader) {
		t.Fatalf("API error request id %q, header %q (%v)", apiBody.RequestID, resp.Header.Get(requestIDHeader), err)
	}
	if logLine(buf.lines(t), apiBody.RequestID)["user"] != float64(f.users["coordinator"].ID) {
		t.Errorf("API request line lacks the token's user")
	}

	// A failed log-in: neither the password nor the cookie is logged.
	r := f.request("POST", "/login", anon, url.Values{"username": {"officer"}, "password": {"Sai-mat-khau-XYZ-123"}, csrfField: {sessionCSRF(f.sessions["admin"])}})
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: fixedCSRF})
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions["admin"]})
	resp = do(r)
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "không đúng") {
		t.Fatalf("the log-in did not fail on the password: %d", resp.StatusCode)
	}
	log := buf.String()
	for _, secret := range []string{"Sai-mat-khau-XYZ-123", f.sessions["admin"], f.sessions["officer"], f.token, "bi-mat-tim-kiem", "987654"} {
		if strings.Contains(log, secret) {
			t.Errorf("log holds %q:\n%s", secret, log)
		}
	}
	if logLine(buf.lines(t), resp.Header.Get(requestIDHeader))["route"] != "/login" {
		t.Errorf("log-in line missing")
	}
}

// The id a trusted proxy sends is kept (one id through nginx's log and
// ours); from anyone else it is replaced.
func TestRequestIDFromTrustedProxyOnly(t *testing.T) {
	db := sqltest.Open(t, sqlstore.EngineSQLite)
	f := newFixture(t, db, false)
	cfg := f.srv.cfg
	cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.5/32")}
	h := NewServer(cfg).Handler()
	for _, c := range []struct {
		peer, sent string
		kept       bool
	}{
		{"10.0.0.5:4000", "nginx-3f2a9c", true},
		{"192.0.2.7:4000", "nginx-3f2a9c", false},
		{"10.0.0.5:4000", "bad id<script>", false},
	} {
		r := f.request("GET", "/healthz", anon, nil)
		r.RemoteAddr = c.peer
		r.Header.Set(requestIDHeader, c.sent)
		got := f.do2(h, r).Header.Get(requestIDHeader)
		if (got == c.sent) != c.kept || got == "" {
			t.Errorf("peer %s sent %q: got %q", c.peer, c.sent, got)
		}
	}
}

// do2 runs r through h (a server built with another configuration than
// the fixture's) and returns the response.
func (f *fixture) do2(h http.Handler, r *http.Request) *http.Response {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
