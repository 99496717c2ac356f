package planparse

import (
	"slices"
	"strings"
	"unicode"
)

// prepare cleans the text line by line before it is read, keeping the
// number of lines so that warnings still point at the source:
//   - web boilerplate ("Đang tải nội dung…", "Tải về", "In văn bản") is blanked,
//     and everything from a "Văn bản liên quan" block after the signature on;
//   - a header flattened onto one line (PDF text without columns:
//     "ỦY BAN NHÂN DÂN TỈNH AN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc
//     lập - Tự do - Hạnh phúc Số: 45/KH-UBND An Giang, ngày …") is split into
//     its cells with " | ", as a two-column header reads.
func prepare(text string) string {
	lines := strings.Split(text, "\n")
	signed := false
	for i, l := range lines {
		f := folded(cleanLine(l))
		switch {
		case boilerplate[f] || hasFoldedPrefix(f, "dang tai noi dung", "dang tai du lieu"):
			lines[i] = ""
		case signed && relatedMarkers[strings.TrimRight(f, " :")]:
			for k := i; k < len(lines); k++ {
				lines[k] = ""
			}
			return strings.Join(lines, "\n")
		case strings.HasPrefix(f, "noi nhan") || isSignerTitle(cleanLine(l)):
			signed = true
		case i < 60 && flatHeader(f):
			lines[i] = splitFlatHeader(l)
		}
	}
	return strings.Join(lines, "\n")
}

// boilerplate are whole lines web copies add around a document, folded.
var boilerplate = map[string]bool{
	"tai ve": true, "tai van ban": true, "in van ban": true, "in trang": true, "chia se": true, "luu tru": true,
	"theo doi van ban": true, "bao loi": true, "tai file": true, "xem van ban goc": true,
	"van ban goc": true, "tom tat": true, "muc luc": true, "dang nhap": true, "dang ky": true,
}

// relatedMarkers open the lists web pages put after a document.
var relatedMarkers = map[string]bool{
	"van ban lien quan": true, "bai viet lien quan": true, "tin lien quan": true, "van ban cung linh vuc": true,
	"luoc do": true, "thuoc tinh": true, "van ban bi thay the": true, "van ban duoc huong dan": true,
	"tin cung chuyen muc": true, "cac tin khac": true,
}

// flatHeader reports a line of a header flattened onto lines of full
// width: the Quốc hiệu or Tiêu ngữ (or a piece of it) with other words, or
// the số ký hiệu after other words.
func flatHeader(f string) bool {
	words := len(strings.Fields(f))
	switch {
	case words <= 4:
		return false
	case strings.Contains(f, "chu nghia viet nam") || strings.Contains(f, "doc lap - tu do"):
		return true
	case strings.HasPrefix(f, "hanh phuc ") || strings.HasPrefix(f, "- hanh phuc "):
		return true
	}
	return false
}

// splitFlatHeader splits a flattened header line into cells: the issuing
// body, the số ký hiệu, the place and date, and whatever title follows; the
// Quốc hiệu and Tiêu ngữ are dropped.
func splitFlatHeader(line string) string {
	words := strings.Fields(line)
	fw := make([]string, len(words))
	for i, w := range words {
		fw[i] = strings.Trim(folded(w), ".,:;|-–")
	}
	drop := make([]bool, len(words))
	for _, motto := range [][]string{
		{"cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"},
		{"doc", "lap", "", "tu", "do", "", "hanh", "phuc"},
	} {
		markSequence(fw, motto, drop)
	}
	// A Tiêu ngữ cut by the line's end ("Độc lập - Tự do -" / "Hạnh phúc").
	markEdge(fw, []string{"doc", "lap", "tu", "do", "hanh", "phuc"}, drop)
	var cells []string
	var cur []string
	cut := func() {
		if len(cur) > 0 {
			cells = append(cells, strings.Join(cur, " "))
			cur = nil
		}
	}
	for i, w := range words {
		if drop[i] {
			cut()
			continue
		}
		switch {
		case fw[i] == "so" && i+1 < len(words) && strings.ContainsRune(words[i+1], '/'):
			cut()
		case fw[i] == "so" && strings.HasSuffix(words[i], ":"):
			cut()
		case i+1 < len(words) && fw[i+1] == "ngay" && strings.HasSuffix(words[i], ","):
			// "An Giang, ngày": the place is the capitalised words before.
			k := len(cur)
			for k > 0 && startsUpper(cur[k-1]) && len(cur)-k < 4 && !strings.ContainsRune(cur[k-1], '/') {
				k--
			}
			if k < len(cur) {
				place := cur[k:]
				cur = cur[:k]
				cut()
				cur = append(cur, place...)
			}
		case (w == "KẾ" || w == "CHƯƠNG" || w == "QUYẾT") && i+1 < len(words) && (words[i+1] == "HOẠCH" || words[i+1] == "TRÌNH" || words[i+1] == "ĐỊNH") && len(cur) > 0:
			cut()
		}
		cur = append(cur, w)
	}
	cut()
	return strings.Join(cells, " | ")
}

// markSequence marks in drop the words of fw that spell seq in order ("" in
// seq matches a dash or nothing).
func markSequence(fw, seq []string, drop []bool) {
	for start := range fw {
		i, j := start, 0
		for i < len(fw) && j < len(seq) {
			switch {
			case fw[i] == seq[j]:
				i++
				j++
			case seq[j] == "":
				j++
			case fw[i] == "":
				i++ // a dash on its own
			default:
				j = -1
			}
			if j < 0 {
				break
			}
		}
		if j == len(seq) {
			for k := start; k < i; k++ {
				drop[k] = true
			}
			return
		}
	}
}

// markEdge marks a piece of seq of two words or more that ends the line
// (its first words) or starts it (its last words).
func markEdge(fw, seq []string, drop []bool) {
	var words []int // indexes of fw that are not dashes
	for i, w := range fw {
		if w != "" {
			words = append(words, i)
		}
	}
	for n := len(seq) - 1; n >= 2; n-- {
		if len(words) >= n && slices.Equal(pick(fw, words[len(words)-n:]), seq[:n]) {
			for i := words[len(words)-n]; i < len(fw); i++ {
				drop[i] = true
			}
			return
		}
		if len(words) >= n && slices.Equal(pick(fw, words[:n]), seq[len(seq)-n:]) {
			for i := 0; i <= words[n-1]; i++ {
				drop[i] = true
			}
			return
		}
	}
}

func pick(fw []string, idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = fw[i]
	}
	return out
}

func startsUpper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}
