package planparse

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"ttdn"
	"ttdn/directory"
)

// findTitle returns the index of the "KẾ HOẠCH" line, or -1. Everything
// before it is the header block and whatever a web page put around it.
func findTitle(paras []string) int {
	for i, p := range paras {
		if rest, ok := strings.CutPrefix(p, "KẾ HOẠCH"); ok && (rest == "" || rest[0] == ' ' || rest[0] == ':') {
			return i
		}
	}
	return -1
}

var (
	numberLineRe = regexp.MustCompile(`^(?i:số)\s*[:.]?\s*(\S+/\S+)`)
	placeDateRe  = regexp.MustCompile(`^([\p{L} .'-]{2,40}?),\s*(?i:ngày)\s+\S+\s+(?i:tháng)\s+\S+\s+(?i:năm)\s+\d{4}`)
	yearInRe     = regexp.MustCompile(`(?i:năm)\s+(\d{4})`)
	nationalRe   = regexp.MustCompile(`(?i)cộng hòa xã hội|cộng hoà xã hội|độc lập\s*[-–]\s*tự do`)
)

// issuerWords mark an upper-case header line that names an issuing body.
var issuerWords = []string{"uy ban nhan dan", "ubnd", "so ", "ban chi dao", "tinh uy", "hoi dong nhan dan", "van phong", "ban tuyen giao", "bo "}

// parseHeader reads the header block: issuing body, "Số: 79/KH-UBND",
// "Tây Ninh, ngày 15 tháng 01 năm 2020". Lines it does not know (menus,
// breadcrumbs, Quốc hiệu) are skipped.
func (ps *parser) parseHeader(head []string) {
	var issuer []string
	inIssuer := false
	for _, p := range head {
		ps.at = ps.lineAt(p)
		for _, cell := range strings.Split(p, " | ") {
			switch {
			case nationalRe.MatchString(cell):
				// Quốc hiệu often sits between "ỦY BAN NHÂN DÂN" and
				// "TỈNH TÂY NINH" once a two-column header is flattened.
			case ps.plan.Number == "" && numberLineRe.MatchString(cell):
				ps.plan.Number = strings.TrimRight(numberLineRe.FindStringSubmatch(cell)[1], ".,;")
				inIssuer = false
			case placeDateRe.MatchString(cell):
				ps.placeDate(cell)
				inIssuer = false
			case isHeadingLine(cell) && (inIssuer || containsFolded(cell, issuerWords)):
				if !inIssuer {
					issuer = issuer[:0]
				}
				issuer = append(issuer, cell)
				inIssuer = true
			default:
				inIssuer = false
			}
		}
	}
	ps.issuerText = strings.Join(issuer, " ")
}

// containsFolded reports whether s, folded, contains one of words.
func containsFolded(s string, words []string) bool {
	f := folded(s)
	for _, w := range words {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func (ps *parser) placeDate(cell string) {
	m := placeDateRe.FindStringSubmatch(cell)
	ps.plan.Place = strings.TrimSpace(m[1])
	d, found := findDate(cell)
	if found && d.IsZero() {
		ps.warn("Ngày ban hành %q không hợp lệ.", cell)
	}
	ps.plan.IssuedOn = d
}

// issuerName gives the canonical name of an upper-case issuer line
// ("ỦY BAN NHÂN DÂN TỈNH TÂY NINH"), or the line in sentence case.
func (ps *parser) issuerName(s string) string {
	if ref, ok := ps.resolver.Resolve(s); ok {
		return ref.Name
	}
	r := []rune(strings.ToLower(s))
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// parseTitle reads the summary after "KẾ HOẠCH" (on the same line or the
// next short lines) and the plan's year from it.
func (ps *parser) parseTitle(paras []string, at int) (next int) {
	ps.plan.Kind = "Kế hoạch"
	ps.titleLine = ps.lineAt(paras[at])
	title := strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(paras[at], "KẾ HOẠCH"), ": "))
	next = at + 1
	for title == "" && next < len(paras) && isSeparator(paras[next]) {
		next++
	}
	if title == "" && next < len(paras) && isTitleLine(paras[next]) {
		title = paras[next]
		next++
	}
	for next < len(paras) && isSeparator(paras[next]) {
		next++
	}
	ps.plan.Title = strings.TrimRight(title, " .")
	if m := yearInRe.FindAllStringSubmatch(title, -1); m != nil {
		ps.plan.Year, _ = strconv.Atoi(m[len(m)-1][1])
	}
	return next
}

// isTitleLine reports a plausible summary line: short, and not the start of
// the preamble or of a section.
func isTitleLine(p string) bool {
	_, _, roman := romanHead(p)
	return len(p) < 400 && !roman && !startsPreamble(p) && !hasFoldedPrefix(p, "trien khai ", "theo ")
}

// resolverFor returns the resolver as of the plan's date, so names that
// changed meaning in 2025 resolve to the unit of the plan's time.
func resolverFor(r *directory.Resolver, p *ttdn.Plan) *directory.Resolver {
	switch {
	case !p.IssuedOn.IsZero():
		return r.On(p.IssuedOn)
	case p.Year != 0:
		return r.On(ttdn.Date{Year: p.Year, Month: 1, Day: 1})
	}
	return r
}
