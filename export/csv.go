package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"
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
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = defuse(c)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		rec = rec[:0]
		for _, v := range row {
			if isNumber(v) {
				rec = append(rec, text(v))
			} else {
				rec = append(rec, defuse(text(v)))
			}
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

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula, or hide one behind white space (tab, carriage
// return), with the full-width forms some input methods turn into them.
const formulaStarts = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20"

// defuse prefixes a text cell a spreadsheet would run as a formula (CSV
// injection: "=HYPERLINK(…)", "-1+1+cmd|' /C calc'!A0") with an apostrophe.
// It is applied to every text cell, whatever follows the first character:
// a number is a number cell (isNumber) and never comes here.
func defuse(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); s != "" && strings.ContainsRune(formulaStarts, r) {
		return "'" + s
	}
	return s
}
