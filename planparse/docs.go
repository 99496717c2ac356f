package planparse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"ttdn"
)

// docNumberRe matches a số ký hiệu: 368/QĐ-TTg, 72/2015/NĐ-CP,
// 4110/BTTTT-TTĐN, 16-KL/TW, 49/KH-STTTT-BCHBĐBP. The symbol must start
// with a capital, so dates (28/02/2013), "20/6" and "Quý II/2019" are not
// numbers.
var docNumberRe = regexp.MustCompile(`^\d{1,5}(?:-[\p{Lu}]{1,6})?/(?:\d{4}/)?\p{Lu}[\p{Lu}\p{Ll}\d]*(?:[-–/] ?\p{Lu}[\p{Lu}\p{Ll}\d]*)*`)

// maxNumberLen bounds a số ký hiệu ("49/KH-STTTT-BCHBĐBP" is 22 bytes).
const maxNumberLen = 80

// findDocNumbers returns the spans of the numbers in p. It runs the
// anchored expression only where a slash has digits before it, which keeps
// it linear and fast on long paragraphs.
func findDocNumbers(p string) [][2]int {
	var out [][2]int
	for from := 0; from < len(p); {
		j := strings.IndexByte(p[from:], '/')
		if j < 0 {
			break
		}
		slash := from + j
		from = slash + 1
		start := numberStart(p, slash)
		if start < 0 || (len(out) > 0 && start < out[len(out)-1][1]) {
			continue
		}
		// A number is short: matching in a window keeps each try cheap.
		if loc := docNumberRe.FindStringIndex(p[start:min(len(p), start+maxNumberLen)]); loc != nil {
			out = append(out, [2]int{start, start + loc[1]})
			from = start + loc[1]
		}
	}
	return out
}

// numberStart finds where a number ending at the slash begins: digits,
// optionally followed by "-KL" as in 16-KL/TW. It returns -1 if none.
func numberStart(p string, slash int) int {
	i := slash
	for i > 0 && slash-i < 12 && p[i-1] != '-' && p[i-1] != ' ' && !('0' <= p[i-1] && p[i-1] <= '9') {
		i-- // the "KL" of 16-KL/TW, byte by byte (Đ is two bytes)
	}
	if i < slash {
		if i == 0 || p[i-1] != '-' {
			return -1
		}
		i--
	}
	end := i
	for i > 0 && end-i < 5 && '0' <= p[i-1] && p[i-1] <= '9' {
		i--
	}
	if i == end {
		return -1
	}
	return i
}

// docKinds are the document kinds, longest first so "Thông tư liên tịch"
// wins over "Thông tư".
var docKinds = []string{"Thông tư liên tịch", "Quyết định", "Nghị định", "Nghị quyết", "Thông tư", "Hướng dẫn", "Kế hoạch",
	"Chỉ thị", "Kết luận", "Công văn", "Thông báo", "Chương trình", "Đề án", "Quy định", "Quy chế", "Báo cáo", "Công điện", "Pháp lệnh", "Luật", "Văn bản"}

// symbolKinds infers a kind from the symbol when the text names none.
var symbolKinds = map[string]string{"QĐ": "Quyết định", "NĐ": "Nghị định", "NQ": "Nghị quyết", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
	"HD": "Hướng dẫn", "KH": "Kế hoạch", "CT": "Chỉ thị", "KL": "Kết luận", "TB": "Thông báo", "BC": "Báo cáo", "CTr": "Chương trình", "QĐ-TTg": "Quyết định",
	"QC": "Quy chế", "ĐA": "Đề án", "CV": "Công văn"}

// symbolIssuers infers central issuers from the symbol's last part.
var symbolIssuers = map[string]string{"TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "BTTTT": "Bộ Thông tin và Truyền thông",
	"BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "QH": "Quốc hội"}

// citation is a document found in a paragraph, with where its citation
// begins (the kind word) and ends (after its number).
type citation struct {
	doc        ttdn.Document
	start, end int
}

// citations finds every document cited in p.
func (ps *parser) citations(p string) []citation {
	locs := findDocNumbers(p)
	var cs []citation
	for _, loc := range locs {
		if loc[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(p[:loc[0]]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' {
				continue // part of a longer token
			}
		}
		// "118/TTr- STTTT": a space typed after the dash is no part of it.
		number := strings.ReplaceAll(strings.ReplaceAll(p[loc[0]:loc[1]], "–", "-"), " ", "")
		kind, start := kindBefore(p, loc[0])
		if kind == "" {
			kind = kindFromSymbol(number)
		}
		cs = append(cs, citation{doc: ttdn.Document{Number: number, Kind: kind}, start: start, end: loc[1]})
	}
	for i := range cs {
		limit := len(p)
		if i+1 < len(cs) {
			limit = max(cs[i+1].start, cs[i].end)
		}
		ps.describe(&cs[i], p[:limit])
	}
	return cs
}

// kindBefore finds "<Kind> số" (or "<Kind>") right before the number at
// pos, returning the kind and where it starts.
func kindBefore(p string, pos int) (string, int) {
	before := strings.TrimRight(p[:pos], " ")
	if b, ok := strings.CutSuffix(before, "số"); ok {
		before = strings.TrimRight(b, " ")
	} else if b, ok := strings.CutSuffix(before, "Số"); ok {
		before = strings.TrimRight(b, " ")
	}
	tail := before[max(0, len(before)-60):]
	ft := folded(tail)
	for _, k := range docKinds {
		if strings.HasSuffix(ft, folded(k)) {
			n := utf8.RuneCountInString(k)
			start := len(before)
			for ; n > 0 && start > 0; n-- {
				_, size := utf8.DecodeLastRuneInString(before[:start])
				start -= size
			}
			return k, start
		}
	}
	return "", pos
}

func kindFromSymbol(number string) string {
	slash := strings.IndexByte(number, '/')
	if dash := strings.IndexByte(number[:slash], '-'); dash >= 0 {
		if k := symbolKinds[number[dash+1:slash]]; k != "" {
			return k // 16-KL/TW
		}
	}
	sym := number[strings.LastIndexByte(number, '/')+1:]
	first, _, _ := strings.Cut(sym, "-")
	if k := symbolKinds[first]; k != "" {
		return k
	}
	return "Công văn" // a number without a kind code is an official letter
}
