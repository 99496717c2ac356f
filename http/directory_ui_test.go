package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn/directory"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestDirectoryFileRoundTrip: the directory exported as CSV and XLSX reads
// back row for row as "unchanged"; an edited file with mistakes is
// previewed with each row's error in Vietnamese and stores nothing; the
// corrected file stores the renamed unit, the new one with its parent and
// successor, and audits them.
func TestDirectoryFileRoundTrip(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		units := mustCount(t, db, `SELECT COUNT(*) FROM units`)
		for _, format := range []string{"csv", "xlsx"} {
			w := f.do(f.request(http.MethodGet, "/units/export/"+format, "admin", nil))
			if w.Code != http.StatusOK {
				t.Fatalf("export %s: %d", format, w.Code)
			}
			rows, err := directory.ReadFile("danh-muc."+format, w.Body.Bytes())
			if err != nil || len(rows) != units {
				t.Fatalf("%s read back: %d rows of %d, %v", format, len(rows), units, err)
			}
			page := f.do(f.uploadTo("/units/import", "admin", "danh-muc."+format, w.Body.Bytes())).Body.String()
			if !strings.Contains(page, "Thêm mới 0, thay đổi 0, giữ nguyên "+itoa(int64(units))+", dòng lỗi 0.") {
				t.Fatalf("%s preview of the unchanged directory:\n%s", format, snippet(page))
			}
		}
		if w := f.do(f.request(http.MethodGet, "/units/export/csv", "coordinator", nil)); w.Code != http.StatusForbidden {
			t.Fatalf("coordinator export: %d", w.Code)
		}
		head := strings.Join(directory.FileColumns, ",")
		bad := head + "\r\n" +
			"so-ngoai-vu,Sở Ngoại vụ tỉnh,Sở NgV,,Sở; ban; ngành,ubnd-tinh,,,,\r\n" + // kind written wrong
			"so-moi,Sở Du lịch,Sở DL,,\"Sở, ban, ngành\",Không có đơn vị này,31/02/2026,,,\r\n" +
			",,,,,,,,,\r\n" + // blank: skipped
			"so-moi,Sở Du lịch (trùng),,,,,,01/01/2030,so-ngoai-vu,\r\n"
		page := f.do(f.uploadTo("/units/import", "admin", "sua.csv", []byte(bad))).Body.String()
		for _, want := range []string{"Loại đơn vị “Sở; ban; ngành” không có", "Không tìm thấy đơn vị cấp trên “Không có đơn vị này”",
			"Ngày hiệu lực từ “31/02/2026” không hợp lệ", "Mã “so-moi” trùng với dòng 3", "dòng lỗi 3"} {
			if !strings.Contains(htmlUnescape(page), want) {
				t.Errorf("preview lacks %q", want)
			}
		}
		if strings.Contains(page, `action="/units/import/confirm"`) {
			t.Error("a file with errors can be confirmed")
		}
		good := head + "\r\n" +
			"so-ngoai-vu,Sở Ngoại vụ tỉnh Tây Ninh,Sở Ngoại vụ,SNgV; Sở NgV,\"Sở, ban, ngành\",ubnd-tinh,,01/07/2026,Sở Du lịch,Sáp nhập\r\n" +
			"so-du-lich,Sở Du lịch,Sở DL,'=Sở Du lịch tỉnh,\"Sở, ban, ngành\",Ủy ban nhân dân tỉnh Tây Ninh,01/07/2026,,,\r\n"
		page = f.do(f.uploadTo("/units/import", "admin", "dung.csv", []byte(good))).Body.String()
		v := previewForm(t, page)
		if !strings.Contains(page, "Thêm mới 1, thay đổi 1, giữ nguyên 0, dòng lỗi 0.") || v.Get("data") == "" {
			t.Fatalf("good preview:\n%s", snippet(page))
		}
		if n := mustCount(t, db, `SELECT COUNT(*) FROM units`); n != units {
			t.Fatalf("the preview stored units: %d → %d", units, n)
		}
		if w := f.do(f.request(http.MethodPost, "/units/import/confirm", "admin", v)); w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		nv, dl := sqltest.MustFindUnit(t, db, "so-ngoai-vu"), sqltest.MustFindUnit(t, db, "so-du-lich")
		if nv.Name != "Sở Ngoại vụ tỉnh Tây Ninh" || nv.SuccessorID != dl.ID || nv.ValidTo.String() != "01/07/2026" ||
			dl.ParentID != sqltest.MustFindUnit(t, db, "ubnd-tinh-2025").ID || len(dl.Aliases) != 1 || dl.Aliases[0] != "=Sở Du lịch tỉnh" {
			t.Fatalf("stored: %+v / %+v", nv, dl)
		}
		if n := mustCount(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'import' AND entity = 'unit'`); n != 1 {
			t.Fatalf("%d import events", n)
		}
	})
}

// uploadTo posts a file as the form field "file" to path.
func (f *fixture) uploadTo(path, who, name string, data []byte) *http.Request {
	r := f.upload(who, name, data)
	r.URL.Path = path
	r.RequestURI = path
	return r
}
