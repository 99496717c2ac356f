package story

import (
	"runtime"
	"slices"
	"sync"
)

// Grouper assigns items to stories one at a time. It remembers the last
// Window items in fixed-size rings plus one hash map from LSH band keys
// (and URL keys) to the newest item holding them; older items with the
// same key are chained through the ring. Entries that fall out of the
// window are swept once per Window items, so memory is bounded.
// A Grouper is not safe for concurrent use.
type Grouper struct {
	opt    Options
	seq    int64
	slots  []slot
	heads  map[uint64]int64 // band or URL key → newest seq with it
	bandNx []int64          // ring × numBands: previous seq with the same band key
	urlNx  []int64          // ring: previous seq with the same URL key
	stats  map[int64]*storyStats
	swept  int64
}

// slot is one remembered item.
type slot struct {
	f     Features
	story int64
}

type storyStats struct {
	articles int
	outlets  []string
	last     int64 // seq of the newest item, for sweeping
}

// New returns an empty Grouper.
func New(opt Options) *Grouper {
	opt = opt.withDefaults()
	return &Grouper{
		opt:    opt,
		slots:  make([]slot, opt.Window),
		heads:  make(map[uint64]int64),
		bandNx: make([]int64, opt.Window*numBands),
		urlNx:  make([]int64, opt.Window),
		stats:  make(map[int64]*storyStats),
	}
}

// Add assigns one item.
func (g *Grouper) Add(it *Item) Assignment {
	f := Extract(it, g.opt.MinShingles)
	return g.AddFeatures(&f)
}

// AddFeatures assigns an item whose features were computed by Extract.
func (g *Grouper) AddFeatures(f *Features) Assignment {
	seq := g.seq
	g.seq++
	a := Assignment{Seq: seq, Story: seq, Match: -1}
	if m := g.findURL(f); m >= 0 {
		a.Story, a.Match, a.Duplicate, a.Similarity = g.slot(m).story, m, true, 1
	} else if m, sim := g.findSimilar(f); m >= 0 {
		a.Story, a.Match, a.Similarity = g.slot(m).story, m, sim
	}
	g.remember(seq, f, a.Story)
	st := g.stats[a.Story]
	if st == nil {
		st = &storyStats{}
		g.stats[a.Story] = st
	}
	if !a.Duplicate {
		st.articles++
	}
	if !slices.Contains(st.outlets, f.source) {
		st.outlets = append(st.outlets, f.source)
	}
	st.last = seq
	a.Articles, a.Outlets = st.articles, len(st.outlets)
	// Sweeping every quarter window, not every window, keeps the key map
	// near one window's keys instead of two (a Go map never shrinks, so
	// its peak is what it keeps); each sweep costs one pass over the map.
	if seq-g.swept >= max(1, int64(g.opt.Window)/4) {
		g.sweep()
	}
	return a
}

func (g *Grouper) slot(seq int64) *slot { return &g.slots[seq%int64(g.opt.Window)] }

// alive reports whether seq is still in the window (and not the item
// being added, whose slot is not yet written).
func (g *Grouper) alive(seq int64) bool {
	cur := g.seq - 1
	return seq >= 0 && seq < cur && seq > cur-int64(g.opt.Window)
}

// findURL returns the newest remembered item with f's URL, or -1.
func (g *Grouper) findURL(f *Features) int64 {
	if f.urlKey == 0 {
		return -1
	}
	for s, ok := g.heads[f.urlKey]; ok && g.alive(s); s = g.urlNx[s%int64(g.opt.Window)] {
		if g.slot(s).f.urlKey == f.urlKey {
			return s
		}
	}
	return -1
}

// findSimilar returns the remembered item most similar to f above the
// threshold, within MaxGap and without conflicting title numbers; ties
// go to the newest. It returns -1 if there is none.
func (g *Grouper) findSimilar(f *Features) (int64, float64) {
	if !f.ok {
		return -1, 0
	}
	best, bestSim := int64(-1), 0.0
	maxGap := int64(g.opt.MaxGap.Seconds())
	for b := range numBands {
		key := bandKey(&f.sig, b)
		for s, ok := g.heads[key]; ok && g.alive(s); s = g.bandNx[(s%int64(g.opt.Window))*numBands+int64(b)] {
			o := &g.slot(s).f
			if f.unix != 0 && o.unix != 0 && f.unix-o.unix > 4*maxGap {
				break // chains run newest first: the rest is older still
			}
			if f.unix != 0 && o.unix != 0 && abs(f.unix-o.unix) > maxGap || numbersConflict(f, o) {
				continue
			}
			sim := similarity(&f.sig, &o.sig)
			if sim >= g.opt.Threshold && (sim > bestSim || sim == bestSim && s > best) {
				best, bestSim = s, sim
			}
		}
	}
	return best, bestSim
}

// remember stores f in the ring and links it into its key chains.
func (g *Grouper) remember(seq int64, f *Features, story int64) {
	i := seq % int64(g.opt.Window)
	g.slots[i] = slot{f: *f, story: story}
	g.urlNx[i] = -1
	if f.urlKey != 0 {
		g.urlNx[i] = g.link(f.urlKey, seq)
	}
	for b := range numBands {
		g.bandNx[i*numBands+int64(b)] = -1
		if f.ok {
			g.bandNx[i*numBands+int64(b)] = g.link(bandKey(&f.sig, b), seq)
		}
	}
}

// link makes seq the head of key's chain and returns the previous head.
func (g *Grouper) link(key uint64, seq int64) int64 {
	prev, ok := g.heads[key]
	g.heads[key] = seq
	if !ok {
		return -1
	}
	return prev
}

// sweep drops map entries that point only to items out of the window.
func (g *Grouper) sweep() {
	oldest := g.seq - int64(g.opt.Window)
	for k, s := range g.heads {
		if s < oldest {
			delete(g.heads, k)
		}
	}
	for id, st := range g.stats {
		if st.last < oldest {
			delete(g.stats, id)
		}
	}
	g.swept = g.seq
}

// Group assigns a batch of items in order, computing their features in
// parallel first; the result equals calling Add on each item in turn.
func (g *Grouper) Group(items []Item) []Assignment {
	feats := make([]Features, len(items))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(items); i += workers {
				feats[i] = Extract(&items[i], g.opt.MinShingles)
			}
		})
	}
	wg.Wait()
	out := make([]Assignment, len(items))
	for i := range feats {
		out[i] = g.AddFeatures(&feats[i])
	}
	return out
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
