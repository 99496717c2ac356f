package vntext

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Diacritics carry meaning in Vietnamese ("biến động" is not "Biển Đông"),
// so matching compares words by their key: lower case, NFC, every
// diacritic kept, but the tone mark taken off its vowel and written after
// the word. A syllable has one tone and where it sits is a matter of
// spelling convention only, so the old and new placements — hoà/hòa,
// thuỷ/thủy, khoá/khóa — get the same key, and nothing else does.

// The tones, as written after a word's letters in its key. Bytes below
// 0x20 never occur inside a word, so a key cannot collide with letters.
const (
	toneGrave = 1 + iota // huyền, U+0300
	toneAcute            // sắc, U+0301
	toneTilde            // ngã, U+0303
	toneHook             // hỏi, U+0309
	toneDot              // nặng, U+0323
)

// toneOf returns the tone of a combining mark, 0 for other marks.
func toneOf(r rune) byte {
	switch r {
	case 0x300:
		return toneGrave
	case 0x301:
		return toneAcute
	case 0x303:
		return toneTilde
	case 0x309:
		return toneHook
	case 0x323:
		return toneDot
	}
	return 0
}

// isVietMark reports the combining marks of Vietnamese: the five tones and
// the circumflex, breve and horn.
func isVietMark(r rune) bool { return toneOf(r) != 0 || r == 0x302 || r == 0x306 || r == 0x31B }

// keyEntry is a precomposed letter's key: its lower-case letter without the
// tone, the tone, and whether it is one of Vietnamese's marked letters.
type keyEntry struct {
	base   uint16
	tone   byte
	marked bool
}

var lowKeys, highKeys = buildKeys(lowStart, lowEnd), buildKeys(highStart, highEnd)

func buildKeys(from, to rune) []keyEntry {
	t := make([]keyEntry, to-from)
	for r := from; r < to; r++ {
		d := norm.NFD.String(string(r))
		base, marks := []rune{}, 0
		var tone byte
		viet := true
		for i, m := range d {
			switch {
			case i == 0:
				base = append(base, unicode.ToLower(m))
				viet = isVietBase(m)
			case toneOf(m) != 0:
				tone, marks = toneOf(m), marks+1
			default:
				base, marks = append(base, m), marks+1
				viet = viet && isVietMark(m)
			}
		}
		b, _ := utf8.DecodeRuneInString(norm.NFC.String(string(base)))
		t[r-from] = keyEntry{base: uint16(b), tone: tone, marked: viet && marks > 0}
	}
	if from <= 'Đ' && 'đ' < to {
		t['đ'-from] = keyEntry{base: 'đ', marked: true}
		t['Đ'-from] = keyEntry{base: 'đ', marked: true}
	}
	return t
}

// isVietBase reports the vowels that carry Vietnamese diacritics.
func isVietBase(r rune) bool {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func keyOf(r rune) (keyEntry, bool) {
	switch {
	case r >= lowStart && r < lowEnd:
		return lowKeys[r-lowStart], true
	case r >= highStart && r < highEnd:
		return highKeys[r-highStart], true
	}
	return keyEntry{}, false
}

// IsMarked reports whether r is a letter written with a Vietnamese
// diacritic (à, ầ, ơ, ự, đ, …) or one of the combining marks that make such
// a letter in decomposed text. Letters of other languages (ü, ñ, ç) are not.
func IsMarked(r rune) bool {
	if e, ok := keyOf(r); ok {
		return e.marked
	}
	return isVietMark(r)
}

// HasMarks reports whether s has a letter with a Vietnamese diacritic:
// text written "with diacritics", which matching takes at its word.
func HasMarks(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if IsMarked(r) {
			return true
		}
		i += n
	}
	return false
}

// AppendKey appends the match key of word to dst: the word in lower case
// with its diacritics, each tone mark moved after the letters (see above).
// It accepts composed and decomposed input.
func AppendKey(dst []byte, word string) []byte {
	start := len(dst)
	var tones [4]byte // a word has one tone; foreign words may have a few
	nt := 0
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(word[i:])
		i += n
		if e, ok := keyOf(r); ok {
			dst = utf8.AppendRune(dst, rune(e.base))
			if e.tone != 0 && nt < len(tones) {
				tones[nt], nt = e.tone, nt+1
			}
			continue
		}
		if r >= 0x300 && r < 0x370 { // decomposed text: compose it and start again
			return appendKeyNFC(dst[:start], word)
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return append(dst, tones[:nt]...)
}

// appendKeyNFC is AppendKey of decomposed text: composed first; a mark that
// does not compose stays, except a tone, which still moves to the end.
func appendKeyNFC(dst []byte, word string) []byte {
	var tones []byte
	for _, r := range norm.NFC.String(word) {
		if t := toneOf(r); t != 0 {
			tones = append(tones, t)
			continue
		}
		if e, ok := keyOf(r); ok {
			dst = utf8.AppendRune(dst, rune(e.base))
			if e.tone != 0 {
				tones = append(tones, e.tone)
			}
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return append(dst, tones...)
}

// Key returns the match key of one word (see AppendKey).
func Key(word string) string { return string(AppendKey(nil, word)) }
