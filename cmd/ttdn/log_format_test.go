package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// `serve --log-format json` writes every line as a JSON object, the request
// lines with the id the response carries; an unknown format is refused.
func TestServeLogFormatJSON(t *testing.T) {
	base, log := startServe(t, "--data", t.TempDir(), "--log-format", "json")
	resp, _ := get(t, base+"/no-such-page")
	id := resp.Header.Get("X-Request-Id")
	if resp.StatusCode != 404 || id == "" {
		t.Fatalf("status %d, id %q", resp.StatusCode, id)
	}
	found := false
	for _, l := range strings.Split(strings.TrimSpace(log.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		if m["msg"] == "http" && m["request_id"] == id && m["status"] == float64(404) {
			found = true
		}
	}
	if !found {
		t.Fatalf("no request line with id %s:\n%s", id, log.String())
	}

	err := run(context.Background(), []string{"serve", "--data", t.TempDir(), "--log-format", "xml"}, nil, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(errorText(err), "--log-format") {
		t.Fatalf("xml accepted: %v", err)
	}
}
