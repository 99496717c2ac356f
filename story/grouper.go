package story

import (
	"runtime"
	"slices"
	"sync"
)

// Candidate search: an item is compared with the remembered items that
// share one of its probeTokens rarest title tokens, walking each token's
// postings newest first, at most maxWalk of them.
const (
	probeTokens = 6
	maxWalk     = 400
)

// Grouper assigns items to stories one at a time. It remembers the last
// Window items in a ring, postings from title tokens and article keys to
// the items holding them, and the document frequency of every token in
// the window (for IDF weights). An item leaves the window when Window
// newer items came after it or when it is older than the newest by more
// than Horizon; its slot is cleared then, and the map entries pointing to
// the items that left are swept once a quarter of the window has left, so
// memory is bounded by both.
// A Grouper is not safe for concurrent use.
type Grouper struct {
	opt   Options
	seq   int64
	slots []slot
	urls  map[uint64]int64   // article key → newest seq with it
	posts map[uint32][]int64 // title token → seqs holding it, oldest first
	df    docFreq
	// recent counts the tokens of the items of the last recentSpan only
	// (for the confirm stage): during a burst ("bão Kalmaegi" all day) the
	// topic's words are common in it, so what two items share beyond the
	// topic weighs more.
	recent  docFreq
	tail    int64 // oldest seq counted in recent
	oldest  int64 // oldest seq still in the window
	stats   map[int64]*storyStats
	swept   int64                       // oldest when the maps were last swept
	cut     float64                     // the least link score: linkCut (tests measure others)
	weights *[nLinkFeatures + 1]float64 // &linkWeights (tests measure others)
	fw      itemWeights                 // the weights of the item being added
	// Test hooks, nil outside tests: observe sees each item before it is
	// assigned (with the frequencies its links are scored with), scored
	// each candidate scored by the link model.
	observe func(seq int64, f *Features)
	scored  func(seq, s int64, p float64)
	// choose, nil outside tests, picks the link among those scored at
	// least the cut (story/README.md, "Ninth grouper": rules by which an
	// item joins a story, measured against the best link and dropped).
	choose func(f *Features, na float64, links []link) (int64, float64)
	links  []link // the links of the item being added, when choose is set
}

// link is a candidate scored at least the cut.
type link struct {
	s   int64
	sim float64
	p   float64
}

// slot is one remembered item.
type slot struct {
	f     Features
	norm  float64 // f's vector length with the frequencies of normN items
	normN int
	story int64
}

type storyStats struct {
	members  []int64 // remembered items, to keep a story free of conflicts
	articles int
	outlets  []string
	last     int64 // seq of the newest item, for sweeping
}

// New returns an empty Grouper.
func New(opt Options) *Grouper {
	opt = opt.withDefaults()
	return &Grouper{
		opt:     opt,
		slots:   make([]slot, opt.Window),
		urls:    make(map[uint64]int64),
		posts:   make(map[uint32][]int64),
		df:      docFreq{counts: make(map[uint32]int32)},
		recent:  docFreq{counts: make(map[uint32]int32)},
		stats:   make(map[int64]*storyStats),
		cut:     linkCut,
		weights: &linkWeights,
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
	for g.tail < seq && (g.tail <= seq-int64(g.opt.Window) || g.olderThan(g.tail, f, recentSpan)) {
		g.recent.add(&g.slot(g.tail).f, -1)
		g.tail++
	}
	// Items leaving the window: Window newer ones came, or they are older
	// than the horizon. An item older than the horizon is older than the
	// recent span too, so it has left recent already (oldest ≤ tail).
	horizon := int64(g.opt.Horizon.Seconds())
	for g.oldest < g.tail && (g.oldest <= seq-int64(g.opt.Window) || g.olderThan(g.oldest, f, horizon)) {
		g.df.add(&g.slot(g.oldest).f, -1)
		*g.slot(g.oldest) = slot{} // its tokens go with it
		g.oldest++
	}
	if g.observe != nil {
		g.observe(seq, f)
	}
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
	st.members = append(st.members, seq)
	a.Articles, a.Outlets = st.articles, len(st.outlets)
	if left := g.oldest - g.swept; left > 0 && left >= max(1, (g.seq-g.oldest)/4) {
		g.sweep()
	}
	return a
}

// olderThan reports whether remembered item s was published more than
// span seconds before f (items without a time are never too old).
func (g *Grouper) olderThan(s int64, f *Features, span int64) bool {
	o := g.slot(s).f.unix
	return f.unix != 0 && o != 0 && o < f.unix-span
}

func (g *Grouper) slot(seq int64) *slot { return &g.slots[seq%int64(g.opt.Window)] }

// alive reports whether seq is still in the window (and not the item
// being added, whose slot is not yet written).
func (g *Grouper) alive(seq int64) bool {
	return seq >= g.oldest && seq < g.seq-1
}

// findURL returns the newest remembered item with f's article key, or -1.
func (g *Grouper) findURL(f *Features) int64 {
	if f.urlKey == 0 {
		return -1
	}
	if s, ok := g.urls[f.urlKey]; ok && g.alive(s) && g.slot(s).f.urlKey == f.urlKey {
		return s
	}
	return -1
}

// findSimilar returns the candidate the link model scores highest, among
// those at least Threshold similar, within MaxGap, free of conflicting
// dates, figures, stages or names and scored at least linkCut; ties go
// to the newest. It returns -1 if there is none.
func (g *Grouper) findSimilar(f *Features) (int64, float64) {
	if !f.ok {
		return -1, 0
	}
	best, bestSim, bestP := int64(-1), 0.0, 0.0
	maxGap := int64(g.opt.MaxGap.Seconds())
	na := g.df.norm(f)
	weighed := false
	seen := map[int64]bool{}
	for _, t := range g.probes(f) {
		list := g.posts[t]
		for k, walked := len(list)-1, 0; k >= 0 && walked < maxWalk; k, walked = k-1, walked+1 {
			s := list[k]
			if !g.alive(s) {
				break
			}
			o := &g.slot(s).f
			if f.unix != 0 && o.unix != 0 && f.unix-o.unix > 4*maxGap {
				break // postings run newest first: the rest is older still
			}
			if seen[s] || !o.ok || f.unix != 0 && o.unix != 0 && abs(f.unix-o.unix) > maxGap {
				continue
			}
			seen[s] = true
			if g.storyConflicts(f, s) {
				continue
			}
			sim := g.df.cosine(f, o, na, g.norm(s))
			if sim < g.opt.Threshold {
				continue
			}
			if !weighed {
				g.weigh(f, &g.fw)
				weighed = true
			}
			x := g.linkFeatures(f, &g.fw, o, sim)
			p := linkScore(g.weights, &x)
			if g.scored != nil {
				g.scored(g.seq-1, s, p)
			}
			if p < g.cut {
				continue
			}
			if g.choose != nil {
				g.links = append(g.links, link{s, sim, p})
			}
			if p > bestP || p == bestP && s > best {
				best, bestSim, bestP = s, sim, p
			}
		}
	}
	if g.choose != nil && len(g.links) > 0 {
		best, bestSim = g.choose(f, na, g.links)
		g.links = g.links[:0]
	}
	return best, bestSim
}

// storyConflicts reports f conflicting with item s, or in anything but
// its figures with another remembered item of s's story: links are
// transitive, so "vào bán kết" must not join the story of "vào chung
// kết" through a third item that conflicts with neither. Figures other
// than dates are checked against s alone: the figures of one running
// story move ("83 người ngộ độc", "hơn 170 người", "gần 300 người"), and
// the rounds, dates and stages that tell sibling events apart are
// checked against every member.
func (g *Grouper) storyConflicts(f *Features, s int64) bool {
	if conflict(f, &g.slot(s).f) {
		return true
	}
	st := g.stats[g.slot(s).story]
	if st == nil {
		return false
	}
	for _, m := range st.members {
		if m != s && g.alive(m) && hardConflict(f, &g.slot(m).f) {
			return true
		}
	}
	return false
}

// probes returns f's rarest title tokens that some remembered item holds
// (a token no one holds finds nothing).
func (g *Grouper) probes(f *Features) []uint32 {
	p := make([]uint32, 0, len(f.title))
	for _, t := range f.title {
		if len(g.posts[t]) > 0 {
			p = append(p, t)
		}
	}
	slices.SortFunc(p, func(a, b uint32) int {
		if ca, cb := len(g.posts[a]), len(g.posts[b]); ca != cb {
			return ca - cb
		}
		return cmpU32(a, b)
	})
	return p[:min(len(p), probeTokens)]
}

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// norm returns the vector length of remembered item s, recomputed when
// the window has grown by 2 % since (IDF weights of a young window
// move fast; a full window's hardly).
func (g *Grouper) norm(s int64) float64 {
	sl := g.slot(s)
	if g.df.n > sl.normN+sl.normN/50+16 {
		sl.norm, sl.normN = g.df.norm(&sl.f), g.df.n
	}
	return sl.norm
}

// remember stores f in the ring, its postings and its token counts.
func (g *Grouper) remember(seq int64, f *Features, story int64) {
	*g.slot(seq) = slot{f: *f, norm: g.df.norm(f), normN: g.df.n, story: story}
	if f.urlKey != 0 {
		g.urls[f.urlKey] = seq
	}
	if f.ok {
		for _, t := range f.title {
			g.posts[t] = append(g.posts[t], seq)
		}
	}
	g.df.add(f, 1)
	g.recent.add(f, 1)
}

// sweep drops entries that point only to items out of the window.
func (g *Grouper) sweep() {
	oldest := g.oldest
	for k, s := range g.urls {
		if s < oldest {
			delete(g.urls, k)
		}
	}
	for t, list := range g.posts {
		i := 0
		for i < len(list) && list[i] < oldest {
			i++
		}
		switch {
		case i == len(list):
			delete(g.posts, t)
		case i > 0:
			g.posts[t] = slices.Clone(list[i:])
		}
	}
	for id, st := range g.stats {
		if st.last < oldest {
			delete(g.stats, id)
			continue
		}
		i := 0
		for i < len(st.members) && st.members[i] < oldest {
			i++
		}
		st.members = st.members[i:]
	}
	g.swept = g.oldest
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

// recentSpan is the span of the second document frequencies (recent).
const recentSpan = 24 * 3600
