package watch

import (
	"unicode"
	"unicode/utf8"

	"ttdn/vntext"
)

// token is one word of a text: its vocabulary id (0 when the word is in
// no term) and its byte span in the original text.
type token struct {
	id         uint32
	start, end int32
}

// isWordRune reports letters, digits and combining marks (of decomposed
// text), with an ASCII fast path: this runs on every byte ingested.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 0xC0 && r <= 0x24F: // Latin-1 letters, Latin Extended-A and -B
		return r != 0xD7 && r != 0xF7
	case r >= 0x1E00 && r <= 0x1EFF, r >= 0x300 && r <= 0x36F: // Vietnamese vowels, marks
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// forEachWord calls fn for every word of s (a maximal run of word runes)
// with its folded form and byte span. folded is only valid during the
// call; buf is scratch space and is returned, possibly grown.
func forEachWord(s string, buf []byte, fn func(folded []byte, start, end int)) []byte {
	start := -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			buf = emit(s, start, i, buf, fn)
			start = -1
		}
		i += n
	}
	if start >= 0 {
		buf = emit(s, start, len(s), buf, fn)
	}
	return buf
}

func emit(s string, start, end int, buf []byte, fn func([]byte, int, int)) []byte {
	buf = vntext.AppendFold(buf[:0], s[start:end])
	if len(buf) > 0 { // a run of lone combining marks folds to nothing
		fn(buf, start, end)
	}
	return buf
}

// foldWords returns the folded words of s as matching sees them.
func foldWords(s string) []string {
	var words []string
	forEachWord(s, nil, func(w []byte, _, _ int) { words = append(words, string(w)) })
	return words
}
