package watch

import (
	"slices"
	"strings"
	"sync"
)

// Hit is one occurrence of a term's form in a text.
type Hit struct {
	Term       int // index into Matcher.Terms
	Form       int // index into Term.Forms (0 is the name)
	Start, End int // byte span in the text matched
}

// Matcher finds the terms of a watchlist in texts. It is a trie over word
// ids: the words of all forms get small integer ids, and the text's words
// are looked up once each, so matching costs one map lookup per word plus
// a short walk where a form could start — independent of the number of
// terms. A Matcher is immutable and safe for concurrent use.
type Matcher struct {
	terms  []Term
	vocab  map[string]uint32 // folded word → id ≥ 1
	edges  map[uint64]uint32 // node<<32 | word id → child node
	out    [][]formRef       // node → forms ending there
	maxLen int               // words in the longest form
	pool   sync.Pool         // *scratch
}

type formRef struct{ term, form int32 }

// scratch is per-call working memory, pooled to keep Match allocation-free
// apart from its result.
type scratch struct {
	buf    []byte
	tokens []token
}

// Compile builds a Matcher for terms. Forms that fold to the same words
// within one term count once. Terms are not validated: a form without
// words never matches.
func Compile(terms []Term) *Matcher {
	m := &Matcher{
		terms: slices.Clone(terms),
		vocab: make(map[string]uint32),
		edges: make(map[uint64]uint32),
		out:   [][]formRef{nil},
	}
	m.pool.New = func() any { return &scratch{buf: make([]byte, 0, 64)} }
	for ti := range m.terms {
		seen := map[string]bool{}
		for fi, form := range m.terms[ti].Forms() {
			words := foldWords(form)
			key := strings.Join(words, " ")
			if len(words) == 0 || seen[key] {
				continue
			}
			seen[key] = true
			m.add(words, formRef{int32(ti), int32(fi)})
		}
	}
	return m
}

// add inserts a form's words into the trie.
func (m *Matcher) add(words []string, ref formRef) {
	node := uint32(0)
	for _, w := range words {
		id, ok := m.vocab[w]
		if !ok {
			id = uint32(len(m.vocab) + 1)
			m.vocab[w] = id
		}
		key := uint64(node)<<32 | uint64(id)
		child, ok := m.edges[key]
		if !ok {
			child = uint32(len(m.out))
			m.out = append(m.out, nil)
			m.edges[key] = child
		}
		node = child
	}
	m.out[node] = append(m.out[node], ref)
	m.maxLen = max(m.maxLen, len(words))
}

// Terms returns the terms the Matcher was compiled from (do not modify).
func (m *Matcher) Terms() []Term { return m.terms }

// Match returns every occurrence of every form in text, ordered by start
// and then by length. Overlapping forms are all reported ("tỉnh Tây Ninh"
// and "Tây Ninh").
func (m *Matcher) Match(text string) []Hit {
	return m.AppendMatches(nil, text)
}

// AppendMatches appends the hits in text to dst and returns it.
func (m *Matcher) AppendMatches(dst []Hit, text string) []Hit {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	sc.tokens = sc.tokens[:0]
	sc.buf = forEachWord(text, sc.buf, func(w []byte, start, end int) {
		sc.tokens = append(sc.tokens, token{m.vocab[string(w)], int32(start), int32(end)})
	})
	toks := sc.tokens
	for i := range toks {
		node := uint32(0)
		for j := i; j < len(toks) && j-i < m.maxLen; j++ {
			if toks[j].id == 0 {
				break
			}
			child, ok := m.edges[uint64(node)<<32|uint64(toks[j].id)]
			if !ok {
				break
			}
			node = child
			for _, r := range m.out[node] {
				dst = append(dst, Hit{int(r.term), int(r.form), int(toks[i].start), int(toks[j].end)})
			}
		}
	}
	return dst
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
