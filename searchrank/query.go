// Package searchrank decides, in Go and so identically on both database
// engines, which full-text candidates a press search keeps and in which
// order: quoted phrases, diacritics as typed (a word typed with
// diacritics matches only those diacritics; a word typed without any
// matches with or without them), a BM25 relevance blended with recency,
// and the highlighted snippet shown with each result.
//
// The engines' indexes hold folded words (vntext), so they find
// candidates; this package is the judge. It is pure.
package searchrank

import (
	"strings"
	"unicode"

	"ttdn/vntext"
)

// Term is one word of a query.
type Term struct {
	Folded string // lower case, no diacritics: what the index holds
	Key    string // lower case with diacritics, tone placement normalised (vntext.Key)
	Marked bool   // typed with diacritics: Key must match too
	Prefix bool   // typed with a trailing *
}

// Query is a parsed search: every term must be present; each phrase (a
// quoted part) is a run of consecutive terms that must appear in a row.
type Query struct {
	Terms   []Term
	Phrases [][2]int // [first, end) indexes into Terms
}

// Parse reads a query: words, "quoted phrases", a trailing * for a prefix.
func Parse(q string) Query {
	var out Query
	parts := strings.Split(vntext.NFC(q), `"`)
	for i, part := range parts {
		quoted := i%2 == 1 && i < len(parts)-1 // an unclosed quote is plain text
		first := len(out.Terms)
		for _, f := range strings.Fields(part) {
			prefix := strings.HasSuffix(f, "*")
			words := splitWords(f)
			for j, w := range words {
				out.Terms = append(out.Terms, Term{Folded: vntext.Fold(w), Key: vntext.Key(w), Marked: vntext.HasMarks(w),
					Prefix: prefix && j == len(words)-1 && !quoted})
			}
		}
		if quoted && len(out.Terms)-first > 1 {
			out.Phrases = append(out.Phrases, [2]int{first, len(out.Terms)})
		}
	}
	return out
}

// Empty reports a query with no words.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// splitWords cuts text into words the way the index does (vntext.Words):
// runs of letters, digits and combining marks.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !vntext.IsWordRune(r) })
}

// word is one word of a document.
type word struct {
	folded, key string
	start, end  int // byte offsets in the text
}

// docWords returns the words of text with their offsets.
func docWords(text string) []word {
	var out []word
	start := -1
	for i, r := range text {
		in := vntext.IsWordRune(r)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			out = append(out, newWord(text, start, i))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, newWord(text, start, len(text)))
	}
	return out
}

func newWord(text string, start, end int) word {
	w := text[start:end]
	return word{folded: vntext.Fold(w), key: vntext.Key(w), start: start, end: end}
}

// matches reports whether document word w satisfies term t.
func (t *Term) matches(w *word) bool {
	if t.Prefix {
		if !strings.HasPrefix(w.folded, t.Folded) {
			return false
		}
		return !t.Marked || strings.HasPrefix(w.key, prefixKey(t.Key))
	}
	return w.folded == t.Folded && (!t.Marked || w.key == t.Key)
}

// prefixKey drops the tone marks vntext.Key moves to a word's end, so a
// typed prefix "bã" still starts the key of "bão".
func prefixKey(k string) string {
	return strings.TrimRightFunc(k, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
