package planparse

import (
	"regexp"
	"strconv"
	"strings"
)

// titleKinds open a plan's title line, with the kind they give.
var titleKinds = []struct{ prefix, kind string }{
	{"KẾ HOẠCH", "Kế hoạch"},
	{"CHƯƠNG TRÌNH", "Chương trình"},
}

// titleKind reports a title line: "KẾ HOẠCH", "KẾ HOẠCH: Công tác…",
// "CHƯƠNG TRÌNH HÀNH ĐỘNG …", and what follows the kind word.
func titleKind(p string) (kind, rest string, ok bool) {
	for _, k := range titleKinds {
		if r, found := strings.CutPrefix(p, k.prefix); found && (r == "" || r[0] == ' ' || r[0] == ':') {
			return k.kind, strings.TrimSpace(strings.TrimLeft(r, ": ")), true
		}
	}
	return "", "", false
}

// findTitle returns the index of the first title line at or after from, or
// -1. Everything before it is the header block and whatever a web page put
// around it.
func findTitle(paras []string, from int) int {
	for i := from; i < len(paras); i++ {
		if _, _, ok := titleKind(paras[i]); ok {
			return i
		}
	}
	return -1
}

// maxTitleLines bounds a title wrapped over lines ("HOẠT ĐỘNG THÔNG TIN
// ĐỐI NGOẠI" / "TỈNH LÀO CAI NĂM 2021").
const maxTitleLines = 4

// parseTitle reads the summary after the title line: on the same line, and
// on the following lines while they continue it (upper-case lines after an
// upper-case line, or lines that start in lower case). A first line that
// begins "Thực hiện…" or "THỰC HIỆN…" is the summary, unless it reads as
// the preamble's clause. A "(Ban hành kèm theo Quyết định số …)" line is
// skipped (and noted for the issuing decision). It returns where the body
// begins.
func (ps *parser) parseTitle(paras []string, at int) (next int) {
	kind, rest, _ := titleKind(paras[at])
	if kind == "" {
		kind, rest = ps.plan.Kind, paras[at]
	}
	ps.plan.Kind = kind
	ps.titleLine = ps.lineAt(paras[at])
	var parts []string
	if rest != "" {
		parts = append(parts, rest)
	}
	next = at + 1
	for next < len(paras) && len(parts) < maxTitleLines {
		p := paras[next]
		if isSeparator(p) {
			next++
			if len(parts) > 0 {
				break
			}
			continue
		}
		if strings.HasPrefix(p, "(") || !continuesTitle(parts, p) {
			break
		}
		parts = append(parts, p)
		next++
	}
	for next < len(paras) && (isSeparator(paras[next]) || attachedTo(paras[next])) {
		if attachedTo(paras[next]) {
			ps.attachment = paras[next]
		}
		next++
	}
	title := strings.Join(parts, " ")
	if i := strings.Index(folded(title), "(ban hanh kem theo"); i >= 0 || strings.Contains(folded(title), "(kem theo") {
		// joined to the title as a wrapped line: cut it off
		if j := strings.LastIndex(title, "("); j > 0 {
			ps.attachment, title = title[j:], strings.TrimSpace(title[:j])
		}
	}
	ps.plan.Title = strings.TrimRight(title, " .")
	ps.plan.Year, ps.plan.YearTo = yearsOf(title)
	return next
}

// continuesTitle reports whether p is the next line of a title that so far
// has parts.
func continuesTitle(parts []string, p string) bool {
	if _, _, roman := romanHead(p); roman || len(p) > 400 {
		return false
	}
	if _, _, item := itemMarker(p); item {
		return false
	}
	if len(parts) == 0 {
		return isHeadingLine(p) || !clauseLike(p)
	}
	last := parts[len(parts)-1]
	if isHeadingLine(last) {
		return isHeadingLine(p) && !isSignerTitle(p)
	}
	return false // sentence-case lines were joined by paragraphs already
}

// clauseLike reports a preamble sentence rather than a summary: it cites
// and ends like a clause ("…, Ủy ban nhân dân tỉnh ban hành Kế hoạch như
// sau:"), or opens with the words legal bases open with and runs on.
func clauseLike(p string) bool {
	f := folded(p)
	switch {
	case strings.HasSuffix(p, ":") || strings.HasSuffix(p, ";") || strings.Contains(f, "nhu sau"):
		return true
	case strings.Contains(f, "xay dung ke hoach") || strings.Contains(f, "ban hanh ke hoach"):
		return true
	case hasFoldedPrefix(p, "can cu ", "theo "):
		return true
	}
	return startsPreamble(p) && len(p) > 250
}

// attachedTo reports the line under an attached plan's title naming the
// decision it came with: "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày …)".
func attachedTo(p string) bool {
	f := folded(p)
	return strings.HasPrefix(f, "(") && strings.Contains(f, "kem theo")
}

var (
	yearRangeRe = regexp.MustCompile(`(?i)((?:19|20)\d\d)\s*(?:[-–—]|đến|den)\s*(?:năm\s+)?((?:19|20)\d\d)`)
	yearWordRe  = regexp.MustCompile(`(?i)(tháng\s+\d{1,2}\s+)?năm\s+((?:19|20)\d\d)`)
)

// yearsOf reads the plan's year from its title: "… năm 2021" gives 2021;
// "giai đoạn 2021 - 2025" gives 2021 to 2025. A year inside a date ("ngày
// 05 tháng 01 năm 2022" in a title that cites a document) is not the plan's.
func yearsOf(title string) (from, to int) {
	if m := yearRangeRe.FindStringSubmatch(title); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b > a && b-a <= 15 {
			return a, b
		}
	}
	for _, m := range yearWordRe.FindAllStringSubmatch(title, -1) {
		if m[1] == "" {
			from, _ = strconv.Atoi(m[2])
		}
	}
	return from, 0
}

// otherGenres are titles of documents that are not plans, with their
// names in English.
var otherGenres = []struct{ vi, en string }{
	{"BIÊN BẢN", "minutes"}, {"BÁO CÁO", "report"}, {"TỜ TRÌNH", "submission"}, {"THÔNG BÁO", "notice"},
	{"GIẤY MỜI", "invitation"}, {"THƯ MỜI", "invitation"}, {"CÔNG VĂN", "letter"}, {"NGHỊ QUYẾT", "resolution"},
	{"CHỈ THỊ", "directive"}, {"THÔNG TƯ", "circular"}, {"NGHỊ ĐỊNH", "decree"}, {"HƯỚNG DẪN", "guidance"},
	{"QUY CHẾ", "regulation"}, {"QUY ĐỊNH", "regulation"}, {"ĐỀ ÁN", "project proposal"}, {"CÔNG ĐIỆN", "dispatch"},
}

// otherGenre returns the genre of the document's title line, in Vietnamese
// and English, when it is one of otherGenres.
func otherGenre(paras []string) (vi, en string) {
	for _, p := range paras[:min(len(paras), 40)] {
		for _, g := range otherGenres {
			if p == g.vi || strings.HasPrefix(p, g.vi+" ") && isHeadingLine(p) {
				return strings.ToLower(g.vi), g.en
			}
		}
	}
	return "", ""
}

// inferTitle finds the summary of a plan whose title line was lost (web
// copies drop it): the last run of upper-case lines before the body that
// is not part of the header. It returns its index, or -1.
func inferTitle(paras []string) int {
	limit := len(paras)
	for i, p := range paras {
		if startsPreamble(p) || clauseLike(p) {
			limit = i
			break
		}
		if num, _, ok := romanHead(p); ok && (num == "I" || num == "II") {
			limit = i
			break
		}
	}
	found := -1
	for i := 0; i < limit && i < 60; i++ {
		p := paras[i]
		if !isHeadingLine(p) || headerLine(p) {
			continue
		}
		if found < 0 || !isHeadingLine(paras[i-1]) || headerLine(paras[i-1]) {
			found = i
		}
	}
	return found
}

// headerLine reports a line of the header block rather than a title.
func headerLine(p string) bool {
	if nationalRe.MatchString(p) || nationalFragment(p) || numberLineRe.MatchString(p) || placeDateRe.MatchString(p) || isSeparator(p) {
		return true
	}
	f := folded(p)
	for _, w := range issuerWords {
		if strings.HasPrefix(f, w) {
			return true
		}
	}
	return strings.HasPrefix(f, "tinh ") || strings.HasPrefix(f, "thanh pho ") || f == "quyet dinh"
}

// kindFromNumber guesses the kind of a plan whose title line was lost from
// its number ("45/KH-UBND", "01/CTr-UBND").
func kindFromNumber(number string) string {
	switch {
	case strings.Contains(number, "/CTr"), strings.Contains(number, "-CTr"):
		return "Chương trình"
	}
	return "Kế hoạch"
}
