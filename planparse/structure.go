package planparse

import (
	"strings"

	"ttdn/vntext"
)

// section is a Roman-numbered part of the plan body with its numbered items.
type section struct {
	number string
	title  string
	line   int      // the heading's source line
	intro  []string // paragraphs before the first item
	items  []*item
}

// item is a numbered item ("3. Sở Thông tin và Truyền thông") and the
// paragraphs under it.
type item struct {
	number int
	line   int // the heading's source line
	head   string
	paras  []string
}

// all returns every paragraph of the section: intro, then each item's head
// and paragraphs.
func (s *section) all() []string {
	out := append([]string(nil), s.intro...)
	for _, it := range s.items {
		if it.head != "" {
			out = append(out, it.head)
		}
		out = append(out, it.paras...)
	}
	return out
}

// splitSections groups body paragraphs into Roman-numbered sections.
// Headings must come in order (I, II, III…), so a line that merely starts
// with a Roman-looking word is not taken for one; likewise items must count
// up from 1 within their section.
func splitSections(body []string, lineOf map[string]int) (pre []string, secs []*section) {
	var cur *section
	for _, p := range body {
		if num, title, ok := romanHead(p); ok && romanValue(num) == len(secs)+1 {
			cur = &section{number: num, title: trimHeading(title), line: lineOf[p]}
			secs = append(secs, cur)
			continue
		}
		if cur == nil {
			pre = append(pre, p)
			continue
		}
		if n, head, ok := itemMarker(p); ok && n == len(cur.items)+1 {
			cur.items = append(cur.items, &item{number: n, head: head, line: lineOf[p]})
			continue
		}
		if k := len(cur.items); k > 0 {
			cur.items[k-1].paras = append(cur.items[k-1].paras, p)
		} else {
			cur.intro = append(cur.intro, p)
		}
	}
	return pre, secs
}

var romanDigits = map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50}

// romanValue returns the value of a Roman numeral, or 0 if it is not one
// in canonical form.
func romanValue(s string) int {
	total := 0
	for i := 0; i < len(s); i++ {
		v := romanDigits[s[i]]
		if i+1 < len(s) && v < romanDigits[s[i+1]] {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || toRoman(total) != s {
		return 0
	}
	return total
}

func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// trimHeading drops the punctuation headings end with.
func trimHeading(s string) string {
	return strings.TrimSpace(strings.TrimRight(s, " .:;"))
}

// folded is shorthand for vntext.Fold.
func folded(s string) string { return vntext.Fold(s) }

// hasFoldedPrefix reports whether s, folded, starts with one of prefixes.
func hasFoldedPrefix(s string, prefixes ...string) bool {
	f := folded(s)
	for _, p := range prefixes {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// tidy fixes spacing before punctuation (" ." → ".") that extraction leaves.
func tidy(s string) string {
	for _, p := range []string{" .", " ,", " ;", " :"} {
		if strings.Contains(s, p) && !strings.Contains(s, p+".") {
			s = strings.ReplaceAll(s, p, p[1:])
		}
	}
	return strings.TrimSpace(s)
}
