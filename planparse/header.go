package planparse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"ttdn"
	"ttdn/directory"
)

var (
	numberLineRe = regexp.MustCompile(`^(?i:số)\s*[:.]?\s*(\S+/\S+)`)
	placeDateRe  = regexp.MustCompile(`^([\p{L} .'-]{2,40}?),\s*(?i:ngày)\s+\S+\s+(?i:tháng)\s+\S+\s+(?i:năm)\s+\d{4}`)
	yearInRe     = regexp.MustCompile(`(?i:năm)\s+(\d{4})`)
	nationalRe   = regexp.MustCompile(`(?i)cộng hòa xã hội|cộng hoà xã hội|độc lập\s*[-–]\s*tự do`)
)

// issuerWords mark an upper-case header line that names an issuing body.
var issuerWords = []string{"uy ban nhan dan", "ubnd", "so ", "ban chi dao", "tinh uy", "hoi dong nhan dan", "van phong", "ban tuyen giao", "bo "}

// header is what a header block gives: issuing body (upper-case lines as
// written), "Số: 79/KH-UBND", "Tây Ninh, ngày 15 tháng 01 năm 2020".
type header struct {
	issuer, number, place string
	date                  ttdn.Date
	line                  int // where the header is, for warnings
}

// readHeader reads a header block. Lines it does not know (menus,
// breadcrumbs, Quốc hiệu, even broken over lines) are skipped.
func (ps *parser) readHeader(head []string) header {
	var h header
	var issuer []string
	inIssuer := false
	fragment := "" // a place name cut before its last word ("Bà Rịa - Vũng" / "Tàu, ngày …")
	for _, p := range head {
		ps.at = ps.lineAt(p)
		if h.line == 0 {
			h.line = ps.at
		}
		for _, cell := range strings.Split(p, " | ") {
			switch {
			case nationalRe.MatchString(cell) || nationalFragment(cell):
				// Quốc hiệu often sits between "ỦY BAN NHÂN DÂN" and
				// "TỈNH TÂY NINH" once a two-column header is flattened.
			case h.number == "" && numberLineRe.MatchString(cell):
				h.number = strings.TrimRight(numberLineRe.FindStringSubmatch(cell)[1], ".,;")
				inIssuer = false
			case placeDateRe.MatchString(cell):
				h.place, h.date = ps.placeDate(cell)
				if fragment != "" {
					h.place = fragment + " " + h.place
				}
				inIssuer = false
			case isHeadingLine(cell) && (inIssuer || containsFolded(cell, issuerWords)):
				if !inIssuer {
					issuer = issuer[:0]
				}
				issuer = append(issuer, cell)
				inIssuer = true
			default:
				inIssuer = false
				if placeFragment(cell) {
					fragment = cell
					continue
				}
			}
			fragment = ""
		}
	}
	h.issuer = strings.Join(issuer, " ")
	return h
}

// placeFragment reports a short run of capitalised words with no digits
// and no closing punctuation: the start of a place name wrapped before the
// rest of the place-and-date line.
func placeFragment(cell string) bool {
	words := strings.Fields(cell)
	if len(words) == 0 || len(words) > 4 || isHeadingLine(cell) {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if w != "-" && w != "–" && !unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789.,:;|>") {
			return false
		}
	}
	return true
}

// parseHeader reads the plan's own header block.
func (ps *parser) parseHeader(head []string) {
	h := ps.readHeader(head)
	ps.plan.Number, ps.plan.Place, ps.plan.IssuedOn = h.number, h.place, h.date
	ps.issuerText = h.issuer
}

// national is the Quốc hiệu and Tiêu ngữ folded without spaces: web copies
// break them over lines ("CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
const national = "conghoaxahoichunghiavietnamdoclaptudohanhphuc"

// nationalFragment reports an upper-case piece of the Quốc hiệu or Tiêu ngữ.
func nationalFragment(cell string) bool {
	var b strings.Builder
	for _, r := range folded(cell) {
		if 'a' <= r && r <= 'z' {
			b.WriteRune(r)
		}
	}
	f := b.String()
	i := strings.Index(national, f)
	return len(f) >= 4 && i >= 0 && (isHeadingLine(cell) || i >= strings.Index(national, "doclap"))
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

func (ps *parser) placeDate(cell string) (string, ttdn.Date) {
	m := placeDateRe.FindStringSubmatch(cell)
	d, found := findDate(cell)
	if found && d.IsZero() {
		ps.warn("Ngày ban hành %q không hợp lệ.", cell)
	}
	return strings.TrimSpace(m[1]), d
}

// issuerName gives the canonical name of an upper-case issuer line
// ("ỦY BAN NHÂN DÂN TỈNH TÂY NINH"), or the line in sentence case.
func (ps *parser) issuerName(s string) string {
	if ref, ok := ps.resolver.Resolve(s); ok {
		return ref.Name
	}
	words := strings.Fields(strings.ToLower(s))
	place := false
	for i, w := range words {
		if i == 0 || place {
			r := []rune(w)
			r[0] = unicode.ToUpper(r[0])
			words[i] = string(r)
		}
		// The words after "tỉnh", "thành phố"… name the place.
		place = place || w == "tỉnh" || w == "phố" && i > 0 && words[i-1] == "thành" || w == "huyện" || w == "quận"
	}
	return strings.Join(words, " ")
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
