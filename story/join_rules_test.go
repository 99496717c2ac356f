package story

import (
	"cmp"
	"slices"
)

// How an item joins a story (README.md, "Ninth grouper"). A pair is one
// story when both items end in one story, so the rule by which an item
// joins a story decides the figures as well as the pair's score. The
// grouper joins the story of the best link at least the cut (single
// linkage); the rules below were measured against it through the
// grouper's choose hook and dropped (ninth_test.go).

// joinKind is a rule for joining a story.
type joinKind int

const (
	// joinBest: the story of the best-scoring link at least the cut
	// (single linkage; the eighth grouper).
	joinBest joinKind = iota
	// joinFirst: the best link at least the cut whose story's earliest
	// remembered member within MaxGap scores at least floor against the
	// item (the story's first item as its representative).
	joinFirst
	// joinMean: the best link at least the cut whose story's members
	// within MaxGap score at least floor on average (average linkage
	// behind a single-link cut).
	joinMean
	// joinMin: the best link at least the cut whose story's members
	// within MaxGap all score at least floor (complete linkage behind a
	// single-link cut).
	joinMin
	// joinMeanChoice: among the stories of links at least the cut, the
	// one whose members within MaxGap score highest on average, if that
	// mean is at least floor.
	joinMeanChoice
	// joinVeto: the best link at least the cut whose story holds no
	// member that was scored as a candidate of the item (at least
	// Threshold similar, within MaxGap, reached) and scored below floor;
	// members never scored say nothing (round 3).
	joinVeto
)

// joinRule is a join kind and its floor.
type joinRule struct {
	kind  joinKind
	floor float64
}

// linkJoin is the grouper's join rule.
var linkJoin = joinRule{kind: joinBest}

// setJoin makes g join stories by rule r.
func (g *Grouper) setJoin(r joinRule) {
	g.choose = nil
	if r.kind == joinVeto {
		// Every candidate's score, through the scored hook.
		var seq int64 = -1
		var low map[int64]float64 // story → least candidate score
		g.scored = func(q, s int64, p float64) {
			if q != seq {
				seq, low = q, map[int64]float64{}
			}
			st := g.slot(s).story
			if v, ok := low[st]; !ok || p < v {
				low[st] = p
			}
		}
		g.choose = func(f *Features, na float64, links []link) (int64, float64) {
			slices.SortFunc(links, func(a, b link) int {
				if c := cmp.Compare(b.p, a.p); c != 0 {
					return c
				}
				return cmp.Compare(b.s, a.s)
			})
			for _, l := range links {
				if low[g.slot(l.s).story] >= r.floor {
					return l.s, l.sim
				}
			}
			return -1, 0
		}
		return
	}
	if r.kind != joinBest {
		g.choose = func(f *Features, na float64, links []link) (int64, float64) {
			return g.joinStory(r, f, na, links)
		}
	}
}

// maxJoinMembers is how many of a story's members, newest first, a join
// rule scores the item against: a storm's story can hold hundreds.
const maxJoinMembers = 64

// joinStory returns the link (item and similarity) rule r chooses among
// links, or -1 when none of their stories passes it. na is f's vector
// length.
func (g *Grouper) joinStory(r joinRule, f *Features, na float64, links []link) (int64, float64) {
	slices.SortFunc(links, func(a, b link) int {
		if c := cmp.Compare(b.p, a.p); c != 0 {
			return c
		}
		return cmp.Compare(b.s, a.s)
	})
	tried := map[int64]bool{}
	bestS, bestSim, bestMean := int64(-1), 0.0, -1.0
	for _, l := range links {
		story := g.slot(l.s).story
		if tried[story] {
			continue
		}
		tried[story] = true
		first, mean, low := g.storyScores(f, na, story, links)
		switch r.kind {
		case joinFirst:
			if first >= r.floor {
				return l.s, l.sim
			}
		case joinMean:
			if mean >= r.floor {
				return l.s, l.sim
			}
		case joinMin:
			if low >= r.floor {
				return l.s, l.sim
			}
		case joinMeanChoice:
			if mean >= r.floor && mean > bestMean {
				bestS, bestSim, bestMean = l.s, l.sim, mean
			}
		}
	}
	return bestS, bestSim
}

// storyScores scores f against the remembered members of story within
// MaxGap (at most maxJoinMembers, newest first): the earliest one's
// score, the mean and the least. A story with no such member scores 1.
func (g *Grouper) storyScores(f *Features, na float64, story int64, links []link) (first, mean, low float64) {
	st := g.stats[story]
	if st == nil {
		return 1, 1, 1
	}
	maxGap := int64(g.opt.MaxGap.Seconds())
	first, low = 1, 1
	sum, n := 0.0, 0
	for k := len(st.members) - 1; k >= 0 && n < maxJoinMembers; k-- {
		m := st.members[k]
		if !g.alive(m) {
			continue
		}
		o := &g.slot(m).f
		if !o.ok || f.unix != 0 && o.unix != 0 && abs(f.unix-o.unix) > maxGap {
			continue
		}
		p := -1.0
		for _, l := range links {
			if l.s == m {
				p = l.p
				break
			}
		}
		if p < 0 {
			sim := g.df.cosine(f, o, na, g.norm(m))
			x := g.linkFeatures(f, &g.fw, o, sim)
			p = linkScore(g.weights, &x)
		}
		first = p // members run newest first: the last seen is the earliest
		low = min(low, p)
		sum += p
		n++
	}
	if n == 0 {
		return 1, 1, 1
	}
	return first, sum / float64(n), low
}
