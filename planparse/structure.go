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

// splitSections groups body paragraphs into numbered sections: Roman
// (I, II, III…) where the text has them, else top-level Arabic ones ("1.
// MỤC ĐÍCH, YÊU CẦU", "2. NHIỆM VỤ") whose items are "2.1." or "a)".
// lostFirst reports a Roman text whose "I." heading was lost: its items
// before "II." make up section I.
func splitSections(body []string, lineOf map[string]int) (pre []string, secs []*section, lostFirst bool) {
	pre, secs, lostFirst = splitRoman(body, lineOf)
	if len(secs) == 0 {
		if p, s := splitArabic(body, lineOf); len(s) >= 2 {
			return p, s, false
		}
	}
	return pre, secs, lostFirst
}

// splitRoman groups paragraphs under Roman headings. Headings must come in
// order (I, II, III…), so a line that merely starts with a Roman-looking
// word is not taken for one; likewise items must count up from 1 within
// their section.
func splitRoman(body []string, lineOf map[string]int) (pre []string, secs []*section, lostFirst bool) {
	var cur *section
	for _, p := range body {
		if num, title, ok := romanHead(p); ok {
			v := romanValue(num)
			if v == len(secs)+1 || (len(secs) == 0 && v == 2 && hasItemOne(pre)) {
				if v == 2 && len(secs) == 0 {
					pre, cur = lostSection(pre, lineOf)
					secs, lostFirst = append(secs, cur), true
				}
				cur = &section{number: num, title: trimHeading(title), line: lineOf[p]}
				secs = append(secs, cur)
				continue
			}
		}
		if cur == nil {
			pre = append(pre, p)
			continue
		}
		cur.add(p, lineOf)
	}
	return pre, secs, lostFirst
}

// add puts paragraph p in the section: a new item if it is the next
// number, else under the last item (or the introduction).
func (s *section) add(p string, lineOf map[string]int) {
	if n, head, ok := itemMarker(p); ok && n == len(s.items)+1 {
		s.items = append(s.items, &item{number: n, head: head, line: lineOf[p]})
		return
	}
	if k := len(s.items); k > 0 {
		s.items[k-1].paras = append(s.items[k-1].paras, p)
	} else {
		s.intro = append(s.intro, p)
	}
}

// hasItemOne reports an item "1." among paragraphs.
func hasItemOne(paras []string) bool {
	for _, p := range paras {
		if n, _, ok := itemMarker(p); ok && n == 1 {
			return true
		}
	}
	return false
}

// lostSection makes section I of the items before "II." whose heading was
// lost, leaving the preamble before them.
func lostSection(pre []string, lineOf map[string]int) ([]string, *section) {
	first := 0
	for i, p := range pre {
		if n, _, ok := itemMarker(p); ok && n == 1 {
			first = i
			break
		}
	}
	s := &section{number: "I", line: lineOf[pre[first]]}
	for _, p := range pre[first:] {
		s.add(p, lineOf)
	}
	if len(s.items) > 0 {
		s.title = trimHeading(strings.ToUpper(s.items[0].head))
	}
	return pre[:first], s
}

// sectionWords open the titles of a plan's sections, folded.
var sectionWords = []string{"muc dich", "muc tieu", "yeu cau", "quan diem", "noi dung", "nhiem vu", "to chuc thuc hien", "kinh phi",
	"giai phap", "trach nhiem", "phan cong", "che do bao cao", "bao cao", "danh gia", "hoat dong", "cac hoat dong", "tinh hinh", "ket qua"}

// splitArabic groups paragraphs under Arabic-numbered section headings:
// "N. TITLE" in capitals, or whose title is a section's, counting up from 1.
// Within a section, items are "N.M." numbered, or else "a)", "b)"…
func splitArabic(body []string, lineOf map[string]int) (pre []string, secs []*section) {
	var cur *section
	var paras [][]string
	for _, p := range body {
		if n, head, ok := itemMarker(p); ok && n == len(secs)+1 && (isHeadingLine(head) || hasFoldedPrefix(head, sectionWords...)) {
			cur = &section{number: itoa(n), title: trimHeading(head), line: lineOf[p]}
			secs = append(secs, cur)
			paras = append(paras, nil)
			continue
		}
		if cur == nil {
			pre = append(pre, p)
			continue
		}
		paras[len(paras)-1] = append(paras[len(paras)-1], p)
	}
	for k, s := range secs {
		s.addSubItems(paras[k], k+1, lineOf)
	}
	return pre, secs
}

// addSubItems splits a section's paragraphs at "N.M." items, or at "a)"
// items when it has none.
func (s *section) addSubItems(paras []string, n int, lineOf map[string]int) {
	numbered := false
	for _, p := range paras {
		if m, _, ok := subMarker(p, n); ok && m == 1 {
			numbered = true
			break
		}
	}
	for _, p := range paras {
		var m int
		var head string
		var ok bool
		if numbered {
			m, head, ok = subMarker(p, n)
		} else {
			m, head, ok = letterItem(p)
		}
		if ok && m == len(s.items)+1 {
			s.items = append(s.items, &item{number: m, head: head, line: lineOf[p]})
			continue
		}
		if k := len(s.items); k > 0 {
			s.items[k-1].paras = append(s.items[k-1].paras, p)
		} else {
			s.intro = append(s.intro, p)
		}
	}
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
