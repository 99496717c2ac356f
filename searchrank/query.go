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
	"unicode/utf8"

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

// word is one word of a document: its bytes in the text, the fold of its
// first rune, and, once a term needed it, its folded form in the tokens'
// shared buffer.
type word struct {
	start, end   int     // byte offsets in the text
	fstart, fend int     // offsets of the folded form in tokens.folded; fstart < 0 until folded
	head         [4]byte // the folded first rune (a letter of Vietnamese: one byte)
	nhead        int8    // bytes of head; 0 when the first rune folds to nothing (a lone mark)
}

// tokens are the words of one text. A word is folded only when the fold
// of its first rune agrees with a query term's (most words of a candidate
// are rejected by one byte), once, into one buffer; its diacritic key only
// when a marked query term folds to it: ranking a thousand candidates
// allocates next to nothing and folds a few words of each.
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
	for i := 0; i < len(text); {
		c := text[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		in := isWordRune(r)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			t.add(start, i)
			start = -1
		}
		i += n
	}
	if start >= 0 {
		t.add(start, len(text))
	}
}

// wordRunes caches vntext.IsWordRune below U+2000 (Latin, its accents,
// combining marks): the runes of Vietnamese text, without a table search.
var wordRunes = func() (t [0x2000]bool) {
	for r := range t {
		t[r] = vntext.IsWordRune(rune(r))
	}
	return t
}()

// isWordRune is vntext.IsWordRune with a fast path for the runes above.
func isWordRune(r rune) bool {
	if r >= 0 && r < 0x2000 {
		return wordRunes[r]
	}
	return vntext.IsWordRune(r)
}

func (t *tokens) add(start, end int) {
	w := word{start: start, end: end, fstart: -1}
	if c := t.text[start]; c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		w.head[0], w.nhead = c, 1
	} else {
		_, n := utf8.DecodeRuneInString(t.text[start:end])
		w.nhead = int8(copy(w.head[:], vntext.AppendFold(w.head[:0], t.text[start:start+n])))
	}
	t.words = append(t.words, w)
}

// fold returns the folded form of word i, folding it on first use.
func (t *tokens) fold(i int) []byte {
	w := &t.words[i]
	if w.fstart < 0 {
		w.fstart = len(t.folded)
		t.folded = vntext.AppendFold(t.folded, t.text[w.start:w.end])
		w.fend = len(t.folded)
	}
	return t.folded[w.fstart:w.fend]
}

// matches reports whether word i satisfies term q.
func (t *tokens) matches(q *Term, i int) bool {
	w := &t.words[i]
	// The fold of the word starts with the fold of its first rune: where
	// that disagrees with the term, the word cannot match.
	if m := min(int(w.nhead), len(q.Folded)); string(w.head[:m]) != q.Folded[:m] {
		return false
	}
	f := t.fold(i)
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
