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

// word is one word of a document: its bytes in the text and its folded
// form in the tokens' shared buffer.
type word struct {
	start, end   int // byte offsets in the text
	fstart, fend int // offsets of the folded form in tokens.folded
}

// tokens are the words of one text. Folding happens once per word into
// one buffer, and a word's diacritic key only when a marked query term
// folds to it: ranking a thousand candidates allocates next to nothing.
type tokens struct {
	text   string
	words  []word
	folded []byte
	key    []byte
}

// split fills t with the words of text, reusing t's buffers.
func (t *tokens) split(text string) {
	t.text, t.words, t.folded = text, t.words[:0], t.folded[:0]
	start := -1
	for i, r := range text {
		in := isWordRune(r)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			t.add(start, i)
			start = -1
		}
	}
	if start >= 0 {
		t.add(start, len(text))
	}
}

// isWordRune is vntext.IsWordRune with a fast path for ASCII.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return vntext.IsWordRune(r)
}

func (t *tokens) add(start, end int) {
	fs := len(t.folded)
	t.folded = vntext.AppendFold(t.folded, t.text[start:end])
	t.words = append(t.words, word{start: start, end: end, fstart: fs, fend: len(t.folded)})
}

// matches reports whether word i satisfies term q.
func (t *tokens) matches(q *Term, i int) bool {
	w := &t.words[i]
	f := t.folded[w.fstart:w.fend]
	if q.Prefix {
		if len(f) < len(q.Folded) || string(f[:len(q.Folded)]) != q.Folded {
			return false
		}
	} else if string(f) != q.Folded {
		return false
	}
	if !q.Marked {
		return true
	}
	t.key = vntext.AppendKey(t.key[:0], t.text[w.start:w.end])
	if q.Prefix {
		k := prefixKey(q.Key)
		return len(t.key) >= len(k) && string(t.key[:len(k)]) == k
	}
	return string(t.key) == q.Key
}

// prefixKey drops the tone marks vntext.Key moves to a word's end, so a
// typed prefix "bã" still starts the key of "bão".
func prefixKey(k string) string {
	return strings.TrimRightFunc(k, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
