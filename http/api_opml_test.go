package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIOPML exports the press sources as OPML and imports a file mixing
// a public feed and an internal address through the API: the public one is
// added, the internal one refused with its line; a leader may not import.
func TestAPIOPML(t *testing.T) {
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		mon := newAPIClient(t, f.h, mustToken(t, db, f.users["monitor"], ttdn.TokenScope{}))
		leader := newAPIClient(t, f.h, mustToken(t, db, f.users["leader"], ttdn.TokenScope{}))
		out := mon.call("GET", "/api/v1/press/sources/opml", nil).want(t, http.StatusOK)
		if !strings.Contains(string(out.raw), "<opml") {
			t.Fatalf("export: %.200s", out.raw)
		}
		file := map[string][]byte{"nguon.opml": []byte(opmlOf("https://feeds.example/bien-gioi.rss", "http://127.0.0.1/noi-bo.rss"))}
		leader.callUpload("/api/v1/press/sources/opml", nil, file).want(t, http.StatusForbidden)
		mon.callUpload("/api/v1/press/sources/opml", nil, map[string][]byte{"x.opml": []byte("không phải OPML")}).want(t, http.StatusBadRequest)
		imp := mon.callUpload("/api/v1/press/sources/opml", nil, file).want(t, http.StatusAccepted)
		loc := imp.header.Get("Location")
		got := mon.call("GET", loc+"?problems=true", nil).want(t, http.StatusOK)
		if got.str("state") != "done" || got.body["added"].(float64) != 1 || got.body["refused"].(float64) != 1 {
			t.Fatalf("import: %s", got.raw)
		}
		if lines := got.body["lines"].([]any); len(lines) != 1 || lines[0].(map[string]any)["outcome"] != "refused" {
			t.Fatalf("the refused line: %s", got.raw)
		}
		if again := mon.call("GET", "/api/v1/press/sources/opml", nil).want(t, http.StatusOK); !strings.Contains(string(again.raw), "https://feeds.example/bien-gioi.rss") {
			t.Fatalf("the imported source is not exported: %.400s", again.raw)
		}
	})
}
