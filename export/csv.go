package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"
)

// bom makes Excel read the file as UTF-8 instead of the Windows code page.
const bom = "\uFEFF"

// WriteCSV writes t as CSV: the byte-order mark, the column headings, then
// the rows. The title is not written, so the file imports cleanly.
func WriteCSV(w io.Writer, t Table) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		rec = rec[:0]
		for _, v := range row {
			rec = append(rec, defuse(text(v)))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// defuse prefixes a cell a spreadsheet would run as a formula (CSV
// injection: "=HYPERLINK(…)") with an apostrophe. Negative numbers are kept.
func defuse(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if s[0] == '-' && len(s) > 1 && (s[1] >= '0' && s[1] <= '9') {
		return s
	}
	return "'" + s
}
