package story

import (
	"slices"
	"strings"
	"unicode"

	"ttdn/vntext"
)

// Event words: what a title says happened, as opposed to whom and where.
// They are the title's words that are no name and no figure — words
// written in lower case, and the capitalised word opening a sentence when
// the next word is not capitalised too ("Tạm giữ …", "Phát hiện …") — read
// with their diacritics (vntext.AppendKey: lower case, tone mark moved to
// the end, so "hòa" and "hoà" are one word but "bắt" and "bật" are two).
// Sibling events share their names and differ in these words ("Thùy Linh
// vào chung kết" / "Thùy Linh thua chung kết").

// eword is one event word: the hash of its key (with diacritics) and the
// hash of its folded form, which is its token in toks (for its IDF).
type eword struct {
	key, fold uint32
}

// eventWords returns the distinct event words of title, sorted by key.
func eventWords(title string) []eword {
	type word struct {
		s     string
		upper bool
		open  bool // opens a sentence
	}
	ws := make([]word, 0, 24)
	titleWords(title, func(s string, upper, open bool) {
		ws = append(ws, word{s: s, upper: upper, open: open})
	})
	out := make([]eword, 0, len(ws))
	buf := make([]byte, 0, 64)
	for k, w := range ws {
		if hasDigit(w.s) {
			continue
		}
		if w.upper {
			nextUpper := k+1 < len(ws) && ws[k+1].upper && !ws[k+1].open
			if !w.open || nextUpper {
				continue // part of a name
			}
		}
		buf = vntext.AppendFold(buf[:0], w.s)
		fold := uint32(fnv64(spelling(buf)))
		if _, place := slices.BinarySearch(placeTokens(), fold); place && w.upper {
			continue // a place opening the title ("Huế: …") is a setting
		}
		buf = vntext.AppendKey(buf[:0], w.s)
		out = append(out, eword{key: uint32(fnv64(buf)), fold: fold})
	}
	slices.SortFunc(out, func(a, b eword) int { return cmpU32(a.key, b.key) })
	return slices.CompactFunc(out, func(a, b eword) bool { return a.key == b.key })
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// hasEvent reports whether sorted ws holds key.
func hasEvent(ws []eword, key uint32) bool {
	_, ok := slices.BinarySearchFunc(ws, key, func(w eword, k uint32) int { return cmpU32(w.key, k) })
	return ok
}

// markDiacritics sets dia on the summary tokens of toks that are words
// of summary: the 16-bit hash of the word's key with diacritics (the
// first form met, when the summary holds two of one folded word — "bắt"
// and "bật" — which is rare), so the event words of another title can be
// looked for in the summary with their diacritics at no cost in memory.
func markDiacritics(toks []wtok, summary string) {
	buf := make([]byte, 0, 64)
	for rest := summary; rest != ""; {
		start := strings.IndexFunc(rest, func(r rune) bool { return !notWordRune(r) })
		if start < 0 {
			break
		}
		rest = rest[start:]
		end := strings.IndexFunc(rest, notWordRune)
		if end < 0 {
			end = len(rest)
		}
		w := rest[:end]
		rest = rest[end:]
		if hasDigit(w) {
			continue
		}
		buf = vntext.AppendFold(buf[:0], w)
		i, ok := slices.BinarySearchFunc(toks, uint32(fnv64(spelling(buf))), func(x wtok, t uint32) int { return cmpU32(x.t, t) })
		if !ok || toks[i].w&1 == 0 || toks[i].dia != 0 {
			continue
		}
		buf = vntext.AppendKey(buf[:0], w)
		toks[i].dia = dia16(uint32(fnv64(buf)))
	}
}

func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

// dia16 folds a key hash to the 16 bits kept in a token (never 0, which
// means "none").
func dia16(key uint32) uint16 { return uint16(key>>16^key) | 1 }

// saidIn reports whether toks's summary holds event word w with its
// diacritics.
func saidIn(toks []wtok, w eword) bool {
	i, ok := slices.BinarySearchFunc(toks, w.fold, func(x wtok, t uint32) int { return cmpU32(x.t, t) })
	return ok && toks[i].w&1 != 0 && toks[i].dia == dia16(w.key)
}

// eventMiss is the difference figure of what happened: for each title,
// the share of its event words' IDF mass (idf of their folded tokens)
// that the other item does not say — not among the other title's event
// words, nor, when token lists are given (ta of a's item, tb of b's), in
// the other summary with the same diacritics — and the smaller of the
// two shares.
// It is high only when both titles say something happened that the other
// item never says ("vào" / "thua chung kết"), and 0 when one headline's
// event words are all in the other item.
func eventMiss(a, b []eword, ta, tb []wtok, idf func(uint32) float64) float64 {
	sa, sb := eventShare(a, b, tb, idf), eventShare(b, a, ta, idf)
	if sa < 0 || sb < 0 {
		return 0
	}
	return min(sa, sb)
}

// eventShare is the share of x's event-word IDF mass that the item of
// title event words y and tokens ty does not say, or -1 when x has none.
func eventShare(x, y []eword, ty []wtok, idf func(uint32) float64) float64 {
	var miss, total float64
	for _, w := range x {
		v := idf(w.fold)
		total += v
		if !hasEvent(y, w.key) && !saidIn(ty, w) {
			miss += v
		}
	}
	if total == 0 {
		return -1
	}
	return miss / total
}
