package http

import (
	"net/http"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIPublications publishes a public press conference on the public
// site through the API, adds its English version, and unpublishes it: only
// the coordinator may, an internal record is refused, a stale version is
// 412, and every step is in the audit log.
func TestAPIPublications(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		act := func(class string) int64 {
			return f.officer.call("POST", "/api/v1/activities", map[string]any{"type": "press_conference", "title": "Họp báo về Hội chợ thương mại biên giới",
				"summary": "Giới thiệu hội chợ tại cửa khẩu Mộc Bài.", "start_date": "2019-06-05", "place": "Trung tâm Hội nghị tỉnh",
				"classification": class}).want(t, http.StatusCreated).id()
		}
		public, internal := act("public"), act("internal")
		pub := map[string]any{"source_kind": "activity", "source_id": public}
		f.officer.call("POST", "/api/v1/publications", pub).want(t, http.StatusForbidden)
		f.coord.call("POST", "/api/v1/publications", map[string]any{"source_kind": "activity", "source_id": internal}).want(t, http.StatusBadRequest)
		f.coord.call("POST", "/api/v1/publications", map[string]any{"source_kind": "plan", "source_id": f.plan.ID}).want(t, http.StatusBadRequest)
		p := f.coord.call("POST", "/api/v1/publications", pub, "Idempotency-Key", "pub-1").want(t, http.StatusCreated)
		if p.str("kind") != "activity" || p.body["visible"] != true || p.str("author") == "" ||
			p.body["texts"].([]any)[0].(map[string]any)["title"] != "Họp báo về Hội chợ thương mại biên giới" {
			t.Fatalf("publish: %s", p.raw)
		}
		path := "/api/v1/publications/" + itoa(p.id())
		if p.header.Get("Location") != path {
			t.Fatalf("Location %q", p.header.Get("Location"))
		}
		list := f.officer.call("GET", "/api/v1/publications?kind=activity", nil).want(t, http.StatusOK)
		if list.body["total"].(float64) != 1 || int64(list.items()[0]["id"].(float64)) != p.id() {
			t.Fatalf("list: %s", list.raw)
		}
		f.coord.call("GET", "/api/v1/publications?kind=story", nil).want(t, http.StatusBadRequest)

		texts := []map[string]any{{"lang": "vi", "title": "Họp báo về Hội chợ thương mại biên giới 2019"},
			{"lang": "en", "title": "Press conference on the 2019 border trade fair", "status": "translated"}}
		f.officer.call("PATCH", path, map[string]any{"texts": texts}, "If-Match", p.etag()).want(t, http.StatusForbidden)
		f.coord.call("PATCH", path, map[string]any{"texts": texts}).want(t, http.StatusPreconditionRequired)
		if bad := f.coord.call("PATCH", path, map[string]any{"link_url": "ftp://x"}, "If-Match", p.etag()).want(t, http.StatusBadRequest); bad.str("field") != "link_url" {
			t.Fatalf("a bad link does not name its field: %s", bad.raw)
		}
		ed := f.coord.call("PATCH", path, map[string]any{"texts": texts}, "If-Match", p.etag()).want(t, http.StatusOK)
		if len(ed.body["texts"].([]any)) != 2 || ed.str("author") != p.str("author") {
			t.Fatalf("edit: %s", ed.raw)
		}
		f.coord.call("PATCH", path, map[string]any{"author": "ghi đè"}, "If-Match", p.etag()).want(t, http.StatusPreconditionFailed)
		if got := f.coord.call("GET", path, nil).want(t, http.StatusOK); got.etag() != ed.etag() || got.str("author") == "ghi đè" {
			t.Fatalf("a stale write changed the publication: %s", got.raw)
		}

		f.officer.call("POST", path+"/unpublish", nil, "If-Match", ed.etag()).want(t, http.StatusForbidden)
		f.coord.call("POST", path+"/unpublish", nil, "If-Match", p.etag()).want(t, http.StatusPreconditionFailed)
		f.coord.call("POST", path+"/unpublish", nil, "If-Match", ed.etag()).want(t, http.StatusNoContent)
		f.coord.call("GET", path, nil).want(t, http.StatusNotFound)
		for action, want := range map[string]int{"publish_public": 1, "update": 1, "unpublish_public": 1} {
			if n := mustCount(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'publication' AND action = ?`, action); n != want {
				t.Fatalf("%d audit entries %s, want %d", n, action, want)
			}
		}
	})
}
