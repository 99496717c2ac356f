package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn/seed"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestImportSamePlanTwice: the second import of the same plan says so in
// the preview, naming and linking the stored plan; confirming is refused
// (nothing stored) unless "import as a new version" is ticked.
func TestImportSamePlanTwice(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true) // the seed plan is stored
		w := f.do(f.upload("coordinator", seed.Plan2019Name, seed.Plan2019))
		page := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(page, `id="pv-duplicates"`) || !strings.Contains(page, `href="/plans/`+itoa(f.plan.ID)+`"`) {
			t.Fatalf("preview of a stored plan: %d, duplicate block missing\n%s", w.Code, snippet(page))
		}
		v := previewForm(t, page)
		w = f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v))
		if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "Kế hoạch này đã có") {
			t.Fatalf("confirm of a duplicate: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		if n := f.planCount(t); n != 1 {
			t.Fatalf("%d plans after a refused duplicate", n)
		}
		v.Set("again", "1")
		w = f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v))
		if w.Code != http.StatusSeeOther || f.planCount(t) != 2 {
			t.Fatalf("import as a new version: %d, %d plans", w.Code, f.planCount(t))
		}
	})
}
