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
		if ref, n, ok := ps.resolver.ResolvePrefix(after[:min(len(after), 160)]); ok && !ref.Group {
			c.doc.Issuer = ref.Name
			s = after[n:]
		} else {
			c.doc.Issuer = issuerPhrase(after)
			s = after[len(c.doc.Issuer):]
		}
	} else {
		sym := c.doc.Number[strings.LastIndexAny(c.doc.Number, "/-")+1:]
		c.doc.Issuer = symbolIssuers[sym]
	}
	c.doc.Title = titlePhrase(s)
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
