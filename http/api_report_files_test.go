package http

import (
	"net/http"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIReportFiles attaches the signed report to a unit report through
// the API: the reporting unit may, another unit may not, an empty upload
// names the field, a file sent by mistake is removed, and an accepted
// report takes no more files and loses none.
func TestAPIReportFiles(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		period := f.coord.call("POST", "/api/v1/report-periods", map[string]any{"plan_id": f.plan.ID, "type": "half_year", "year": 2019, "number": 1}).
			want(t, http.StatusCreated)
		rep := f.officer.call("POST", "/api/v1/report-periods/"+itoa(period.id())+"/unit-reports", map[string]any{}).want(t, http.StatusCreated)
		path := "/api/v1/unit-reports/" + itoa(rep.id())

		f.finance.callFiles(path+"/files", nil, map[string][]byte{"bao-cao.pdf": pdfBytes}).want(t, http.StatusNotFound)
		if bad := f.officer.callFiles(path+"/files", nil, nil).want(t, http.StatusBadRequest); bad.str("field") != "files" {
			t.Fatalf("an empty upload does not name its field: %s", bad.raw)
		}
		f.officer.call("POST", path+"/files", map[string]any{"files": "x"}).want(t, http.StatusUnsupportedMediaType)
		up := f.officer.callFiles(path+"/files", nil, map[string][]byte{"bao-cao-ky-dong-dau.pdf": pdfBytes}).want(t, http.StatusCreated)
		if len(up.items()) != 1 || up.items()[0]["content_type"] != "application/pdf" || up.items()[0]["owner_kind"] != "unit_report" {
			t.Fatalf("upload: %s", up.raw)
		}
		files := f.coord.call("GET", path+"/files", nil).want(t, http.StatusOK)
		if len(files.items()) != 1 || files.items()[0]["name"] != "bao-cao-ky-dong-dau.pdf" {
			t.Fatalf("the coordinator does not see the report's file: %s", files.raw)
		}
		f.coord.call("GET", "/api/v1/attachments/"+itoa(int64(files.items()[0]["id"].(float64))), nil).want(t, http.StatusOK)
		f.finance.call("GET", path+"/files", nil).want(t, http.StatusNotFound)
		if n := mustCount(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'attachment' AND action = 'create'`); n != 1 {
			t.Fatalf("%d audit entries for the file, want 1", n)
		}

		// A file sent by mistake is removed by the unit, not by others.
		extra := f.officer.callFiles(path+"/files", nil, map[string][]byte{"nham.pdf": pdfBytes}).want(t, http.StatusCreated)
		extraPath := "/api/v1/attachments/" + itoa(int64(extra.items()[0]["id"].(float64)))
		f.finance.call("DELETE", extraPath, nil).want(t, http.StatusNotFound)
		f.officer.call("DELETE", extraPath, nil).want(t, http.StatusNoContent)
		f.coord.call("GET", extraPath, nil).want(t, http.StatusNotFound)
		if n := mustCount(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'attachment' AND action = 'delete'`); n != 1 {
			t.Fatalf("%d audit entries for the removal, want 1", n)
		}

		// Submitted and accepted, the report is closed to files.
		sent := f.officer.call("POST", path+"/transitions", map[string]any{"action": "submit"}, "If-Match", rep.etag()).want(t, http.StatusOK)
		f.coord.call("POST", path+"/transitions", map[string]any{"action": "accept"}, "If-Match", sent.etag()).want(t, http.StatusOK)
		if late := f.officer.callFiles(path+"/files", nil, map[string][]byte{"bo-sung.pdf": pdfBytes}).want(t, http.StatusConflict); late.str("field") != "files" {
			t.Fatalf("the refusal does not name the field: %s", late.raw)
		}
		if files := f.coord.call("GET", path+"/files", nil).want(t, http.StatusOK); len(files.items()) != 1 {
			t.Fatalf("files after the refusal: %s", files.raw)
		} else {
			f.officer.call("DELETE", "/api/v1/attachments/"+itoa(int64(files.items()[0]["id"].(float64))), nil).want(t, http.StatusConflict)
		}
	})
}
