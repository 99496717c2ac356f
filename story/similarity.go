package story

import "math"

// wtok is a token with its weight in the item: 2 in the title only, 1 in
// the summary only, 3 in both (the title says what the story is; outlets
// write their own summaries).
type wtok struct {
	t   uint32
	w   uint8
	ent bool   // part of a name or a figure (entities.go)
	dia uint16 // for a word of the summary: its key with diacritics, hashed to 16 bits (events.go); fits the padding
}

// weigh merges sorted title and summary tokens into one sorted list.
func weigh(title, body []uint32) []wtok {
	out := make([]wtok, 0, len(title)+len(body))
	i, j := 0, 0
	for i < len(title) || j < len(body) {
		switch {
		case j == len(body) || i < len(title) && title[i] < body[j]:
			out = append(out, wtok{t: title[i], w: 2})
			i++
		case i == len(title) || body[j] < title[i]:
			out = append(out, wtok{t: body[j], w: 1})
			j++
		default:
			out = append(out, wtok{t: title[i], w: 3})
			i, j = i+1, j+1
		}
	}
	return out
}

// docFreq counts, for each token, the remembered items holding it: the
// rarer a shared token, the more it says two items are one story ("Thùy
// Linh" more than "vào", "Hưng Yên" more than "chủ tịch tỉnh").
type docFreq struct {
	n      int // items counted
	counts map[uint32]int32
}

func (d *docFreq) add(f *Features, delta int32) {
	d.n += int(delta)
	for _, x := range f.toks {
		if c := d.counts[x.t] + delta; c > 0 {
			d.counts[x.t] = c
		} else {
			delete(d.counts, x.t)
		}
	}
}

// minDocs is the least number of items IDF assumes: a young window (a
// new installation) would otherwise weigh every word it has seen once
// below the words it has never seen.
const minDocs = 1000

func (d *docFreq) idf(t uint32) float64 {
	return math.Log(float64(max(d.n, minDocs)+2) / float64(d.counts[t]+1))
}

// norm is the length of f's IDF-weighted vector.
func (d *docFreq) norm(f *Features) float64 {
	s := 0.0
	for _, x := range f.toks {
		v := float64(x.w) * d.idf(x.t)
		s += v * v
	}
	return math.Sqrt(s)
}

// cosine is the IDF-weighted cosine similarity of a and b, whose norms
// are na and nb.
func (d *docFreq) cosine(a, b *Features, na, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	dot := 0.0
	i, j := 0, 0
	for i < len(a.toks) && j < len(b.toks) {
		switch x, y := a.toks[i], b.toks[j]; {
		case x.t < y.t:
			i++
		case x.t > y.t:
			j++
		default:
			v := d.idf(x.t)
			dot += float64(x.w) * float64(y.w) * v * v
			i, j = i+1, j+1
		}
	}
	return dot / (na * nb)
}
