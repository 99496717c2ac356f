package export

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"ttdn"
)

// WriteXLSX writes t as a one-sheet workbook: the title in bold on the first
// row, bold headings on the second with a filter, then the rows with numbers
// as numbers and dates as dates (shown dd/mm/yyyy).
func WriteXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("dd/mm/yyyy")})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: bold, Value: t.Title}}); err != nil {
		return err
	}
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = excelize.Cell{StyleID: bold, Value: c}
	}
	if err := sw.SetRow("A2", head); err != nil {
		return err
	}
	for i, row := range t.Rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = cell(v, dateStyle)
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+3), cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if len(t.Columns) > 0 {
		last, _ := excelize.ColumnNumberToName(len(t.Columns))
		if err := f.AutoFilter(sheet, fmt.Sprintf("A2:%s%d", last, len(t.Rows)+2), nil); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// cell converts a table value to what excelize stores natively: numbers
// as numbers, text as inline strings (never a formula, whatever it starts
// with).
func cell(v any, dateStyle int) any {
	if isNumber(v) {
		return v
	}
	switch v := v.(type) {
	case ttdn.Date:
		if v.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: dateStyle, Value: v.Time(time.UTC)}
	case time.Time:
		return text(v) // shown in Vietnam time, as text: Excel has no zones
	case string, bool, nil:
		return v
	}
	return text(v)
}

// sheetName makes a title a valid sheet name: no []:*?/\ and at most 31
// characters.
func sheetName(title string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(title))
	for utf8.RuneCountInString(s) > 31 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	if s == "" {
		s = "Danh sách"
	}
	return s
}

func ptr[T any](v T) *T { return &v }
