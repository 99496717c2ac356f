// Package vntext normalises and folds Vietnamese text. Folding (lower case,
// no diacritics, đ→d, single spaces) gives the keys ttdn uses for search,
// matching unit names and deduplication, so both database engines and the
// parser compare text the same way.
//
// The package is pure and allocation-conscious: it runs on every press item.
package vntext

import (
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C, the form ttdn stores.
// Text typed on some systems (or pasted from PDFs) arrives decomposed:
// "ế" as e + U+0302 + U+0301.
func NFC(s string) string {
	if plainlyNFC(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// plainlyNFC reports text made only of runes that are NFC whatever
// surrounds them: below U+0300 (ASCII, Latin-1, Latin Extended A/B),
// the precomposed Vietnamese letters (U+1E00–U+1EFF) and common
// punctuation (U+2002–U+206F, ₫). Vietnamese text almost always is, and
// this check is several times cheaper than the normaliser's.
func plainlyNFC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !(r < 0x300 && r != utf8.RuneError || r >= 0x1E00 && r < 0x1F00 || r >= 0x2002 && r < 0x2070 || r == 0x20AB) {
			return false
		}
	}
	return true
}

// Fold returns the search key of s: lower case, without diacritics (đ and Đ
// become d, which Unicode decomposition does not do), with every run of white
// space turned into one space and no leading or trailing space. It accepts
// both composed and decomposed input, so it needs no NFC pass first.
// Fold returns s itself, without allocating, when s is already folded.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	b := AppendFold(make([]byte, 0, len(s)), s)
	// b is never written again: share its bytes as strings.Builder does.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// isMark reports whether r is a combining mark; the Vietnamese ones
// (U+0300–U+0323) are checked without a table lookup.
func isMark(r rune) bool {
	if r >= 0x300 && r < 0x370 {
		return true
	}
	return r >= 0x370 && unicode.Is(unicode.Mn, r)
}

// AppendFold appends the folded form of s to dst and returns the extended
// slice; with a reused dst it does not allocate.
func AppendFold(dst []byte, s string) []byte {
	space := false // a space is pending; written only before the next rune
	start := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = true
				continue
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = appendPending(dst, start, space)
			space = false
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if b := baseLetter(r); b != 0 {
			dst = appendPending(dst, start, space)
			space = false
			dst = append(dst, b)
			continue
		}
		if isMark(r) {
			continue // a combining mark of decomposed text: drop it
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		dst = appendPending(dst, start, space)
		space = false
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

func appendPending(dst []byte, start int, space bool) []byte {
	if space && len(dst) > start {
		return append(dst, ' ')
	}
	return dst
}

// Words returns the folded words of s: runs of letters and digits, with
// everything else (punctuation, spaces) a separator.
func Words(s string) []string {
	f := Fold(s)
	var words []string
	start := -1
	for i, r := range f {
		wordy := unicode.IsLetter(r) || unicode.IsDigit(r)
		if wordy && start < 0 {
			start = i
		} else if !wordy && start >= 0 {
			words = append(words, f[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, f[start:])
	}
	return words
}

// IsWordRune reports whether r belongs to a word (a letter, a digit or a
// combining mark of a decomposed letter).
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

// isFolded reports whether Fold(s) == s, for the common ASCII case.
func isFolded(s string) bool {
	prevSpace := true // forbids a leading space
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf || ('A' <= c && c <= 'Z'):
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case asciiSpace[c]:
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || len(s) == 0
}
