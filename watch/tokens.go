package watch

import (
	"unicode"
	"unicode/utf8"

	"ttdn/vntext"
)

// token is one word of a text: its vocabulary id (0 when the word is in
// no term), its byte span in the original text, and what matching needs
// to honour diacritics and punctuation.
type token struct {
	id         uint32
	start, end int32
	brk        bool  // clause punctuation between the previous word and this one
	marked     bool  // written with a Vietnamese diacritic
	ascii      bool  // plain ASCII: its key is its folded form
	key        int32 // end of its key in scratch.keys, 0 until computed
	keyStart   int32
}

// word is a word as the scanner reports it; folded is only valid during
// the callback.
type word struct {
	folded        []byte
	start, end    int
	brk           bool
	marked, ascii bool
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

// Clause punctuation ends a phrase: a term never matches across it
// ("Vĩnh Long, An Giang" is not "Long An"). Hyphens, dashes and slashes do
// not ("Lò Gò - Xa Mát", "Việt Nam - Campuchia"), nor apostrophes.
var asciiClause = [utf8.RuneSelf]bool{'.': true, ',': true, ';': true, ':': true, '!': true, '?': true,
	'(': true, ')': true, '[': true, ']': true, '{': true, '}': true, '"': true, '|': true, '\n': true, '\r': true}

func isClauseRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClause[r]
	}
	switch r {
	case '…', '“', '”', '«', '»', '„', '•', '·', '。', '，', '、', '；', '：', '！', '？', '（', '）':
		return true
	}
	return false
}

// softBreak reports the punctuation that does not end a clause where it
// stands: a full stop right before a word ("TP.HCM", "1.000") or after a
// short capitalised abbreviation ("TP. Tân An", "Q. 1"), and a comma or
// colon between digits ("1,5", "10:30").
func softBreak(text string, sep, prevStart, prevEnd, next int) bool {
	c := text[sep]
	switch c {
	case '.':
		if next == sep+1 {
			return true
		}
		return prevEnd == sep && isAbbreviation(text[prevStart:prevEnd])
	case ',', ':':
		return prevEnd == sep && next == sep+1 && isDigit(text[sep-1]) && isDigit(text[sep+1])
	}
	return false
}

// isAbbreviation reports one to three capital ASCII letters: TP, TX, Q, GS.
func isAbbreviation(w string) bool {
	if len(w) == 0 || len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scanWords calls fn for every word of s (a maximal run of word runes)
// with its folded form, its span, and whether clause punctuation precedes
// it. buf is scratch space and is returned, possibly grown.
func scanWords(s string, buf []byte, fn func(w word)) []byte {
	var w word
	start, prevStart, prevEnd := -1, -1, -1
	brk := false          // clause punctuation since the previous word
	soft, softAt := 0, -1 // full stops, commas and colons since the previous word, and the first one's offset
	ascii, marked := true, false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start, ascii, marked = i, true, false
				if soft > 1 || soft == 1 && !softBreak(s, softAt, prevStart, prevEnd, i) {
					brk = true
				}
			}
			if r >= utf8.RuneSelf {
				ascii = false
				marked = marked || vntext.IsMarked(r)
			}
		} else {
			if start >= 0 {
				w.start, w.end, w.brk, w.ascii, w.marked = start, i, brk, ascii, marked
				buf = emit(s, w, buf, fn)
				prevStart, prevEnd, start, brk, soft = start, i, -1, false, 0
			}
			if r == '.' || r == ',' || r == ':' {
				if soft == 0 {
					softAt = i
				}
				soft++
			} else if isClauseRune(r) {
				brk = true
			}
		}
		i += n
	}
	if start >= 0 {
		w.start, w.end, w.brk, w.ascii, w.marked = start, len(s), brk, ascii, marked
		buf = emit(s, w, buf, fn)
	}
	return buf
}

func emit(s string, w word, buf []byte, fn func(word)) []byte {
	buf = vntext.AppendFold(buf[:0], s[w.start:w.end])
	if len(buf) > 0 { // a run of lone combining marks folds to nothing
		w.folded = buf
		fn(w)
	}
	return buf
}

// phraseWord is one word of a phrase (a form, an exclusion, a context
// phrase) as matching compares it.
type phraseWord struct {
	folded string
	key    string // vntext.Key
	ascii  bool
	plain  bool // its key is its folded form (no diacritics)
	brk    bool // clause punctuation before it within the phrase
}

// phraseWords returns the words of a phrase.
func phraseWords(s string) []phraseWord {
	var out []phraseWord
	scanWords(s, nil, func(w word) {
		pw := phraseWord{folded: string(w.folded), key: vntext.Key(s[w.start:w.end]), ascii: w.ascii, brk: w.brk && len(out) > 0}
		pw.plain = pw.key == pw.folded
		out = append(out, pw)
	})
	return out
}

// foldWords returns the folded words of s as matching sees them.
func foldWords(s string) []string {
	var words []string
	scanWords(s, nil, func(w word) { words = append(words, string(w.folded)) })
	return words
}
