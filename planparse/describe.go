package planparse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// describe reads what follows a cited number in rest (which ends where the
// next citation begins): its date ("ngày 28/02/2013"), issuer ("của Thủ
// tướng Chính phủ") and title (the summary up to the end of the clause).
func (ps *parser) describe(c *citation, rest string) {
	s := rest[c.end:]
	if d, n, ok := dateAt(s); ok {
		if d.IsZero() {
			ps.warn("Văn bản %s ghi ngày không hợp lệ: “%s”.", c.doc.Number, strings.TrimSpace(s[:n]))
		}
		c.doc.Date = d
		s = s[n:]
	}
	if after, ok := cutWordPrefix(strings.TrimLeft(s, " ,"), "của"); ok {
		// An issuer's name is short: resolve within a window.
		// A match followed by a place name matched only the start of a
		// longer name: "Tỉnh ủy Lào Cai" is not this province's "Tỉnh ủy".
		if ref, n, ok := ps.resolver.ResolvePrefix(after[:min(len(after), 160)]); ok && !ref.Group && !startsPlaceName(after[n:]) {
			c.doc.Issuer = ref.Name
			s = after[n:]
		} else {
			phrase := issuerPhrase(after)
			c.doc.Issuer = expandBody(phrase)
			s = after[len(phrase):]
		}
	} else {
		sym := c.doc.Number[strings.LastIndexAny(c.doc.Number, "/-")+1:]
		c.doc.Issuer = symbolIssuers[sym]
	}
	c.doc.Title = titlePhrase(s)
}

// bodyAbbreviations are the abbreviations of bodies an issuer is written
// with; the issuer is stored in full, as the directory names units.
var bodyAbbreviations = [][2]string{{"UBND ", "Ủy ban nhân dân "}, {"HĐND ", "Hội đồng nhân dân "}, {"BTV ", "Ban Thường vụ "}}

// expandBody writes an issuer's leading abbreviation in full.
func expandBody(s string) string {
	for _, a := range bodyAbbreviations {
		if rest, ok := strings.CutPrefix(s, a[0]); ok {
			return a[1] + rest
		}
	}
	return s
}

// startsPlaceName reports whether s begins with two capitalised words, as
// the names of provinces do ("Lào Cai", "Hà Giang"); "Phê duyệt …" after
// "Thủ tướng Chính phủ" is a title, not a place.
func startsPlaceName(s string) bool {
	words := strings.Fields(s[:min(len(s), 40)])
	if len(words) < 2 {
		return false
	}
	for _, w := range words[:2] {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// cutWordPrefix cuts word (and the space after it) from s.
func cutWordPrefix(s, word string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, word+" "); ok {
		return strings.TrimLeft(rest, " "), true
	}
	return s, false
}

// issuerEnds are where an issuer the directory does not know ends.
var issuerEnds = []string{" về ", " phê duyệt", " hướng dẫn", " ban hành", " triển khai", " quy định", " thực hiện", ",", ";", "(", ")", "."}

func issuerPhrase(s string) string {
	end := len(s)
	for _, e := range issuerEnds {
		if i := strings.Index(s, e); i >= 0 && i < end {
			end = i
		}
	}
	return strings.TrimSpace(s[:end])
}

// clauseEnds close a citation's title: the end of the clause or sentence,
// a parenthesis, or a comma opening a new clause.
var clauseEnds = []string{";", "(", ")", ". ", ", định kỳ", ", đồng thời", ", trong đó", ", nhằm", ", góp phần", ", qua đó", ", để "}

// titlePhrase trims s to a document title: "về quản lý hoạt động thông tin
// đối ngoại; Thông tư…" → "Quản lý hoạt động thông tin đối ngoại".
func titlePhrase(s string) string {
	end := len(s)
	for _, e := range clauseEnds {
		if i := strings.Index(s, e); i >= 0 && i < end {
			end = i
		}
	}
	t := strings.TrimSpace(s[:end])
	for {
		before := t
		t = strings.TrimSpace(strings.TrimRight(t, ",.:;-–"))
		t = strings.TrimSuffix(t, " và")
		t = strings.TrimSuffix(t, " của")
		for _, p := range []string{"về việc ", "V/v ", "v/v ", "về "} {
			t = strings.TrimPrefix(t, p)
		}
		if t == before {
			break
		}
	}
	return upperFirst(t)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
