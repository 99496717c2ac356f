package planparse

import (
	"strings"

	"ttdn"
)

// Labels of the lines under a task, folded.
var (
	leadLabels     = []string{"don vi chu tri", "co quan chu tri", "chu tri", "don vi chu tri thuc hien", "co quan chu tri thuc hien"}
	execLabels     = []string{"don vi thuc hien", "co quan thuc hien", "thuc hien", "don vi trien khai"}
	coordLabels    = []string{"don vi phoi hop", "co quan phoi hop", "phoi hop", "don vi phoi hop thuc hien"}
	deadlineLabels = []string{"thoi han", "thoi gian thuc hien", "thoi gian", "thoi gian hoan thanh", "thoi han hoan thanh", "thoi han thuc hien", "tien do", "tien do thuc hien"}
)

// lineKind says what a labelled line under a task holds.
type lineKind int

const (
	lineLead lineKind = iota + 1
	lineExecuting
	lineCoordinating
	lineDeadline
)

// unitLine reads "- Đơn vị thực hiện: Sở Thông tin và Truyền thông." into
// its kind and value.
func unitLine(p string) (lineKind, string, bool) {
	p = stripBullet(p)
	colon := strings.IndexByte(p, ':')
	if colon <= 0 || colon > 60 {
		return 0, "", false
	}
	label := folded(p[:colon])
	value := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(p[colon+1:]), ".;"))
	for _, g := range lineLabels {
		for _, l := range g.labels {
			if label == l {
				return g.kind, value, true
			}
		}
	}
	return 0, "", false
}

var lineLabels = []struct {
	kind   lineKind
	labels []string
}{{lineLead, leadLabels}, {lineExecuting, execLabels}, {lineCoordinating, coordLabels}, {lineDeadline, deadlineLabels}}

// parseTasks turns each item of a tasks section into a task "III.5".
func (ps *parser) parseTasks(s *section) {
	for _, p := range s.intro {
		if t, ok := tableAt(p, ps.tables); ok {
			ps.parseTableTasks(t, s.number)
		}
	}
	for _, it := range s.items {
		if ps.itemTables(s, it) {
			continue
		}
		ps.at = it.line
		head, inline := cutInlineUnits(it.head)
		t := &ttdn.Task{Ref: s.number + "." + itoa(it.number), Title: strings.TrimRight(tidy(head), " .:")}
		ps.mark("task "+t.Ref, it.line)
		for _, l := range inline {
			ps.taskLine(t, l.kind, l.value)
		}
		var body []string
		for _, p := range it.paras {
			kind, value, ok := unitLine(p)
			if !ok {
				body = append(body, tidy(stripBullet(p)))
				continue
			}
			ps.taskLine(t, kind, value)
		}
		if t.Title == "" && len(body) > 0 {
			t.Title, body = body[0], body[1:]
		}
		t.Body = strings.Join(body, "\n\n")
		if t.Title == "" {
			t.Title = "(không ghi nội dung)"
			ps.warn("Nhiệm vụ %s không ghi nội dung công việc.", t.Ref)
		}
		if len(t.Lead)+len(t.Executing)+len(t.Coordinating) == 0 {
			ps.warn("Nhiệm vụ %s không ghi đơn vị thực hiện.", t.Ref)
		}
		ps.plan.Tasks = append(ps.plan.Tasks, t)
	}
}

// itemTables reads the tables under an item, which then heads a group of
// tasks ("1. Công tác tuyên truyền" over a table): their refs are "III.1.2".
func (ps *parser) itemTables(s *section, it *item) bool {
	found := false
	for _, p := range it.paras {
		if t, ok := tableAt(p, ps.tables); ok {
			ps.parseTableTasks(t, s.number+"."+itoa(it.number))
			found = true
		}
	}
	return found
}

func (ps *parser) taskLine(t *ttdn.Task, kind lineKind, value string) {
	if kind == lineDeadline {
		t.DeadlineText = value
		d, ok, bad := parseDeadline(value)
		t.Deadline = d
		at := ps.locate(value)
		if bad {
			ps.warnAt(at, "Nhiệm vụ %s: thời hạn “%s” không phải ngày có thật (giữ nguyên văn bản, không có ngày).", t.Ref, value)
		} else if !ok {
			ps.warnAt(at, "Nhiệm vụ %s: không đọc được thời hạn “%s” (giữ nguyên văn bản, không có ngày).", t.Ref, value)
		}
		return
	}
	refs := ps.resolver.ResolveList(value)
	ps.unitWarnings("Nhiệm vụ "+t.Ref, refs)
	switch kind {
	case lineLead:
		t.Lead = append(t.Lead, refs...)
	case lineExecuting:
		t.Executing = append(t.Executing, refs...)
	case lineCoordinating:
		t.Coordinating = append(t.Coordinating, refs...)
	}
}

// labelled is one "label: value" of a task.
type labelled struct {
	kind  lineKind
	value string
}

// cutInlineUnits splits the units and deadline a task gives in brackets at
// its end — "Giới thiệu … (Cơ quan chủ trì: Sở A; cơ quan phối hợp: Sở B;
// thời gian: Quý III/2020)." — from its title.
func cutInlineUnits(head string) (string, []labelled) {
	h := strings.TrimRight(head, " .;")
	if !strings.HasSuffix(h, ")") {
		return head, nil
	}
	open := strings.LastIndex(h, "(")
	if open < 0 {
		return head, nil
	}
	var out []labelled
	for _, part := range strings.Split(h[open+1:len(h)-1], ";") {
		kind, value, ok := unitLine(strings.TrimSpace(part))
		if !ok {
			return head, nil // brackets that are not all labels belong to the title
		}
		out = append(out, labelled{kind, value})
	}
	return strings.TrimSpace(h[:open]), out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
