package planparse

import (
	"strings"

	"ttdn"
)

// sectionRole is what a section of the plan is for, found by content.
type sectionRole int

const (
	roleOther   sectionRole = iota
	roleAims                // I. Mục đích, yêu cầu
	roleContent             // II. Nội dung
	roleTasks               // III. items with unit lines
	roleBudget              // IV. Kinh phí
	roleDuties              // V. Tổ chức thực hiện
)

// parseSections records the sections and hands each to the reader of its
// role. Roles come from content, not numbers: the tasks section is the one
// whose items carry unit lines, the duties section the one titled "tổ chức
// thực hiện" (or whose item headings are units).
func (ps *parser) parseSections(secs []*section) {
	for _, s := range secs {
		splitSectionLabels(s)
		ps.plan.Sections = append(ps.plan.Sections, ttdn.Section{Number: s.number, Title: s.title})
		ps.at = s.line
		for _, p := range s.all() {
			ps.at = ps.lineAt(p)
			ps.cite(p)
		}
	}
	for i, s := range secs {
		ps.at = s.line
		ps.mark("section "+s.number, s.line)
		switch ps.role(s) {
		case roleAims:
			ps.parseAims(s)
		case roleContent:
			ps.plan.ContentDirections = append(ps.plan.ContentDirections, contentParas(s)...)
		case roleTasks:
			ps.parseTasks(s)
		case roleBudget:
			ps.plan.Budget = strings.Join(cleanParas(s.all()), "\n")
		case roleDuties:
			ps.parseDuties(s, i == len(secs)-1)
		}
	}
}

func (ps *parser) role(s *section) sectionRole {
	t := folded(s.title)
	switch {
	case ps.hasTable(s):
		return roleTasks
	case strings.Contains(t, "to chuc thuc hien"):
		return roleDuties
	case hasUnitLines(s):
		return roleTasks
	case strings.Contains(t, "muc dich") || strings.Contains(t, "muc tieu") || strings.Contains(t, "yeu cau") || (len(s.items) > 0 && hasFoldedPrefix(s.items[0].head, "muc dich", "muc tieu")):
		return roleAims
	case strings.Contains(t, "kinh phi"):
		return roleBudget
	case strings.Contains(t, "noi dung") || strings.Contains(t, "nhiem vu"):
		return roleContent
	case ps.headsAreUnits(s):
		return roleDuties
	}
	return roleOther
}

// hasTable reports a task table in the section.
func (ps *parser) hasTable(s *section) bool {
	for _, p := range s.all() {
		if _, ok := tableAt(p, ps.tables); ok {
			return true
		}
	}
	return false
}

func hasUnitLines(s *section) bool {
	for _, it := range s.items {
		for _, p := range it.paras {
			if _, _, ok := unitLine(p); ok {
				return true
			}
		}
	}
	return false
}

// headsAreUnits reports whether most item headings name known units.
func (ps *parser) headsAreUnits(s *section) bool {
	n := 0
	for _, it := range s.items {
		if refs := ps.resolver.ResolveList(dutyHolder(it.head)); len(refs) > 0 && refs[0].Resolved() {
			n++
		}
	}
	return len(s.items) > 0 && 2*n > len(s.items)
}

// parseAims reads "1. Mục đích" into objectives and "2. Yêu cầu" into
// requirements. Without such items everything counts as objectives.
func (ps *parser) parseAims(s *section) {
	p := ps.plan
	p.Objectives = append(p.Objectives, cleanParas(s.intro)...)
	for _, it := range s.items {
		head, paras := it.head, cleanParas(it.paras)
		switch {
		case hasFoldedPrefix(head, "yeu cau"):
			p.Requirements = append(p.Requirements, inlineRest(head, paras)...)
		case hasFoldedPrefix(head, "muc dich", "muc tieu"):
			p.Objectives = append(p.Objectives, inlineRest(head, paras)...)
		default:
			p.Objectives = append(p.Objectives, append([]string{tidy(head)}, paras...)...)
		}
	}
}

// inlineRest keeps text written on the heading line itself ("1. Mục đích:
// Tăng cường …") as the first paragraph.
func inlineRest(head string, paras []string) []string {
	if _, rest, ok := strings.Cut(head, ":"); ok && strings.TrimSpace(rest) != "" {
		return append([]string{tidy(rest)}, paras...)
	}
	return paras
}

func contentParas(s *section) []string {
	out := cleanParas(s.intro)
	for _, it := range s.items {
		out = append(out, tidy(it.head))
		out = append(out, cleanParas(it.paras)...)
	}
	return out
}

// cleanParas strips bullets and tidies spacing.
func cleanParas(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if p = tidy(stripBullet(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}
