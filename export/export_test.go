package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ttdn"
	"ttdn/export"
)

func table() export.Table {
	return export.Table{
		Title:   "Danh sách hoạt động: năm 2019",
		Columns: []string{"Tên hoạt động", "Ngày", "Số bản", "Tỷ lệ"},
		Rows: [][]any{
			{"Tập huấn thông tin đối ngoại, biển đảo", ttdn.Date{Year: 2019, Month: time.June, Day: 20}, 5000, 12.5},
			{"=HYPERLINK(\"http://x\")", ttdn.Date{}, -3, nil},
			{"Đoàn phóng viên \"Campuchia\"\nnhiều dòng", ttdn.Date{Year: 2019, Month: time.December, Day: 5}, int64(7), 0.0},
		},
	}
}

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, table()); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 BOM: % x", b[:3])
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || recs[0][0] != "Tên hoạt động" || recs[1][0] != "Tập huấn thông tin đối ngoại, biển đảo" ||
		recs[1][1] != "20/06/2019" || recs[1][2] != "5000" || recs[1][3] != "12.5" {
		t.Fatalf("records = %q", recs)
	}
	if recs[2][0] != `'=HYPERLINK("http://x")` || recs[2][2] != "-3" || recs[3][0] != "Đoàn phóng viên \"Campuchia\"\nnhiều dòng" {
		t.Fatalf("escaping: %q", recs[2:])
	}
}

func TestWriteXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WriteXLSX(&buf, table()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "Danh sách hoạt động- năm 2019" {
		t.Fatalf("sheets = %q", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[0][0] != "Danh sách hoạt động: năm 2019" || rows[1][3] != "Tỷ lệ" ||
		rows[2][0] != "Tập huấn thông tin đối ngoại, biển đảo" || rows[2][1] != "20/06/2019" || rows[2][2] != "5000" {
		t.Fatalf("rows = %q", rows)
	}
	typ, err := f.GetCellType(sheets[0], "C3")
	// OOXML cells without a type are numbers.
	if err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("C3 type = %v %v, want a number", typ, err)
	}
	if !strings.Contains(rows[4][0], "Campuchia") {
		t.Errorf("row 5 = %q", rows[4])
	}
}
