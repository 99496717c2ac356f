package planparse

import (
	"regexp"
	"strings"

	"ttdn"
)

// tableTask is a row read as a task, before its units resolve.
type tableTask struct {
	number   string // as in the number column: "1", "2.1"
	group    int    // the group heading ("I", "A") it falls under, from 1
	year     string // "Năm 2022" when the group is a year
	cells    map[colRole]string
	line     int
	inherits map[colRole]bool // cells taken from the row above (merged)
}

var (
	taskNumberRe  = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3})*\.?$`)
	groupNumberRe = regexp.MustCompile(`^(?:[IVXL]{1,6}|[A-ZĐ])\.?$`)
	yearGroupRe   = regexp.MustCompile(`(?i)^năm\s+((?:19|20)\d\d)\b`)
)

// tableTasks reads the rows of t: a numbered row is a task; a row numbered
// "I", "A" (or with only its content cell) heads a group of tasks; a row
// with no number continues the task above, cell by cell (a row broken over
// a page, a web copy's wrapped cell). A row with fewer cells than the
// header lost the cells merged with the row above (HTML rowspan): they are
// taken from it.
func tableTasks(t *taskTable) []*tableTask {
	var out []*tableTask
	var last *tableTask
	group, year, seq := 0, "", 0
	numbered := false
	for _, c := range t.cols {
		numbered = numbered || c == colNumber
	}
	for _, r := range t.rows {
		cells := alignCells(r.cells, t.cols)
		num := cells[colNumber]
		contentOnly := cells[colContent] != ""
		for k, v := range cells {
			if k != colContent && k != colNumber && v != "" {
				contentOnly = false
			}
		}
		if !numbered && cells[colContent] != "" && !contentOnly {
			seq++
			num = itoa(seq)
		}
		switch {
		case groupNumberRe.MatchString(num) || (num == "" && contentOnly && (last == nil || groupHeading(cells[colContent]))):
			group++
			year = ""
			if m := yearGroupRe.FindStringSubmatch(strings.TrimLeft(cells[colContent], "IVXLABCDĐ.-– ")); m != nil {
				year = "Năm " + m[1]
			}
			last = nil
		case taskNumberRe.MatchString(num):
			tt := &tableTask{number: strings.TrimSuffix(num, "."), group: group, year: year, cells: map[colRole]string{}, line: r.line,
				inherits: map[colRole]bool{}}
			for role, v := range cells {
				if role != colNumber {
					tt.cells[role] = v
				}
			}
			if len(r.cells) < len(t.cols) && len(out) > 0 {
				prev := out[len(out)-1]
				for role, v := range prev.cells {
					if _, has := cells[role]; !has && role != colContent {
						tt.cells[role], tt.inherits[role] = v, true
					}
				}
			}
			out = append(out, tt)
			last = tt
		case num == "" && last != nil:
			for role, v := range cells {
				if v == "" || role == colNumber {
					continue
				}
				sep := " "
				if role == colLead || role == colExecuting || role == colCoordinating {
					sep = ", "
				}
				if last.cells[role] == "" || last.inherits[role] {
					last.cells[role], last.inherits[role] = v, false
				} else if last.cells[role] != v {
					last.cells[role] += sep + v
				}
			}
		}
	}
	return out
}

// groupHeading reports a content cell that heads a group of rows rather
// than continuing one: in capitals, numbered "I."/"A.", or a year.
func groupHeading(s string) bool {
	if isHeadingLine(s) || yearGroupRe.MatchString(s) {
		return true
	}
	if _, _, ok := romanHead(s); ok {
		return true
	}
	r := []rune(s)
	return len(r) > 2 && r[0] >= 'A' && r[0] <= 'Z' && (r[1] == '.' || r[1] == ')') && r[2] == ' '
}

// alignCells gives each cell its column's role. A row as long as the
// header maps one to one. A shorter one lost cells merged with the row
// above: it keeps its number and content cells first; its deadline-like
// cell goes to the deadline column, the unit cells before it end against
// it (a lead unit merged over rows is the usual loss) and the cells after
// it follow it; with no deadline-like cell the deadline is the lost one.
func alignCells(cells []string, cols []colRole) map[colRole]string {
	out := map[colRole]string{}
	put := func(role colRole, v string) {
		if role == colOther {
			return
		}
		if old, ok := out[role]; ok && old != "" {
			if v != "" {
				out[role] = old + " " + v
			}
			return
		}
		out[role] = v
	}
	if len(cells) >= len(cols) {
		for i, c := range cells {
			if i < len(cols) {
				put(cols[i], c)
			}
		}
		return out
	}
	head := 0
	for head < len(cells) && head < len(cols) && (cols[head] == colNumber || cols[head] == colContent) {
		put(cols[head], cells[head])
		head++
	}
	rc, cc := cells[head:], cols[head:]
	d, dc := -1, -1
	for i, c := range rc {
		if _, ok, bad := parseDeadline(c); (ok || bad) && c != "" {
			d = i
			break
		}
	}
	for i, c := range cc {
		if c == colDeadline {
			dc = i
			break
		}
	}
	switch {
	case d >= 0 && dc >= 0:
		before := rc[:d]
		for k := range before {
			if i := dc - len(before) + k; i >= 0 {
				put(cc[i], before[k])
			}
		}
		put(colDeadline, rc[d])
		for k, c := range rc[d+1:] {
			if i := dc + 1 + k; i < len(cc) {
				put(cc[i], c)
			}
		}
	case dc >= 0:
		i := 0
		for _, c := range rc {
			if i == dc {
				i++
			}
			if i < len(cc) {
				put(cc[i], c)
			}
			i++
		}
	default:
		for k, c := range rc {
			put(cc[len(cc)-len(rc)+k], c)
		}
	}
	return out
}

// parseTableTasks adds the tasks of table t, their refs under prefix
// ("III" → "III.1"; numbers restarting in each group → "III.2.1").
func (ps *parser) parseTableTasks(t *taskTable, prefix string) {
	t.used = true
	tasks := tableTasks(t)
	seen, repeats := map[string]bool{}, false
	for _, tt := range tasks {
		repeats = repeats || seen[tt.number]
		seen[tt.number] = true
	}
	for _, tt := range tasks {
		ps.at = tt.line
		ref := prefix + "." + tt.number
		if repeats && tt.group > 0 {
			ref = prefix + "." + itoa(tt.group) + "." + tt.number
		}
		ps.mark("task "+ref, tt.line)
		task := &ttdn.Task{Ref: ref, Title: strings.TrimRight(tidy(tt.cells[colContent]), " .:;"), Product: tidy(tt.cells[colProduct])}
		for _, role := range []colRole{colLead, colExecuting, colCoordinating} {
			if v := strings.TrimRight(tt.cells[role], " .;"); v != "" {
				ps.taskLine(task, lineKindOf[role], v)
			}
		}
		switch d := strings.TrimRight(tt.cells[colDeadline], " .;"); {
		case d != "":
			ps.taskLine(task, lineDeadline, d)
		case tt.year != "":
			ps.taskLine(task, lineDeadline, tt.year)
		}
		if task.Title == "" {
			task.Title = "(không ghi nội dung)"
			ps.warn("Nhiệm vụ %s trong bảng không ghi nội dung công việc.", ref)
		}
		if len(task.Lead)+len(task.Executing)+len(task.Coordinating) == 0 {
			ps.warn("Nhiệm vụ %s không ghi đơn vị thực hiện.", ref)
		}
		ps.plan.Tasks = append(ps.plan.Tasks, task)
	}
}

var lineKindOf = map[colRole]lineKind{colLead: lineLead, colExecuting: lineExecuting, colCoordinating: lineCoordinating}
