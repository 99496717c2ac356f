// Package export writes any list the UI shows as a file offices open: CSV
// (UTF-8 with a byte-order mark, so Excel shows Vietnamese correctly) and
// XLSX. A list becomes a Table first; the writers know nothing of the
// domain beyond dates.
package export

import (
	"fmt"
	"strconv"
	"time"

	"ttdn"
)

// Table is a list ready to write: a title (the sheet name and first row of
// the XLSX), column headings and rows. A cell is a string, an integer, a
// float, a bool, a ttdn.Date, a time.Time or nil. The cell's Go type is its
// kind: integers and floats are written as numbers; everything else
// (strings, and numbers someone formatted as text) is text, which the CSV
// writer neutralises and the XLSX writer stores as a string cell, so no
// text ever becomes a formula.
type Table struct {
	Title   string
	Columns []string
	Rows    [][]any
}

// text returns a cell as CSV writes it: dates dd/mm/yyyy, times in
// Asia/Ho_Chi_Minh when the zone is available, numbers plain.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case ttdn.Date:
		return v.String()
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.In(vietnam()).Format("02/01/2006 15:04")
	case bool:
		if v {
			return "Có"
		}
		return "Không"
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// isNumber reports whether a cell is a number: a value of one of Go's
// integer or float types. Named types (ttdn.Money and the like) are text,
// as they show with their unit.
func isNumber(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return true
	}
	return false
}

// vietnam is the zone times are shown in (DESIGN.md §4.9), UTC+7 when the
// tz database is missing.
func vietnam() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}
