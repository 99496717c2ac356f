package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ttdn"
	"ttdn/export"
)

// formulaPrefixes are the first characters spreadsheets read as the start
// of a formula (or white space hiding one), with their full-width forms.
var formulaPrefixes = []string{"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"}

// hostileCells generates text cells from every prefix followed by what has
// slipped past filters before: a digit (the old "negative number" rule), a
// formula, a DDE payload, nothing, another prefix.
func hostileCells() []string {
	var out []string
	for _, p := range formulaPrefixes {
		for _, rest := range []string{"", "1", "1+1", "1+1+cmd|' /C calc'!A0", "2.5", "0", "9e9",
			"HYPERLINK(\"http://x\",\"x\")", "SUM(A1:A9)", "cmd|' /C calc'!A0", " 1", "=1+1", "-1", "\t=1"} {
			out = append(out, p+rest)
		}
	}
	return out
}

func hostileTable() export.Table {
	t := export.Table{Title: "Thử", Columns: []string{"Văn bản", "Số"}}
	for _, s := range hostileCells() {
		t.Rows = append(t.Rows, []any{s, nil})
	}
	return t
}

// TestCSVNeutralisesEveryFormula: every text cell that starts like a
// formula is prefixed, including "-1+1+cmd|' /C calc'!A0" (issue 10);
// numbers of every Go numeric type stay numbers, negative ones included.
func TestCSVNeutralisesEveryFormula(t *testing.T) {
	tb := hostileTable()
	tb.Columns = []string{"=Tiêu đề", "Số"}
	numbers := []any{-5, int8(-1), int16(-2), int32(-3), int64(-4), uint(7), uint64(8), -1.5, float32(-2.5), 0}
	written := []string{"-5", "-1", "-2", "-3", "-4", "7", "8", "-1.5", "-2.5", "0"}
	for _, n := range numbers {
		tb.Rows = append(tb.Rows, []any{"Số âm", n})
	}
	tb.Rows = append(tb.Rows, []any{ttdn.Money(-1000), nil}) // a named type is text, with its unit
	recs := readCSV(t, tb)
	if recs[0][0] != "'=Tiêu đề" {
		t.Errorf("heading %q not neutralised", recs[0][0])
	}
	cells := hostileCells()
	for i, s := range cells {
		// encoding/csv (CRLF mode) drops a lone CR; the apostrophe still leads.
		if got := recs[i+1][0]; got != "'"+s && got != strings.ReplaceAll("'"+s, "\r", "") {
			t.Errorf("text cell %q written as %q, want it prefixed with an apostrophe", s, got)
		}
	}
	for i, n := range numbers {
		if got, want := recs[len(cells)+1+i][1], written[i]; got != want {
			t.Errorf("number %v (%T) written as %q, want %q", n, n, got, want)
		}
	}
	if got := recs[len(recs)-1][0]; !strings.HasPrefix(got, "'-") {
		t.Errorf("negative money written as %q, want text with an apostrophe", got)
	}
	// Ordinary text is left alone.
	plain := readCSV(t, export.Table{Columns: []string{"a"}, Rows: [][]any{{"Hội nghị 2019"}, {"'quoted"}, {" =1"}, {"1-1"}}})
	for i, want := range []string{"Hội nghị 2019", "'quoted", " =1", "1-1"} {
		if plain[i+1][0] != want {
			t.Errorf("plain cell %q written as %q", want, plain[i+1][0])
		}
	}
}

func readCSV(t *testing.T, tb export.Table) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestXLSXNeverAFormula: the same cells in a workbook are inline strings
// with no formula element anywhere; numbers are number cells.
func TestXLSXNeverAFormula(t *testing.T) {
	tb := hostileTable()
	tb.Rows = append(tb.Rows, []any{"Số âm", -5}, []any{"Số thực", -1.5}, []any{"Số nhỏ", int32(-3)})
	var buf bytes.Buffer
	if err := export.WriteXLSX(&buf, tb); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	for i, s := range hostileCells() {
		ref := "A" + strconv.Itoa(i+3)
		typ, err := f.GetCellType(sheet, ref)
		if err != nil || typ != excelize.CellTypeInlineString {
			t.Errorf("%s (%q): type %v %v, want an inline string", ref, s, typ, err)
		}
		if fm, _ := f.GetCellFormula(sheet, ref); fm != "" {
			t.Errorf("%s (%q) has formula %q", ref, s, fm)
		}
		if got, _ := f.GetCellValue(sheet, ref); got != strings.Trim(s, "\r") && got != s {
			t.Errorf("%s: value %q, want %q", ref, got, s)
		}
	}
	n := len(hostileCells()) + 3
	for j := range 3 {
		ref := "B" + strconv.Itoa(n+j)
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: type %v, want a number", ref, typ)
		}
	}
	if xml := sheetXML(t, data); strings.Contains(xml, "<f>") || strings.Contains(xml, "<f ") {
		t.Errorf("the sheet holds a formula element")
	}
}

func sheetXML(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/") {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(&b, rc)
			rc.Close()
		}
	}
	return b.String()
}
