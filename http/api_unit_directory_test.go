package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/directory"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIUnitDirectory exports the unit directory, loads it back through
// the preview and imports a new unit, all through the API as the
// administrator: a file with rows in error stores nothing and answers its
// rows, and nobody else may touch the directory.
func TestAPIUnitDirectory(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		adm := newAPIClient(t, f.h, mustToken(t, db, f.users["admin"], ttdn.TokenScope{}))
		units := mustCount(t, db, `SELECT COUNT(*) FROM units`)
		f.coord.call("GET", "/api/v1/units/export", nil).want(t, http.StatusForbidden)
		f.coord.callUpload("/api/v1/units/import/preview", nil, map[string][]byte{"d.csv": []byte("x")}).want(t, http.StatusForbidden)
		adm.call("GET", "/api/v1/units/export?format=ods", nil).want(t, http.StatusBadRequest)
		for _, format := range []string{"csv", "xlsx"} {
			file := adm.call("GET", "/api/v1/units/export?format="+format, nil).want(t, http.StatusOK)
			if rows, err := directory.ReadFile("danh-muc."+format, file.raw); err != nil || len(rows) != units {
				t.Fatalf("%s read back: %d rows of %d, %v", format, len(rows), units, err)
			}
			pre := adm.callUpload("/api/v1/units/import/preview", nil, map[string][]byte{"danh-muc." + format: file.raw}).want(t, http.StatusOK)
			if int(pre.body["same"].(float64)) != units || pre.body["new"].(float64) != 0 || pre.body["bad"].(float64) != 0 {
				t.Fatalf("%s preview of the unchanged directory: %s", format, pre.raw)
			}
		}
		if csv := adm.call("GET", "/api/v1/units/export", nil).want(t, http.StatusOK); !strings.Contains(csv.header.Get("Content-Disposition"), ".csv") {
			t.Fatalf("the default export is not the CSV: %v", csv.header)
		}
		head := strings.Join(directory.FileColumns, ",") + "\r\n"
		bad := head + "so-du-lich,Sở Du lịch,Sở DL,,\"Sở, ban, ngành\",Không có đơn vị này,31/02/2026,,,\r\n"
		pre := adm.callUpload("/api/v1/units/import/preview", nil, map[string][]byte{"sua.csv": []byte(bad)}).want(t, http.StatusOK)
		rows := pre.body["rows"].([]any)
		if pre.body["bad"].(float64) != 1 || len(rows) != 1 || len(rows[0].(map[string]any)["errors"].([]any)) == 0 {
			t.Fatalf("the preview does not answer the row's errors: %s", pre.raw)
		}
		refused := adm.callUpload("/api/v1/units/import", nil, map[string][]byte{"sua.csv": []byte(bad)}).want(t, http.StatusUnprocessableEntity)
		if refused.body["bad"].(float64) != 1 || mustCount(t, db, `SELECT COUNT(*) FROM units`) != units {
			t.Fatalf("a file in error was stored: %s", refused.raw)
		}
		if b := adm.callUpload("/api/v1/units/import", nil, nil).want(t, http.StatusBadRequest); b.str("field") != "file" {
			t.Fatalf("no file: %s", b.raw)
		}
		good := head + "so-du-lich,Sở Du lịch tỉnh,Sở DL,,\"Sở, ban, ngành\",,01/01/2026,,,\r\n"
		done := adm.callUpload("/api/v1/units/import", nil, map[string][]byte{"them.csv": []byte(good)}).want(t, http.StatusOK)
		if done.body["new"].(float64) != 1 || mustCount(t, db, `SELECT COUNT(*) FROM units`) != units+1 {
			t.Fatalf("import: %s", done.raw)
		}
		if n := mustCount(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'unit' AND action = 'import'`); n != 1 {
			t.Fatalf("%d audit entries of the import, want 1", n)
		}
	})
}
