package planparse

import (
	"regexp"
	"strconv"
	"strings"
)

// Many plans give their tasks as a table — "STT | Nội dung công việc | Cơ
// quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm" — in
// the body or as an appendix. Whatever the source (a Word table, a PDF's
// ruled grid, a web copy whose table became "|"- or tab-separated text),
// the readers give it as one line per row with the cells separated; here
// those lines are taken out of the text before it is split into
// paragraphs, and a marker paragraph stands where the table stood, so that
// the section holding it is read as the tasks section.

// tableMark begins the paragraph that stands for table n: "\uE000T3.".
const tableMark = "\uE000T"

// colRole is what a column of a task table holds.
type colRole int

const (
	colOther colRole = iota
	colNumber
	colContent
	colLead
	colExecuting
	colCoordinating
	colDeadline
	colProduct
)

// taskTable is a task table and where it stood in the source.
type taskTable struct {
	line int // the header row's source line (from 1)
	cols []colRole
	rows []tableRow
	used bool // read as tasks already
}

// tableRow is one row of cells and its source line.
type tableRow struct {
	cells []string
	line  int
}

// maxTableCells bounds the cells of one row; a real table has up to ten.
const maxTableCells = 32

// extractTables takes the task tables out of text. It returns the text with
// each table's header replaced by its marker and its rows by blank lines
// (the lines keep their numbers), and the tables.
func extractTables(text string) (string, []*taskTable) {
	if !strings.ContainsAny(text, "|\t") {
		return text, nil
	}
	lines := strings.Split(text, "\n")
	var tables []*taskTable
	for i := 0; i < len(lines); i++ {
		cells, ok := splitRow(lines[i])
		if !ok {
			continue
		}
		cols, ok := headerRoles(cells)
		if !ok {
			continue
		}
		t := &taskTable{line: i + 1, cols: cols}
		end := i + 1
		for k := i + 1; k < len(lines); k++ {
			l := cleanLine(lines[k])
			if l == "" || isPageNumber(l) || tableRule.MatchString(l) {
				continue
			}
			row, ok := splitRow(lines[k])
			if !ok {
				break
			}
			end = k + 1
			if _, header := headerRoles(row); header || columnNumbers(row) {
				continue // a header repeated on a new page, "(1) | (2) | …"
			}
			t.rows = append(t.rows, tableRow{cells: row, line: k + 1})
		}
		lines[i] = tableMark + strconv.Itoa(len(tables)) + "."
		for k := i + 1; k < end; k++ {
			lines[k] = ""
		}
		tables = append(tables, t)
		i = end - 1
	}
	return strings.Join(lines, "\n"), tables
}

// splitRow splits a table line at "|" (dropping the outer bars of "| a |
// b |") or at tabs. A line of one cell is no row.
func splitRow(line string) ([]string, bool) {
	line = strings.Trim(line, " \r")
	var cells []string
	switch {
	case strings.Contains(line, "|"):
		if tableRule.MatchString(line) {
			return nil, false
		}
		if strings.HasPrefix(line, "|") { // "| a | b |": outer bars
			line = strings.TrimSuffix(line[1:], "|")
		}
		cells = strings.Split(line, "|")
	case strings.Contains(line, "\t"):
		cells = strings.Split(line, "\t")
	default:
		return nil, false
	}
	if len(cells) < 2 || len(cells) > maxTableCells {
		return nil, false
	}
	for i := range cells {
		cells[i] = cleanLine(cells[i])
	}
	return cells, true
}

// headerRoles reads a header row. It is a task table's when it has a
// content column and a unit or deadline column.
func headerRoles(cells []string) ([]colRole, bool) {
	cols := make([]colRole, len(cells))
	content, units := false, false
	for i, c := range cells {
		f := folded(c)
		switch {
		case f == "stt" || f == "tt" || f == "so tt" || f == "so thu tu":
			cols[i] = colNumber
		case strings.Contains(f, "chu tri"):
			cols[i], units = colLead, true
		case strings.Contains(f, "phoi hop"):
			cols[i], units = colCoordinating, true
		case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han") || strings.Contains(f, "tien do") || f == "thoi diem":
			cols[i], units = colDeadline, true
		case strings.Contains(f, "thuc hien") || strings.Contains(f, "don vi") || strings.Contains(f, "co quan"):
			cols[i], units = colExecuting, true
		case strings.Contains(f, "san pham") || strings.Contains(f, "ket qua"):
			cols[i] = colProduct
		case strings.Contains(f, "noi dung") || strings.Contains(f, "nhiem vu") || strings.Contains(f, "hoat dong") || strings.Contains(f, "cong viec") || strings.Contains(f, "ten "):
			if !content {
				cols[i], content = colContent, true
			}
		}
	}
	return cols, content && units && len(cells) >= 3
}

var columnNumberRe = regexp.MustCompile(`^\(?\d{1,2}\)?$`)

// columnNumbers reports the row of column numbers under some headers.
func columnNumbers(cells []string) bool {
	for _, c := range cells {
		if c != "" && !columnNumberRe.MatchString(c) {
			return false
		}
	}
	return true
}

// tableAt reports which table a marker paragraph stands for.
func tableAt(p string, tables []*taskTable) (*taskTable, bool) {
	rest, ok := strings.CutPrefix(p, tableMark)
	if !ok {
		return nil, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "."))
	if err != nil || n < 0 || n >= len(tables) {
		return nil, false
	}
	return tables[n], true
}
