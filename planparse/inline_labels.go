package planparse

import "strings"

// Many plans write a task's units and deadline inside its paragraph instead
// of on lines of their own: "1. Tuyên truyền … đại chúng. Cơ quan chủ trì:
// Sở …; cơ quan phối hợp: Báo …. Thời gian thực hiện: hằng năm." Splitting
// such a paragraph at its labels gives the lines the task reader knows.

// labelBoundaries are what may precede a label inside a paragraph.
var labelBoundaries = []string{". ", "; ", ".) ", "), "}

// splitInlineLabels cuts p before each unit or deadline label that follows
// the end of a sentence or clause. It returns p alone when there is none.
func splitInlineLabels(p string) []string {
	var cuts []int
	for from := 0; from < len(p); {
		next, width := -1, 0
		for _, b := range labelBoundaries {
			if i := strings.Index(p[from:], b); i >= 0 && (next < 0 || from+i < next) {
				next, width = from+i, len(b)
			}
		}
		if next < 0 {
			break
		}
		start := next + width
		if _, _, ok := unitLine(p[start:]); ok {
			cuts = append(cuts, start)
		}
		from = start
	}
	if len(cuts) == 0 {
		return []string{p}
	}
	out := make([]string, 0, len(cuts)+1)
	prev := 0
	for _, c := range cuts {
		if piece := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(p[prev:c]), ";")); piece != "" {
			out = append(out, piece)
		}
		prev = c
	}
	return append(out, strings.TrimSpace(p[prev:]))
}

// splitSectionLabels applies splitInlineLabels to the items of s: a head
// keeps its own words, the labels become the item's first paragraphs.
func splitSectionLabels(s *section) {
	for _, it := range s.items {
		var paras []string
		if parts := splitInlineLabels(it.head); len(parts) > 1 {
			it.head, paras = parts[0], parts[1:]
		}
		for _, p := range it.paras {
			paras = append(paras, splitInlineLabels(p)...)
		}
		it.paras = paras
	}
}
