package http

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ttdn/directory"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestDirectoryImportCleansNUL: a directory file (CSV) with a NUL byte in
// its cells is imported as the same file without it, on both engines — no
// 500 on PostgreSQL, no NUL stored on SQLite to block a later move.
func TestDirectoryImportCleansNUL(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		file := strings.Join(directory.FileColumns, ",") + "\r\n" +
			"so-du-lich\x00,Sở Du\x00 lịch,Sở\x00 DL,SDL\x00,\"Sở, ban, ngành\",ubnd-tinh,01/07/2026,,,Ghi\x00 chú\r\n"
		w := f.do(f.uploadTo("/units/import", "admin", "nul.csv", []byte(file)))
		page := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(page, "Thêm mới 1") {
			t.Fatalf("preview: %d\n%s", w.Code, snippet(page))
		}
		i := strings.Index(page, `name="data" value="`)
		if i < 0 {
			t.Fatalf("no confirm form:\n%s", snippet(page))
		}
		data := page[i+len(`name="data" value="`):]
		data = data[:strings.Index(data, `"`)]
		v := url.Values{"name": {"nul.csv"}, "data": {htmlUnescape(data)}}
		if w := f.do(f.request(http.MethodPost, "/units/import/confirm", "admin", v)); w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		u := sqltest.MustFindUnit(t, db, "so-du-lich")
		if u.Name != "Sở Du lịch" || u.ShortName != "Sở DL" || strings.ContainsRune(u.Note+strings.Join(u.Aliases, ""), 0) {
			t.Fatalf("stored: %q %q %q %q", u.Name, u.ShortName, u.Note, u.Aliases)
		}
	})
}
