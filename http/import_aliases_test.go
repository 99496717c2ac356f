package http

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"ttdn/seed"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestImportLearnsAliases: a name the user resolved by hand in the
// preview becomes an alias of the unit chosen (stored and audited), so the
// next import of a plan writing it resolves it with no help.
func TestImportLearnsAliases(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		const written = "Phòng Lễ tân đối ngoại tỉnh"
		plan := bytes.Replace(seed.Plan2019, []byte("Sở Ngoại vụ, Bộ Chỉ huy"), []byte(written+", Bộ Chỉ huy"), 1)
		if bytes.Equal(plan, seed.Plan2019) {
			t.Fatal("the seed no longer has the sentence the test changes")
		}
		w := f.do(f.upload("coordinator", "ke-hoach.txt", plan))
		v := previewForm(t, w.Body.String())
		field := matchKey(written)
		if got, ok := v[field]; !ok || got[0] != "" {
			t.Fatalf("%q: field %v in the preview, want unresolved", written, got)
		}
		ngoaiVu := "u:" + itoa(f.units["so-ngoai-vu"].ID)
		v.Set(field, ngoaiVu)
		if w := f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v)); w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		u := sqltest.MustFindUnit(t, db, "so-ngoai-vu")
		if !strings.Contains(strings.Join(u.Aliases, "|"), written) {
			t.Fatalf("Sở Ngoại vụ's aliases: %q", u.Aliases)
		}
		if n := mustCount(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'add_alias' AND entity = 'unit' AND entity_id = ?`, u.ID); n != 1 {
			t.Fatalf("%d add_alias events", n)
		}
		// The next plan writing it: resolved in the preview, no choice made.
		w = f.do(f.upload("coordinator", "ke-hoach-2.txt", plan))
		if got := previewForm(t, w.Body.String()).Get(field); got != ngoaiVu {
			t.Fatalf("second import: %q resolved to %q, want %q", written, got, ngoaiVu)
		}
	})
}

func mustCount(t *testing.T, db *sqlstore.DB, query string, args ...any) int {
	t.Helper()
	tx, err := db.BeginTx(sqltest.SystemContext(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(sqltest.SystemContext(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
