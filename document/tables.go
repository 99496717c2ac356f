package document

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"ttdn"
	"ttdn/export"
)

// Table returns the indicator table as an export.Table (numbers as
// numbers), for CSV and the first sheet of the workbook.
func Table(c *ttdn.ConsolidatedReport) export.Table {
	t := export.Table{Title: "Tổng hợp " + periodName(c),
		Columns: []string{"STT", "Mã", "Chỉ tiêu", "Phân tổ", "Mục", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước", "Số đơn vị"}}
	for i, tot := range c.Totals {
		ind := tot.Indicator
		if ind.ValueType == ttdn.ValueText {
			t.Rows = append(t.Rows, []any{i + 1, ind.Code, ind.Name, "", "", ind.Unit, joinTexts(tot.Texts), nil, len(tot.Texts)})
			continue
		}
		t.Rows = append(t.Rows, []any{i + 1, ind.Code, ind.Name, "", "", ind.Unit, tot.Value, orNil(tot.Previous), tot.Units})
		for _, b := range tot.Rows {
			t.Rows = append(t.Rows, []any{nil, ind.Code, ind.Name, b.Breakdown.Label(), b.Item, ind.Unit, b.Value, orNil(b.Previous), nil})
		}
	}
	return t
}

func periodName(c *ttdn.ConsolidatedReport) string {
	if c.Period != nil {
		return c.Period.Name
	}
	return ""
}

func orNil(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func joinTexts(texts []ttdn.UnitText) string {
	parts := make([]string, len(texts))
	for i, t := range texts {
		parts[i] = t.UnitName + ": " + t.Text
	}
	return strings.Join(parts, "\n")
}

// WriteCSV writes the indicator table as CSV (UTF-8 with a byte-order
// mark, through export).
func WriteCSV(w io.Writer, c *ttdn.ConsolidatedReport) error { return export.WriteCSV(w, Table(c)) }

// WriteXLSX writes a workbook: the indicator table on the first sheet, then
// one sheet per unit report with its values (computed, corrected, note,
// source) and narrative.
func WriteXLSX(w io.Writer, c *ttdn.ConsolidatedReport, reports []*ttdn.UnitReport) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	names := map[string]bool{}
	first := sheetName("Tổng hợp", names)
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return err
	}
	if err := writeSheet(f, first, Table(c), bold); err != nil {
		return err
	}
	byCode := map[string]*ttdn.Indicator{}
	for _, t := range c.Totals {
		byCode[t.Indicator.Code] = t.Indicator
	}
	for _, r := range reports {
		sheet := sheetName(r.UnitName, names)
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		if err := writeSheet(f, sheet, unitTable(r, byCode), bold); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// unitTable is one unit's values then its narrative.
func unitTable(r *ttdn.UnitReport, byCode map[string]*ttdn.Indicator) export.Table {
	late := ""
	if r.Late {
		late = " (nộp muộn)"
	}
	t := export.Table{Title: r.UnitName + " — " + r.Status.Label() + late,
		Columns: []string{"Mã", "Chỉ tiêu", "Phân tổ", "Mục", "Giá trị", "Hệ thống tính", "Đơn vị điều chỉnh", "Ghi chú", "Nguồn"}}
	for _, v := range r.Values {
		name := v.Code
		if ind := byCode[v.Code]; ind != nil {
			name = ind.Name
		}
		var value any = v.Value()
		if v.Text != "" {
			value = v.Text
		}
		t.Rows = append(t.Rows, []any{v.Code, name, v.Breakdown.Label(), v.Item, value, orNil(v.Computed), orNil(v.Reported), v.Note, v.Source})
	}
	for _, sec := range ttdn.NarrativeSections {
		t.Rows = append(t.Rows, []any{sec.Key, sec.Heading, nil, nil, *sec.Get(&r.Narrative)})
	}
	return t
}

func writeSheet(f *excelize.File, sheet string, t export.Table, bold int) error {
	if err := f.SetCellValue(sheet, "A1", t.Title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", bold); err != nil {
		return err
	}
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c
	}
	if err := f.SetSheetRow(sheet, "A2", &head); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(t.Columns))
	if err := f.SetCellStyle(sheet, "A2", last+"2", bold); err != nil {
		return err
	}
	for i, row := range t.Rows {
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+3), &row); err != nil {
			return err
		}
	}
	return nil
}

// sheetName makes a unique valid sheet name (31 characters, no []:*?/\).
func sheetName(name string, used map[string]bool) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	if s == "" {
		s = "Đơn vị"
	}
	base := s
	for n := 2; ; n++ {
		for utf8.RuneCountInString(s) > 31 {
			_, size := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-size]
		}
		if !used[s] {
			used[s] = true
			return s
		}
		suffix := fmt.Sprintf(" (%d)", n)
		r := []rune(base)
		s = string(r[:min(len(r), 31-len([]rune(suffix)))]) + suffix
	}
}
