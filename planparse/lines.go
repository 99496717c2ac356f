package planparse

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// paragraphs splits text into cleaned paragraphs, each with the number
// (from 1) of the source line it starts on. Lines are trimmed, white space
// is collapsed, table remnants ("| a | b |") are split into cells, and a
// line that clearly continues the sentence before it — hard-wrapped text,
// even across a blank line ("giữa Trung ương với\n\ntinh;") — is joined to it.
func paragraphs(text string) (paras []string, starts []int) {
	var (
		cur     []string // lines of the paragraph being built
		curLine int      // where it starts
		heading bool     // every line of cur is in capitals
		blank   = true   // a blank line (or the start) precedes the line
	)
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			starts = append(starts, curLine)
			cur = cur[:0]
		}
	}
	lines := strings.Split(text, "\n")
	full := fullWidth(lines)
	for ln, raw := range lines {
		cells := tableCells(cleanLine(raw))
		if len(cells) == 0 || (len(cells) == 1 && cells[0] == "") {
			blank = true
			continue
		}
		for _, line := range cells {
			if line == "" || isPageNumber(line) {
				continue
			}
			lineHeading := isHeadingLine(line)
			if n := len(cur); n > 0 && (!heading && (continues(cur[n-1], line) || (!blank && wrapped(cur[n-1], line, lineHeading, full))) ||
				heading && lineHeading && (headingGoesOn(cur[n-1], line) || sectionTitleGoesOn(cur, line))) {
				cur = append(cur, line)
			} else {
				flush()
				cur, heading, curLine = append(cur, line), lineHeading, ln+1
			}
			blank = false
		}
	}
	flush()
	return paras, starts
}

// isPageNumber reports the page numbers PDF and Word extraction leave on
// lines of their own: "2", "- 2 -", "Trang 2/5".
func isPageNumber(s string) bool {
	if len(s) > 16 {
		return false
	}
	s = strings.TrimPrefix(s, "Trang ")
	s = strings.Trim(s, "- ")
	digits, slash := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '/' && !slash && digits > 0:
			slash = true
		case c == ' ' && slash:
		default:
			return false
		}
	}
	return digits > 0 && digits <= 6
}

// wrapped reports, for two lines with no blank line between, whether prev
// was cut by a fixed line width (pdftotext): it is about as long as the
// text's full lines, ends without punctuation, and next is no heading,
// item or legal basis.
func wrapped(prev, next string, nextHeading bool, full int) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	n := utf8.RuneCountInString(prev)
	return n >= 50 && 10*n >= 9*full && !strings.ContainsRune(".:;!?)", last) &&
		!nextHeading && !structural(next) && !startsPreamble(next)
}

// fullWidth estimates the length of a full line of hard-wrapped text: the
// 80th percentile of the lengths of its longer lines. In text whose lines
// are paragraphs it is long, and lines are seldom taken as wrapped.
func fullWidth(lines []string) int {
	var ns []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimSpace(l)); n >= 30 && !strings.Contains(l, "|") {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return 0
	}
	slices.Sort(ns)
	return ns[len(ns)*8/10]
}

// startsPreamble reports the opening words of a legal basis.
func startsPreamble(p string) bool {
	return hasFoldedPrefix(p, "thuc hien ", "can cu ", "thi hanh ")
}

// cleanLine trims a line and collapses its white space, including the
// no-break and zero-width spaces word processors leave.
func cleanLine(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u00ad' || (unicode.IsControl(r)) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports a line cleanLine would leave as it is.
func isClean(s string) bool {
	prevSpace := true
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		if r < 0x20 || r > 0x7e && oddSpace(r) {
			return false
		}
	}
	return !prevSpace || s == ""
}

// oddSpace reports the non-ASCII spaces, controls and invisible characters
// cleanLine removes.
func oddSpace(r rune) bool {
	switch {
	case r < 0xa1: // DEL, C1 controls, no-break space
		return true
	case r < 0x1680:
		return r == 0xad
	case r <= 0x3000:
		return unicode.IsSpace(r) || r == '\u200b'
	}
	return r == '\ufeff' || unicode.IsControl(r)
}

var tableRule = regexp.MustCompile(`^[|+:\-= ]+$`)

// tableCells splits a table remnant into its cells. A label cell ending in
// ":" is kept with its value ("Đơn vị thực hiện: | Sở TTTT").
func tableCells(line string) []string {
	if !strings.Contains(line, "|") {
		return []string{line}
	}
	if tableRule.MatchString(line) {
		return nil
	}
	var cells []string
	for _, c := range strings.Split(line, "|") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if n := len(cells); n > 0 && strings.HasSuffix(cells[n-1], ":") && !strings.HasPrefix(cells[n-1], "Nơi nhận") && !isSignerTitle(c) {
			cells[n-1] += " " + c
			continue
		}
		cells = append(cells, c)
	}
	return cells
}

// danglingWords cannot end a heading or a sentence: a line ending in one
// goes on in the next line.
var danglingWords = map[string]bool{
	"với": true, "và": true, "của": true, "các": true, "cho": true, "về": true, "tại": true, "trong": true,
	"theo": true, "từ": true, "đến": true, "những": true, "được": true, "số": true, "ngày": true, "hoặc": true,
	"là": true, "để": true, "nhằm": true, "giữa": true, "trên": true,
}

// continues reports whether next continues the sentence whose last line,
// not in capitals, is prev.
func continues(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".:;!?", last) || structural(next) || isSeparator(prev) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) {
		return true
	}
	if last == ',' {
		return true
	}
	i := strings.LastIndexByte(prev, ' ')
	return danglingWords[strings.ToLower(prev[i+1:])]
}

// headingGoesOn reports an upper-case line cut where it cannot end ("I.
// MỤC ĐÍCH," / "YÊU CẦU"): after a comma or a word that joins.
func headingGoesOn(prev, next string) bool {
	if structural(next) || isSeparator(next) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if last == ',' || last == '-' || last == '–' {
		return true
	}
	i := strings.LastIndexByte(prev, ' ')
	return danglingWords[strings.ToLower(prev[i+1:])]
}

// sectionTitleGoesOn reports the second line of a section title wrapped
// anywhere ("I. TÌNH HÌNH THÔNG" / "TIN ĐỐI NGOẠI CỦA TỈNH HIỆN NAY"): an
// upper-case line right after a Roman-numbered one, that begins nothing of
// its own. A title is short, so only its first two lines join this way.
func sectionTitleGoesOn(cur []string, next string) bool {
	if len(cur) != 1 || structural(next) || isSeparator(next) || strings.HasPrefix(next, "PHỤ LỤC") {
		return false
	}
	_, _, roman := romanHead(cur[0])
	return roman && len(cur[0])+len(next) < 200
}

var separatorRe = regexp.MustCompile(`^[-_=*.~o0 ]{3,}$`)

// structural lines begin something and never continue a sentence.
func structural(s string) bool {
	_, _, roman := romanHead(s)
	_, _, item := itemMarker(s)
	_, _, label := unitLine(s)
	return roman || item || isBullet(s) || label || subItem(s) || strings.HasPrefix(s, tableMark) ||
		strings.HasPrefix(s, "Nơi nhận") || strings.HasPrefix(s, "KẾ HOẠCH")
}

func isSeparator(s string) bool { return separatorRe.MatchString(s) }

// isHeadingLine reports an all-capitals line (header block, section title):
// it ends where it ends.
func isHeadingLine(s string) bool {
	letters := 0
	for _, r := range s {
		if 'a' <= r && r <= 'z' || r >= 0x80 && unicode.IsLower(r) {
			return false // most lines stop at their second letter
		}
		if 'A' <= r && r <= 'Z' || r >= 0x80 && unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
