package planparse

import (
	"strings"
	"unicode"

	"ttdn"
)

// signerTitles begin the signer's position lines, folded.
var signerTitles = []string{"kt.", "kt ", "tm.", "tm ", "q.", "chu tich", "pho chu tich", "giam doc", "pho giam doc",
	"truong ban", "pho truong ban", "bi thu", "pho bi thu", "chanh van phong"}

// titleGoesOn reports the rest of a signer's title cut by a web copy ("TM.
// ỦY BAN NHÂN" / "DÂN"): one upper-case word right after a title.
func titleGoesOn(titles []string, p string) bool {
	return len(titles) > 0 && isHeadingLine(p) && !strings.Contains(p, " ") && len(p) < 20
}

// isSignerTitle reports an upper-case position line: "KT. CHỦ TỊCH".
func isSignerTitle(p string) bool {
	return len(p) < 80 && isHeadingLine(p) && hasFoldedPrefix(p, signerTitles...)
}

// parseTail reads the signature part: the "Nơi nhận:" list, the signer's
// title lines and the signer, whose name is the last name-like line (a page
// number such as "65" is not one).
func (ps *parser) parseTail(tail []string) {
	var titles []string
	inList := false
	signed := false
	for _, p := range tail {
		ps.at = ps.lineAt(p)
		if hasFoldedPrefix(p, "phu luc") {
			break // an appendix follows the signature
		}
		switch {
		case strings.HasPrefix(p, "Nơi nhận"):
			inList = true
			if _, rest, _ := strings.Cut(p, ":"); strings.TrimSpace(rest) != "" {
				ps.recipient(rest)
			}
		case inList && isBullet(p):
			ps.recipient(p)
		case isSignerTitle(p):
			// A two-column signature block read row by row interleaves
			// the recipients with the signer's lines: the list goes on.
			titles = append(titles, p)
		case titleGoesOn(titles, p):
			titles[len(titles)-1] += " " + p
		default:
			if _, ok := personName(p); !ok || len(titles) == 0 {
				inList = false
			}
			if name, ok := personName(p); ok && !(signed && isHeadingLine(p)) {
				ps.plan.Signer = name
				signed = signed || len(titles) > 0
			}
		}
	}
	ps.plan.SignerTitle = strings.Join(titles, " / ")
}

// recipient adds one "Nơi nhận" line: text as written without the bullet and
// the closing ";", and the unit when it names one ("Lưu: VT" names none).
func (ps *parser) recipient(line string) {
	text := strings.TrimSpace(strings.TrimRight(stripBullet(strings.TrimSpace(line)), " ;,."))
	if text == "" {
		return
	}
	rc := ttdn.Recipient{Text: text}
	if !hasFoldedPrefix(text, "luu") {
		if refs := ps.resolver.ResolveList(withoutParens(text)); len(refs) > 0 && refs[0].Resolved() {
			rc.Unit = &refs[0]
		}
	}
	ps.plan.Distribution = append(ps.plan.Distribution, rc)
}

// withoutParens drops "(b/c)", "(để b/c)" and the like.
func withoutParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// personName reports a line that looks like a Vietnamese name: two to six
// capitalised words of letters only ("Nguyễn Thanh Ngọc"); an all-capitals
// name is given back capitalised.
func personName(p string) (string, bool) {
	words := strings.Fields(p)
	if len(words) < 2 || len(words) > 6 || len(p) > 60 {
		return "", false
	}
	allUpper := isHeadingLine(p)
	for i, w := range words {
		rs := []rune(w)
		for j, r := range rs {
			if !unicode.IsLetter(r) || (j == 0 && !unicode.IsUpper(r)) || (j > 0 && !allUpper && !unicode.IsLower(r)) {
				return "", false
			}
			if allUpper && j > 0 {
				rs[j] = unicode.ToLower(r)
			}
		}
		words[i] = string(rs)
	}
	return strings.Join(words, " "), true
}
