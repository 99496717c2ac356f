package directory

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"ttdn"
	"ttdn/export"
	"ttdn/vntext"
)

// FileColumns are the headings of a directory file, in order.
var FileColumns = []string{"Mã", "Tên", "Tên viết tắt", "Tên khác (cách nhau bởi ;)", "Loại", "Đơn vị cấp trên",
	"Hiệu lực từ", "Hiệu lực đến", "Đơn vị kế thừa", "Ghi chú"}

// column keys, by the folded first words of a heading.
var columnKeys = map[string]string{"ma": "code", "ten": "name", "ten viet tat": "short", "ten khac": "aliases",
	"loai": "kind", "don vi cap tren": "parent", "hieu luc tu": "from", "hieu luc den": "to",
	"don vi ke thua": "successor", "ghi chu": "note"}

// MaxFileRows bounds a directory file: a province has a few thousand units
// at most.
const MaxFileRows = 20000

// ReadFile reads a directory file, CSV or XLSX by its name, into rows with
// each row's own errors (a bad date, an unknown kind). A file that cannot
// be read as a table, or lacks the name column, is an error.
func ReadFile(name string, data []byte) ([]*ttdn.DirectoryRow, error) {
	var records [][]string
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		records, err = readXLSX(data)
	case ".csv", ".txt":
		records, err = readCSV(data)
	default:
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tệp danh mục phải là .csv hoặc .xlsx.", "A directory file must be .csv or .xlsx.")
	}
	if err != nil {
		return nil, err
	}
	// A NUL (valid UTF-8, and "_x0000_" in a spreadsheet) is removed from
	// every cell, as from every text ttdn takes in (ttdn.CleanText):
	// PostgreSQL refuses it, SQLite would store it.
	for _, rec := range records {
		for i, cell := range rec {
			rec[i] = ttdn.CleanText(cell)
		}
	}
	// A spreadsheet may carry a title above the headings (the export's
	// XLSX does): the headings are the first row with the name column.
	first := 0
	for i := 0; i < len(records) && i < 5; i++ {
		if hasNameColumn(records[i]) {
			first = i
			break
		}
	}
	records, offset := records[first:], first
	if len(records) < 2 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tệp không có dòng đơn vị nào (dòng đầu là tiêu đề cột).", "The file has no unit rows (the first line holds the headings).")
	}
	if len(records) > MaxFileRows+1 {
		return nil, ttdn.Errorf(ttdn.ETOOLARGE, "Tệp có quá nhiều dòng (tối đa %d).", "The file has too many rows (at most %d).", MaxFileRows)
	}
	cols := map[string]int{}
	for i, h := range records[0] {
		if k := headingKey(h); k != "" {
			cols[k] = i
		}
	}
	if _, ok := cols["name"]; !ok {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Dòng tiêu đề thiếu cột “Tên”. Các cột: %s.", "The headings lack the “Tên” (name) column. Columns: %s.",
			strings.Join(FileColumns, ", "))
	}
	var rows []*ttdn.DirectoryRow
	for i, rec := range records[1:] {
		get := func(k string) string {
			if j, ok := cols[k]; ok && j < len(rec) {
				return cleanCell(rec[j])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		rows = append(rows, readRow(offset+i+2, get))
	}
	return rows, nil
}

func hasNameColumn(rec []string) bool {
	for _, h := range rec {
		if headingKey(h) == "name" {
			return true
		}
	}
	return false
}

func readRow(line int, get func(string) string) *ttdn.DirectoryRow {
	r := &ttdn.DirectoryRow{Line: line, Code: get("code"), Name: get("name"), ShortName: get("short"),
		Parent: get("parent"), Successor: get("successor"), Note: get("note")}
	for _, a := range strings.Split(get("aliases"), ";") {
		if a = strings.TrimSpace(a); a != "" {
			r.Aliases = append(r.Aliases, a)
		}
	}
	bad := func(field, vi, en string, args ...any) {
		r.Errors = append(r.Errors, ttdn.RowError{Line: line, Column: field, Message: fmt.Sprintf(vi, args...), MessageEN: fmt.Sprintf(en, args...)})
	}
	if r.Name == "" {
		bad("name", "Thiếu tên đơn vị.", "The unit has no name.")
	}
	if k, ok := kindOf(get("kind")); ok {
		r.Kind = k
	} else {
		bad("kind", "Loại đơn vị “%s” không có trong danh sách loại.", "Unknown unit kind “%s”.", get("kind"))
	}
	var err error
	if r.ValidFrom, err = ttdn.ParseDate(get("from")); err != nil {
		bad("valid_from", "Ngày hiệu lực từ “%s” không hợp lệ (cần ngày/tháng/năm).", "Invalid start date “%s” (dd/mm/yyyy).", get("from"))
	}
	if r.ValidTo, err = ttdn.ParseDate(get("to")); err != nil {
		bad("valid_to", "Ngày hiệu lực đến “%s” không hợp lệ (cần ngày/tháng/năm).", "Invalid end date “%s” (dd/mm/yyyy).", get("to"))
	}
	if !r.ValidTo.IsZero() && !r.ValidFrom.IsZero() && r.ValidTo.Before(r.ValidFrom) {
		bad("valid_to", "Ngày hết hiệu lực trước ngày bắt đầu.", "The unit ends before it begins.")
	}
	if r.Successor != "" && r.ValidTo.IsZero() {
		bad("successor", "Có đơn vị kế thừa nhưng không có ngày hết hiệu lực.", "A successor is given but no end date.")
	}
	if r.Code == "" && r.Name != "" {
		r.Code = slugify(r.Name)
	}
	return r
}

// kindOf reads a kind written as its Vietnamese label or its code; empty
// is "Khác".
func kindOf(s string) (ttdn.UnitKind, bool) {
	if s == "" {
		return ttdn.UnitOther, true
	}
	for _, k := range ttdn.UnitKinds {
		if vntext.Fold(k.Label) == vntext.Fold(s) || string(k.Kind) == s {
			return k.Kind, true
		}
	}
	return "", false
}

func headingKey(h string) string {
	f := strings.Join(vntext.Words(h), " ")
	for prefix, k := range columnKeys {
		if f == prefix {
			return k
		}
	}
	// "Tên khác (cách nhau bởi ;)": the words before the parenthesis.
	if i := strings.IndexByte(h, '('); i > 0 {
		return columnKeys[strings.Join(vntext.Words(h[:i]), " ")]
	}
	return ""
}

// cleanCell trims a cell and takes off the quote a CSV export puts before
// a cell starting like a formula.
func cleanCell(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		s = s[1:]
	}
	return s
}

func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tệp CSV phải là văn bản UTF-8.", "A CSV file must be UTF-8 text.")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';' // what Excel writes in a Vietnamese locale
	}
	records, err := cr.ReadAll()
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp CSV: %v", "Cannot read the CSV file: %v", err)
	}
	return records, nil
}

func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp Excel (.xlsx).", "Cannot read the Excel (.xlsx) file.")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tệp Excel không có trang tính nào.", "The Excel file has no sheet.")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được trang tính đầu của tệp Excel.", "Cannot read the first sheet of the Excel file.")
	}
	return rows, nil
}

// FileTable is rows as a table for export.WriteCSV and WriteXLSX, the
// columns of FileColumns, so an exported file loads back unchanged.
func FileTable(rows []*ttdn.DirectoryRow) export.Table {
	t := export.Table{Title: "Danh mục đơn vị", Columns: FileColumns}
	for _, r := range rows {
		t.Rows = append(t.Rows, []any{r.Code, r.Name, r.ShortName, strings.Join(r.Aliases, "; "), r.Kind.Label(),
			r.Parent, r.ValidFrom.String(), r.ValidTo.String(), r.Successor, r.Note})
	}
	return t
}
