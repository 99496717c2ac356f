package planparse

import (
	"strings"

	"ttdn"
)

// enactVerbs end the clause that closes a preamble: ", Ủy ban nhân dân
// tỉnh xây dựng Kế hoạch … như sau:". Its subject is the plan's issuer.
var enactVerbs = []string{" xây dựng Kế hoạch", " xây dựng kế hoạch", " ban hành Kế hoạch", " ban hành kế hoạch",
	" ban hành Chương trình", " ban hành chương trình", " xây dựng Chương trình", " xây dựng chương trình"}

// parsePreamble reads the legal bases ("Thực hiện …", "Căn cứ …") before
// section I, and the issuer when the header did not give one.
func (ps *parser) parsePreamble(pre []string) {
	for _, p := range pre {
		ps.at = ps.lineAt(p)
		if cut, issuer := ps.enactment(p); cut >= 0 {
			// The enacting clause fills the issuer, or completes a header
			// whose province line was lost ("Ủy ban nhân dân" → "… tỉnh Hà Tĩnh").
			if ps.plan.Issuer == "" || len(issuer) > len(ps.plan.Issuer) && strings.HasPrefix(folded(issuer), folded(ps.plan.Issuer)+" ") {
				ps.plan.Issuer = issuer
			}
			p = p[:cut]
		}
		docs := ps.cite(p)
		// "Theo đề nghị của Sở … tại Tờ trình số …" is the proposal, not a
		// basis: its documents are references only.
		if !hasFoldedPrefix(p, "theo de nghi", "xet de nghi") {
			ps.plan.LegalBases = append(ps.plan.LegalBases, docs...)
		}
	}
}

// enactment finds the enacting clause in p, whose subject must be a unit
// (a cited guidance may itself be "hướng dẫn xây dựng kế hoạch"). It returns
// where the clause begins and the unit's name, or -1.
func (ps *parser) enactment(p string) (int, string) {
	for _, v := range enactVerbs {
		for from := 0; from < len(p); {
			i := strings.Index(p[from:], v)
			if i < 0 {
				break
			}
			verb := from + i
			from = verb + len(v)
			start := strings.LastIndexAny(p[:verb], ",;.") + 1
			subject := strings.TrimSpace(p[start:verb])
			if ref, ok := ps.resolver.Resolve(subject); ok && !ref.Group {
				return max(start-1, 0), ref.Name
			}
			// A body the directory does not know (another province's
			// "UBND tỉnh Lào Cai") is still the subject when it reads as one.
			if looksLikeBody(subject) {
				return max(start-1, 0), ps.issuerName(expandBody(subject))
			}
		}
	}
	return -1, ""
}

// dropShortNames removes the notes that give a cited document a short name
// ("(sau đây viết tắt là Chỉ thị số 09/CT-TTg)"): they cite nothing new.
func dropShortNames(p string) string {
	for {
		f := folded(p)
		i := strings.Index(f, "(sau day ")
		if i < 0 {
			return p
		}
		// folded keeps the byte offsets of the ASCII "(" and ")" only
		// where the text before is ASCII: find them in p itself.
		open := byteIndexOfNth(p, '(', strings.Count(f[:i], "(")+1)
		end := strings.IndexByte(p[open:], ')')
		if open < 0 || end < 0 {
			return p
		}
		p = strings.TrimRight(p[:open], " ") + p[open+end+1:]
	}
}

// byteIndexOfNth returns the byte offset of the nth c in s (-1 if none).
func byteIndexOfNth(s string, c byte, n int) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}

// looksLikeBody reports whether s is a short name that begins with the
// word of an issuing body ("Ủy ban nhân dân tỉnh …", "Sở …", "Tỉnh ủy …").
func looksLikeBody(s string) bool {
	if n := len(strings.Fields(s)); n == 0 || n > 10 {
		return false
	}
	f := folded(s)
	for _, w := range issuerWords {
		if strings.HasPrefix(f, w) {
			return true
		}
	}
	return false
}

// cite records the documents p cites in the plan's references (once per
// number; a later citation fills what an earlier one lacked) and returns them.
func (ps *parser) cite(p string) []ttdn.Document {
	p = dropShortNames(p)
	var docs []ttdn.Document
	for _, c := range ps.citations(p) {
		docs = append(docs, c.doc)
		key := folded(strings.ReplaceAll(c.doc.Number, " ", ""))
		i, seen := ps.refIndex[key]
		if !seen {
			ps.refIndex[key] = len(ps.plan.References)
			ps.plan.References = append(ps.plan.References, c.doc)
			continue
		}
		r := &ps.plan.References[i]
		if r.Date.IsZero() {
			r.Date = c.doc.Date
		}
		if r.Issuer == "" {
			r.Issuer = c.doc.Issuer
		}
		if r.Title == "" {
			r.Title = c.doc.Title
		}
	}
	return docs
}
