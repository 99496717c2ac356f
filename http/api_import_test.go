package http

import (
	"net/http"
	"testing"

	"ttdn"
	"ttdn/seed"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIPlanImport imports the seed plan through the API: the preview
// stores nothing and shows the tasks; the import stores it; importing it
// again is refused as a duplicate unless asked for a new version; a file
// that is not a plan, and a unit officer, are refused.
func TestAPIPlanImport(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		coord := newAPIClient(t, f.h, mustToken(t, db, f.users["coordinator"], ttdn.TokenScope{}))
		officer := newAPIClient(t, f.h, mustToken(t, db, f.users["officer"], ttdn.TokenScope{}))
		file := map[string][]byte{seed.Plan2019Name: seed.Plan2019}
		officer.callUpload("/api/v1/plans/import/preview", nil, file).want(t, http.StatusForbidden)
		pv := coord.callUpload("/api/v1/plans/import/preview", nil, file).want(t, http.StatusOK)
		plan := pv.body["plan"].(map[string]any)
		if tasks, _ := plan["tasks"].([]any); len(tasks) < 6 { // III.1–6 of the seed
			t.Fatalf("the preview has %d tasks", len(tasks))
		}
		if l := coord.call("GET", "/api/v1/plans", nil).want(t, http.StatusOK); l.body["total"].(float64) != 0 {
			t.Fatalf("the preview stored a plan: %s", l.raw)
		}
		bad := coord.callUpload("/api/v1/plans/import", nil, map[string][]byte{"ghi-chu.txt": []byte("Không phải kế hoạch.\n")}).want(t, http.StatusBadRequest)
		if bad.str("field") != "file" {
			t.Fatalf("not a plan: %s", bad.raw)
		}
		p := coord.callUpload("/api/v1/plans/import", map[string]string{"classification": "internal"}, file).want(t, http.StatusCreated)
		if p.str("status") != "draft" || p.header.Get("Location") != "/api/v1/plans/"+itoa(p.id()) {
			t.Fatalf("import: %s", p.raw)
		}
		dup := coord.callUpload("/api/v1/plans/import/preview", nil, file).want(t, http.StatusOK)
		if len(dup.body["duplicates"].([]any)) != 1 {
			t.Fatalf("the stored plan is not offered as a duplicate: %s", dup.raw)
		}
		coord.callUpload("/api/v1/plans/import", nil, file).want(t, http.StatusConflict)
		coord.callUpload("/api/v1/plans/import", map[string]string{"again": "true"}, file).want(t, http.StatusCreated)
	})
}
