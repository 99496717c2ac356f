package vntext

import "golang.org/x/text/unicode/norm"

// The base ASCII letter of every precomposed Latin letter Vietnamese uses,
// in two dense tables covering Latin-1 Supplement to Latin Extended-B
// (U+00C0–U+024F) and Latin Extended Additional (U+1E00–U+1EFF), where all
// the tone-marked vowels live. Built once from the Unicode decompositions.
const (
	lowStart, lowEnd   = 0x00C0, 0x0250
	highStart, highEnd = 0x1E00, 0x1F00
)

var lowTable, highTable = buildTable(lowStart, lowEnd), buildTable(highStart, highEnd)

func buildTable(from, to rune) []byte {
	t := make([]byte, to-from)
	for r := from; r < to; r++ {
		d := norm.NFD.String(string(r))
		if c := d[0]; len(d) > 1 && c < 0x80 && isASCIILetter(c) {
			t[r-from] = c | 0x20 // lower case
		}
	}
	// Decomposition leaves đ/Đ alone: they are letters of their own.
	if from <= 'Đ' && 'đ' < to {
		t['đ'-from], t['Đ'-from] = 'd', 'd'
	}
	return t
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// baseLetter returns the folded ASCII letter of r, or 0 if r is not a
// precomposed Latin letter with diacritics.
func baseLetter(r rune) byte {
	switch {
	case r >= lowStart && r < lowEnd:
		return lowTable[r-lowStart]
	case r >= highStart && r < highEnd:
		return highTable[r-highStart]
	}
	return 0
}
