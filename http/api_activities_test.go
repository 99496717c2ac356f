package http

import (
	"net/http"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIActivities registers a press conference through the API as the
// unit officer, edits it, attaches the minutes and lists it; another unit
// may not change it, a stale version is 412, and details of the wrong
// shape are refused naming the field.
func TestAPIActivities(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		body := map[string]any{"type": "press_conference", "title": "Họp báo quý II về an ninh biên giới", "start_date": "2019-06-05",
			"place": "Công an tỉnh", "details": map[string]any{"speaker": "Phó Giám đốc Công an tỉnh", "reporters": 15}}
		bad := f.officer.call("POST", "/api/v1/activities", map[string]any{"type": "press_conference", "title": "x", "start_date": "2019-06-05",
			"details": map[string]any{"reporters": "mười lăm"}}).want(t, http.StatusBadRequest)
		if bad.str("field") != "details" {
			t.Fatalf("bad details: %s", bad.raw)
		}
		a := f.officer.call("POST", "/api/v1/activities", body, "Idempotency-Key", "act-1").want(t, http.StatusCreated)
		again := f.officer.call("POST", "/api/v1/activities", body, "Idempotency-Key", "act-1").want(t, http.StatusCreated)
		if again.id() != a.id() || again.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("a retried creation made another activity: %s", again.raw)
		}
		units, _ := a.body["unit_ids"].([]any)
		if len(units) != 1 || int64(units[0].(float64)) != f.units["cong-an"].ID {
			t.Fatalf("the organising unit is not the officer's: %s", a.raw)
		}
		path := "/api/v1/activities/" + itoa(a.id())
		f.finance.call("PATCH", path, map[string]any{"title": "x"}, "If-Match", a.etag()).want(t, http.StatusForbidden)
		ed := f.officer.call("PATCH", path, map[string]any{"title": "Họp báo quý II", "details": map[string]any{"speaker": "Giám đốc Công an tỉnh", "reporters": 18}},
			"If-Match", a.etag()).want(t, http.StatusOK)
		if ed.str("title") != "Họp báo quý II" || ed.body["details"].(map[string]any)["reporters"].(float64) != 18 {
			t.Fatalf("edit: %s", ed.raw)
		}
		f.officer.call("PATCH", path, map[string]any{"title": "ghi đè"}, "If-Match", a.etag()).want(t, http.StatusPreconditionFailed)

		f.finance.callFiles(path+"/files", nil, map[string][]byte{"bien-ban.pdf": pdfBytes}).want(t, http.StatusForbidden)
		f.officer.callFiles(path+"/files", nil, nil).want(t, http.StatusBadRequest)
		up := f.officer.callFiles(path+"/files", nil, map[string][]byte{"bien-ban.pdf": pdfBytes}).want(t, http.StatusCreated)
		if len(up.items()) != 1 || up.items()[0]["content_type"] != "application/pdf" {
			t.Fatalf("upload: %s", up.raw)
		}
		if files := f.coord.call("GET", path+"/files", nil).want(t, http.StatusOK); len(files.items()) != 1 {
			t.Fatalf("files: %s", files.raw)
		}
		l := f.coord.call("GET", "/api/v1/activities?type=press_conference&from=2019-06-01&unit_id="+itoa(f.units["cong-an"].ID), nil).want(t, http.StatusOK)
		found := false
		for _, it := range l.items() {
			found = found || int64(it["id"].(float64)) == a.id()
		}
		if !found {
			t.Fatalf("the activity is not in the filtered list: %s", l.raw)
		}
		f.coord.call("GET", "/api/v1/activities?from=05/06/2019", nil).want(t, http.StatusBadRequest)
	})
}
