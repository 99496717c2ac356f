package watch

import (
	"slices"
	"sync"

	"ttdn/vntext"
)

// Hit is one occurrence of a term's form in a text.
type Hit struct {
	Term       int // index into Matcher.Terms
	Form       int // index into Term.Forms (0 is the name)
	Start, End int // byte span in the text matched
}

// Matcher finds the terms of a watchlist in texts. It is a trie over the
// ids of folded words: the words of all phrases get small integer ids, and
// the text's words are looked up once each, so finding candidates costs one
// map lookup per word plus a short walk where a phrase could start —
// independent of the number of terms. A candidate is then confirmed on the
// words' keys (diacritics) and the term's rules. A Matcher is immutable and
// safe for concurrent use.
type Matcher struct {
	terms   []Term
	vocab   map[string]uint32 // folded word → id ≥ 1
	edges   map[uint64]uint32 // node<<32 | word id → child node
	out     [][]phraseRef     // node → phrases ending there
	phrases [][]phraseWord    // phraseRef.phrase → its words
	maxLen  int               // words in the longest phrase
	rules   bool              // some term has exclusions or a context rule
	pool    sync.Pool         // *scratch
}

// breakID is the trie edge of clause punctuation inside a phrase
// ("chủ quyền biển, đảo"); no word has it.
const breakID = ^uint32(0)

// The kinds of phrase: a form of the term, or one of its rules.
const (
	kindForm uint8 = iota
	kindExclude
	kindContext
)

// phraseRef says whose phrase ends at a trie node. index is the form's
// index in Term.Forms, or the phrase's in Exclude or Context.
type phraseRef struct {
	term, index, phrase int32
	kind                uint8
}

// occurrence is a confirmed phrase in a text, by word positions.
type occurrence struct {
	ref        phraseRef
	first, end int // tokens [first, end)
}

// scratch is per-call working memory, pooled to keep Match allocation-free
// apart from its result.
type scratch struct {
	buf    []byte
	keys   []byte // the keys of the tokens confirm needed, one after another
	tokens []token
	occ    []occurrence // confirmed phrases
	kept   []occurrence // the forms' occurrences the rules keep
}

// Compile builds a Matcher for terms. Phrases of one term that have the same
// words (same diacritics, same punctuation) count once. Terms are not
// validated: a phrase without words never matches.
func Compile(terms []Term) *Matcher {
	m := &Matcher{
		terms: slices.Clone(terms),
		vocab: make(map[string]uint32),
		edges: make(map[uint64]uint32),
		out:   [][]phraseRef{nil},
	}
	m.pool.New = func() any { return &scratch{buf: make([]byte, 0, 64), keys: make([]byte, 0, 256)} }
	for ti := range m.terms {
		t := &m.terms[ti]
		m.rules = m.rules || len(t.Exclude) > 0 || len(t.Context) > 0
		for _, group := range []struct {
			kind    uint8
			phrases []string
		}{{kindForm, t.Forms()}, {kindExclude, t.Exclude}, {kindContext, t.Context}} {
			seen := map[string]bool{}
			for i, p := range group.phrases {
				words := phraseWords(p)
				sig := signature(words)
				if len(words) == 0 || seen[sig] {
					continue
				}
				seen[sig] = true
				m.add(words, phraseRef{term: int32(ti), index: int32(i), kind: group.kind})
			}
		}
	}
	return m
}

// signature identifies a phrase's words with their diacritics and breaks.
func signature(words []phraseWord) string {
	var b []byte
	for _, w := range words {
		if w.brk {
			b = append(b, ',')
		}
		b = append(b, w.key...)
		b = append(b, ' ')
	}
	return string(b)
}

// add inserts a phrase's folded words into the trie.
func (m *Matcher) add(words []phraseWord, ref phraseRef) {
	node := uint32(0)
	step := func(id uint32) {
		key := uint64(node)<<32 | uint64(id)
		child, ok := m.edges[key]
		if !ok {
			child = uint32(len(m.out))
			m.out = append(m.out, nil)
			m.edges[key] = child
		}
		node = child
	}
	for _, w := range words {
		if w.brk {
			step(breakID)
		}
		id, ok := m.vocab[w.folded]
		if !ok {
			id = uint32(len(m.vocab) + 1)
			m.vocab[w.folded] = id
		}
		step(id)
	}
	ref.phrase = int32(len(m.phrases))
	m.phrases = append(m.phrases, words)
	m.out[node] = append(m.out[node], ref)
	m.maxLen = max(m.maxLen, len(words))
}

// Terms returns the terms the Matcher was compiled from (do not modify).
func (m *Matcher) Terms() []Term { return m.terms }

// Match returns every occurrence of every form in text, ordered by start
// and then by length. Overlapping forms are all reported ("tỉnh Tây Ninh"
// and "Tây Ninh"); a term is reported once per span. text is one field (a
// title, a summary): whether it is written with diacritics is judged on the
// whole of it.
func (m *Matcher) Match(text string) []Hit {
	return m.AppendMatches(nil, text)
}

// AppendMatches appends the hits in text to dst and returns it.
func (m *Matcher) AppendMatches(dst []Hit, text string) []Hit {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	sc.tokens, sc.keys = sc.tokens[:0], sc.keys[:0]
	sc.buf = scanWords(text, sc.buf, func(w word) {
		sc.tokens = append(sc.tokens, token{id: m.vocab[string(w.folded)], start: int32(w.start), end: int32(w.end),
			brk: w.brk, marked: w.marked, ascii: w.ascii})
	})
	marked := false
	for i := range sc.tokens {
		marked = marked || sc.tokens[i].marked
	}
	sc.occ = m.find(sc, text, marked)
	found := sc.occ
	if m.rules {
		sc.kept = m.applyRules(sc.occ, sc.kept)
		found = sc.kept
	}
	for _, o := range found {
		dst = append(dst, Hit{int(o.ref.term), int(o.ref.index), int(sc.tokens[o.first].start), int(sc.tokens[o.end-1].end)})
	}
	return dst
}

// find walks the trie from every word and returns the confirmed phrases,
// by start and then length; per span, a term's first confirmed phrase of
// each kind.
func (m *Matcher) find(sc *scratch, text string, marked bool) []occurrence {
	occ, toks := sc.occ[:0], sc.tokens
	for i := range toks {
		node := uint32(0)
		for j := i; j < len(toks) && j-i < m.maxLen; j++ {
			if toks[j].id == 0 {
				break
			}
			ok := true
			if j > i && toks[j].brk {
				node, ok = m.edges[uint64(node)<<32|uint64(breakID)]
			}
			if ok {
				node, ok = m.edges[uint64(node)<<32|uint64(toks[j].id)]
			}
			if !ok {
				break
			}
			done := int32(-1) // the term confirmed last at this span
			var doneKind uint8
			for _, r := range m.out[node] {
				if r.term == done && r.kind == doneKind {
					continue
				}
				if m.confirm(sc, text, marked, r, toks[i:j+1]) {
					done, doneKind = r.term, r.kind
					occ = append(occ, occurrence{r, i, j + 1})
				}
			}
		}
	}
	return occ
}

// confirm checks a candidate's diacritics: its folded words are the
// phrase's; in a text written with diacritics each word's key must be the
// phrase word's too, except a word written without diacritics for a
// Folded term.
func (m *Matcher) confirm(sc *scratch, text string, marked bool, r phraseRef, toks []token) bool {
	if !marked {
		return true
	}
	words, folded := m.phrases[r.phrase], m.terms[r.term].Folded
	for k := range toks {
		t, w := &toks[k], &words[k]
		switch {
		case folded && !t.marked:
			continue
		case t.ascii: // its key is its folded form, the phrase word's
			if !w.plain {
				return false
			}
			continue
		}
		if t.key == 0 { // computed once per token and text
			t.keyStart = int32(len(sc.keys))
			sc.keys = vntext.AppendKey(sc.keys, text[t.start:t.end])
			t.key = int32(len(sc.keys))
		}
		if string(sc.keys[t.keyStart:t.key]) != w.key {
			return false
		}
	}
	return true
}

// applyRules returns, in kept, the forms' occurrences that lie inside none
// of their term's exclusions and, for a term with a context rule, have a
// context phrase near enough.
func (m *Matcher) applyRules(occ, kept []occurrence) []occurrence {
	kept = kept[:0]
	for _, o := range occ {
		if o.ref.kind == kindForm && m.allowed(o, occ) {
			kept = append(kept, o)
		}
	}
	return kept
}

func (m *Matcher) allowed(o occurrence, occ []occurrence) bool {
	t := &m.terms[o.ref.term]
	near := len(t.Context) == 0
	for _, p := range occ {
		if p.ref.term != o.ref.term {
			continue
		}
		switch p.ref.kind {
		case kindExclude:
			if p.first <= o.first && o.end <= p.end {
				return false
			}
		case kindContext:
			near = near || gap(o, p) <= t.within()
		}
	}
	return near
}

// gap is the number of words between two occurrences, 0 when they overlap.
func gap(a, b occurrence) int {
	switch {
	case b.end <= a.first:
		return a.first - b.end
	case a.end <= b.first:
		return b.first - a.end
	}
	return 0
}

// MatchTerms returns the indexes of the distinct terms found in text, in
// order of first occurrence.
func (m *Matcher) MatchTerms(text string) []int {
	hits := m.Match(text)
	var terms []int
	for _, h := range hits {
		if !slices.Contains(terms, h.Term) {
			terms = append(terms, h.Term)
		}
	}
	return terms
}
