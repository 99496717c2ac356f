package searchrank

import (
	"math"
	"slices"
	"time"
)

// Doc is a full-text candidate.
type Doc struct {
	ID        int64
	Title     string
	Summary   string
	Published time.Time
}

// Sort orders.
const (
	ByRelevance = "relevance" // BM25 blended with recency (the default for a query)
	ByDate      = "date"      // publication time, newest first
)

// BM25 parameters (the usual ones) and the title's weight: a word in the
// headline counts as titleWeight occurrences.
const (
	k1          = 1.2
	b           = 0.75
	titleWeight = 3
	// halfLife is how fast recency fades: a week-old article keeps
	// three quarters of the relevance of today's.
	halfLife = 7 * 24 * time.Hour
)

// Hit is a kept document and its score.
type Hit struct {
	ID    int64
	Score float64
}

// Rank keeps the docs that satisfy q (diacritics, phrases) and orders
// them: by relevance (BM25 over the kept docs, times a recency factor
// from 1 for the newest kept doc down to 1/2 for old ones), or by date;
// ties go to the higher id. The result depends only on q and docs, so
// both engines, handing the same candidates, get the same answer.
func Rank(q Query, docs []Doc, order string) []Hit {
	p := NewPool(q, 0)
	for i := range docs {
		p.Add(docs[i])
	}
	return p.Rank(order)
}

// Pool gathers the candidates a query keeps, in the order they are added
// (the engines add them newest first), up to a size, and ranks them as
// Rank does. A search stops reading candidates once the pool is full, so
// it reads and judges only as many as it needs.
type Pool struct {
	q      Query
	size   int
	ks     []kept
	tw, sw tokens
}

type kept struct {
	doc Doc
	tf  []float64
	len float64
}

// NewPool returns an empty pool for q holding at most size docs (0: no
// limit).
func NewPool(q Query, size int) *Pool { return &Pool{q: q, size: size} }

// Full reports a pool that holds its size.
func (p *Pool) Full() bool { return p.size > 0 && len(p.ks) >= p.size }

// Len is the number of docs kept.
func (p *Pool) Len() int { return len(p.ks) }

// Add judges d and keeps it when it satisfies the query and the pool is
// not full; it reports whether d was kept.
func (p *Pool) Add(d Doc) bool {
	if p.Full() {
		return false
	}
	p.tw.split(d.Title)
	p.sw.split(d.Summary)
	tf, ok := p.q.frequencies(&p.tw, &p.sw)
	if ok {
		p.ks = append(p.ks, kept{d, tf, float64(titleWeight*len(p.tw.words) + len(p.sw.words))})
	}
	return ok
}

// Rank orders the kept docs as Rank does.
func (p *Pool) Rank(order string) []Hit {
	ks := p.ks
	if len(ks) == 0 {
		return nil
	}
	avg, newest := 0.0, ks[0].doc.Published
	df := make([]float64, len(p.q.Terms))
	for _, k := range ks {
		avg += k.len
		if k.doc.Published.After(newest) {
			newest = k.doc.Published
		}
		for i, f := range k.tf {
			if f > 0 {
				df[i]++
			}
		}
	}
	avg /= float64(len(ks))
	n := float64(len(ks))
	out := make([]Hit, len(ks))
	for j, k := range ks {
		s := 0.0
		for i, f := range k.tf {
			idf := math.Log(1 + (n-df[i]+0.5)/(df[i]+0.5))
			s += idf * f * (k1 + 1) / (f + k1*(1-b+b*k.len/max(avg, 1)))
		}
		age := newest.Sub(k.doc.Published)
		s *= 0.5 + 0.5*math.Exp2(-float64(age)/float64(halfLife))
		out[j] = Hit{ID: k.doc.ID, Score: s}
	}
	pub := make(map[int64]time.Time, len(ks))
	for _, k := range ks {
		pub[k.doc.ID] = k.doc.Published
	}
	slices.SortStableFunc(out, func(x, y Hit) int {
		if order == ByDate {
			if c := pub[y.ID].Compare(pub[x.ID]); c != 0 {
				return c
			}
		} else if x.Score != y.Score {
			if x.Score > y.Score {
				return -1
			}
			return 1
		}
		return cmpID(y.ID, x.ID)
	})
	return out
}

func cmpID(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// frequencies returns each term's weighted frequency in a doc (title
// words count titleWeight times), and whether the doc satisfies the
// query: every term present (as typed) and every phrase in a row.
func (q Query) frequencies(title, summary *tokens) ([]float64, bool) {
	var tf []float64
	for i := range q.Terms {
		t := &q.Terms[i]
		f := 0.0
		for k := range title.words {
			if title.matches(t, k) {
				f += titleWeight
			}
		}
		for k := range summary.words {
			if summary.matches(t, k) {
				f++
			}
		}
		if f == 0 {
			return nil, false
		}
		if tf == nil {
			tf = make([]float64, len(q.Terms))
		}
		tf[i] = f
	}
	for _, p := range q.Phrases {
		if !q.phraseIn(p, title) && !q.phraseIn(p, summary) {
			return nil, false
		}
	}
	return tf, true
}

// phraseIn reports terms p[0]..p[1] appearing consecutively in t.
func (q Query) phraseIn(p [2]int, t *tokens) bool {
	n := p[1] - p[0]
	for s := 0; s+n <= len(t.words); s++ {
		ok := true
		for i := range n {
			if !t.matches(&q.Terms[p[0]+i], s+i) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
