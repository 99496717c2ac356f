package story

import (
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
)

// The ninth grouper's measures (README.md, "Ninth grouper"): how the
// errors of the grouping arise (a pair linked directly or through others;
// a same-story pair split between two stories), and the join rules
// (join.go), each fitted and measured by the rules of the eighth round.
// Slow and only for re-measuring:
// STORY_TRIALS=1 go test -run 'TestNinth' -v ./story/
// (STORY_TRIALS=text: only the trials whose name holds text)

// errorCounts classifies a grouping's errors on the labelled pairs.
type errorCounts struct {
	falseDirect, falseChosen, falseChain int // false "same story": pair scored ≥ cut (the later item's chosen link), or not
	missNever, missMember, missUnreached int // missed: not a candidate; kept out by a member of the story; never scored
	missBelow, missSplit, missSplitPair  int // missed: scored below the cut; a link ≥ cut into the other's story, another story joined (of which the pair itself)
	missRefused                          int // missed: a link ≥ cut into the other's story refused by the join rule, no other story
	chained, split                       []labelledPair
}

func (c errorCounts) String() string {
	return fmt.Sprintf("false links %d: %d direct (pair scored ≥ cut; %d of them the later item's chosen link), %d through others (chaining); "+
		"missed %d: %d never candidates, %d kept out by a member of the other's story, %d candidates never scored, %d scored below the cut, "+
		"%d split (a link ≥ cut into the other's story, another story joined; %d of them the pair's own link), %d refused by the join rule (new story)",
		c.falseDirect+c.falseChain, c.falseDirect, c.falseChosen, c.falseChain,
		c.missNever+c.missMember+c.missUnreached+c.missBelow+c.missSplit+c.missRefused,
		c.missNever, c.missMember, c.missUnreached, c.missBelow, c.missSplit, c.missSplitPair, c.missRefused)
}

// classifyErrors groups the sample with weights w, cut and join rule and
// classifies the errors on pairs (feats: their scorability).
func classifyErrors(pairs []labelledPair, feats []pairFeatures, sample []Features, ids []string,
	w *[nLinkFeatures + 1]float64, cut float64, join joinRule) (errorCounts, map[string]int64) {
	at := map[string]int{}
	for i, id := range ids {
		at[id] = i
	}
	later := map[int64][]int{}
	for k, p := range pairs {
		l := int64(max(at[p.a], at[p.b]))
		later[l] = append(later[l], k)
	}
	g := New(Options{})
	g.cut, g.weights = cut, w
	g.setJoin(join)
	score := map[[2]int64]float64{}
	intoStory := map[int]bool{}      // pair k: the later item had a link ≥ cut into the earlier's story
	memberConflict := map[int]bool{} // pair k: the earlier's story held a member conflicting with the later item
	storyOf := map[int]int64{}       // pair k: the earlier's story when the later item came
	g.observe = func(seq int64, f *Features) {
		for _, k := range later[seq] {
			p := pairs[k]
			e := int64(min(at[p.a], at[p.b]))
			storyOf[k] = g.slot(e).story
			memberConflict[k] = !conflict(f, &g.slot(e).f) && g.storyConflicts(f, e)
		}
	}
	prev := g.scored // the join rule's, if any
	g.scored = func(seq, s int64, p float64) {
		if prev != nil {
			prev(seq, s, p)
		}
		score[[2]int64{seq, s}] = p
		if p >= g.cut {
			for _, k := range later[seq] {
				if g.slot(s).story == storyOf[k] {
					intoStory[k] = true
				}
			}
		}
	}
	story := make(map[string]int64, len(ids))
	asg := make([]Assignment, len(sample))
	for i := range sample {
		f := sample[i]
		asg[i] = g.AddFeatures(&f)
		story[ids[i]] = asg[i].Story
	}
	var c errorCounts
	for k, pf := range feats {
		p := pf.p
		l, e := int64(max(at[p.a], at[p.b])), int64(min(at[p.a], at[p.b]))
		sc, scored := score[[2]int64{l, e}]
		got := story[p.a] == story[p.b]
		switch {
		case got && !p.same:
			if scored && sc >= cut {
				c.falseDirect++
				if asg[l].Match == e {
					c.falseChosen++
				}
			} else {
				c.falseChain++
				c.chained = append(c.chained, p)
			}
		case !got && p.same:
			switch {
			case intoStory[k] && asg[l].Match >= 0:
				c.missSplit++
				c.split = append(c.split, p)
				if scored && sc >= cut {
					c.missSplitPair++
				}
			case intoStory[k]:
				c.missRefused++
			case !pf.scorable:
				c.missNever++
			case memberConflict[k]:
				c.missMember++
			case !scored:
				c.missUnreached++
			default:
				c.missBelow++
			}
		}
	}
	return c, story
}

// groupJoin groups the sample with weights w, cut and join rule. With
// merge > 0, the stories of an item's links scoring at least max(cut,
// merge) are merged afterwards with the item's own (an upper bound of
// merging split stories: the grouper does not merge, and its later
// conflict checks do not see the merge).
func groupJoin(sample []Features, ids []string, w *[nLinkFeatures + 1]float64, cut float64, join joinRule, merge float64) map[string]int64 {
	g := New(Options{})
	g.cut, g.weights = cut, w
	g.setJoin(join)
	parent := map[int64]int64{}
	var find func(int64) int64
	find = func(x int64) int64 {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	var strong []int64
	if prev := g.scored; merge > 0 {
		g.scored = func(seq, s int64, p float64) {
			if prev != nil {
				prev(seq, s, p)
			}
			if p >= max(cut, merge) {
				strong = append(strong, g.slot(s).story)
			}
		}
	}
	own := make([]int64, len(ids))
	for i := range sample {
		f := sample[i]
		a := g.AddFeatures(&f)
		own[i] = a.Story
		for _, o := range strong {
			if ra, rb := find(a.Story), find(o); ra != rb {
				parent[max(ra, rb)] = min(ra, rb)
			}
		}
		strong = strong[:0]
	}
	story := make(map[string]int64, len(ids))
	for i := range own {
		story[ids[i]] = find(own[i])
	}
	return story
}

// TestNinthErrors logs how the committed grouper's errors arise.
func TestNinthErrors(t *testing.T) {
	if os.Getenv("STORY_TRIALS") == "" {
		t.Skip("set STORY_TRIALS=1 to run the trials")
	}
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	feats := labelledFeatures(t, pairs, items, ids)
	sample := make([]Features, len(items))
	for i := range items {
		sample[i] = Extract(&items[i], 0)
	}
	c, _ := classifyErrors(pairs, feats, sample, ids, &linkWeights, linkCut, linkJoin)
	t.Logf("committed (cut %.2f): %v", linkCut, c)
	for _, p := range c.chained {
		t.Logf("chained false link: %s | %s", title(items, ids, p.a), title(items, ids, p.b))
	}
	for _, p := range c.split {
		t.Logf("split: %s | %s", title(items, ids, p.a), title(items, ids, p.b))
	}
	for _, cut := range []float64{0.50, 0.55, 0.60} {
		c, _ := classifyErrors(pairs, feats, sample, ids, &linkWeights, cut, linkJoin)
		t.Logf("committed weights, cut %.2f: %v", cut, c)
	}
	// The same, cross-validated: each fold's pairs classified in the
	// grouping of the model fitted on the other four, at the cut the rule
	// picks there (as TestLinkCrossValidated).
	var cv errorCounts
	for k := range 5 {
		train := func(p labelledPair) bool { return cvFold(p) != k }
		w, cut, join, _ := chooseJoin(pairs, feats, sample, ids, train, linkJoin.kind, []float64{linkJoin.floor}, 0)
		var sub []labelledPair
		var subf []pairFeatures
		for i, p := range pairs {
			if !train(p) {
				sub, subf = append(sub, p), append(subf, feats[i])
			}
		}
		fc, _ := classifyErrors(sub, subf, sample, ids, &w, cut, join)
		cv.falseDirect += fc.falseDirect
		cv.falseChosen += fc.falseChosen
		cv.falseChain += fc.falseChain
		cv.missNever += fc.missNever
		cv.missMember += fc.missMember
		cv.missUnreached += fc.missUnreached
		cv.missBelow += fc.missBelow
		cv.missSplit += fc.missSplit
		cv.missSplitPair += fc.missSplitPair
		cv.missRefused += fc.missRefused
	}
	t.Logf("cross-validated: %v", cv)
}

// chooseJoin fits the model on the pairs keep accepts and picks, by the
// cut rule on them, the cut (0.50, 0.55 … 0.85) and the join floor (of
// floors, for kind): the pair maximising min(precision − 0.95, recall −
// 0.90), the lower cut and floor on ties. It returns the grouping too.
func chooseJoin(pairs []labelledPair, feats []pairFeatures, sample []Features, ids []string,
	keep func(labelledPair) bool, kind joinKind, floors []float64, merge float64) (w [nLinkFeatures + 1]float64, cut float64, join joinRule, story map[string]int64) {
	w = fitWhere(feats, keep)
	n := 8 * len(floors)
	tr := make([]tally, n)
	st := make([]map[string]int64, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			st[i] = groupJoin(sample, ids, &w, 0.50+0.05*float64(i/len(floors)), joinRule{kind, floors[i%len(floors)]}, merge)
			tr[i].add(pairs, st[i], keep)
		})
	}
	wg.Wait()
	best := math.Inf(-1)
	for i := range n {
		p, r := tr[i].figures()
		if m := min(p-0.95, r-0.90); m > best {
			best, cut, join, story = m, 0.50+0.05*float64(i/len(floors)), joinRule{kind, floors[i%len(floors)]}, st[i]
		}
	}
	return w, cut, join, story
}

// TestNinthTrials measures the join rules: for each, the weights fitted
// and the cut and floor chosen on the even half (whole, even, odd), and
// five-fold cross-validated (each fold's cut and floor chosen on the
// other four).
func TestNinthTrials(t *testing.T) {
	if os.Getenv("STORY_TRIALS") == "" {
		t.Skip("set STORY_TRIALS=1 to run the trials")
	}
	floors := []float64{0.20, 0.30, 0.40, 0.50}
	low := []float64{0.05, 0.10, 0.15}
	trials := []struct {
		name   string
		kind   joinKind
		floors []float64
		merge  float64
	}{
		{"best link (eighth)", joinBest, []float64{0}, 0},
		{"first member floor", joinFirst, floors, 0},
		{"mean floor", joinMean, floors, 0},
		{"least member floor", joinMin, floors, 0},
		{"story of highest mean", joinMeanChoice, []float64{0}, 0},
		// Round 2, fixed after round 1 (every fold picked the lowest floor).
		{"round 2: first member, lower floors", joinFirst, low, 0},
		{"round 2: mean, lower floors", joinMean, low, 0},
		{"round 2: merge split stories at 0.80", joinBest, []float64{0}, 0.80},
		// Round 3, fixed after round 2: only members scored as candidates veto.
		{"round 3: candidate veto", joinVeto, []float64{0.05, 0.10, 0.15, 0.20}, 0},
	}
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	feats := labelledFeatures(t, pairs, items, ids)
	sample := make([]Features, len(items))
	for i := range items {
		sample[i] = Extract(&items[i], 0)
	}
	all := func(labelledPair) bool { return true }
	even := func(p labelledPair) bool { return !hexOdd(p.a) }
	odd := func(p labelledPair) bool { return hexOdd(p.a) }
	f := func(c tally) string {
		p, r := c.figures()
		return fmt.Sprintf("%.3f / %.3f", p, r)
	}
	for _, tr := range trials {
		if only := os.Getenv("STORY_TRIALS"); only != "1" && !strings.Contains(tr.name, only) {
			continue
		}
		w, cut, join, story := chooseJoin(pairs, feats, sample, ids, even, tr.kind, tr.floors, tr.merge)
		var wh, ev, od tally
		wh.add(pairs, story, all)
		ev.add(pairs, story, even)
		od.add(pairs, story, odd)
		ec, _ := classifyErrors(pairs, feats, sample, ids, &w, cut, join)
		var cv tally
		var folds []string
		for k := range 5 {
			_, fcut, fjoin, st := chooseJoin(pairs, feats, sample, ids, func(p labelledPair) bool { return cvFold(p) != k }, tr.kind, tr.floors, tr.merge)
			cv.add(pairs, st, func(p labelledPair) bool { return cvFold(p) == k })
			folds = append(folds, fmt.Sprintf("%.2f/%.2f", fcut, fjoin.floor))
		}
		t.Logf("%s: cut %.2f, floor %.2f; whole %s; even %s; odd %s; cross-validated %s (%d right, %d false, %d missed; folds' cut/floor %s); errors (whole): %v",
			tr.name, cut, join.floor, f(wh), f(ev), f(od), f(cv), cv.tp, cv.fp, cv.fn, strings.Join(folds, " "), ec)
	}
}

// TestLinkageErrors keeps the README's reading of the errors truthful
// ("Ninth grouper"): of the committed grouper's false "same story"
// predictions at most a quarter come through other items (chaining), and
// of its missed pairs at most a tenth are split between two stories with
// a link at least the cut between them. When either grows, how an item
// joins a story matters more than it did, and the join rules are worth
// measuring again.
func TestLinkageErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: the sample grouped twice")
	}
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	feats := labelledFeatures(t, pairs, items, ids)
	sample := make([]Features, len(items))
	for i := range items {
		sample[i] = Extract(&items[i], 0)
	}
	c, _ := classifyErrors(pairs, feats, sample, ids, &linkWeights, linkCut, linkJoin)
	t.Logf("%v", c)
	falses := c.falseDirect + c.falseChain
	missed := c.missNever + c.missMember + c.missUnreached + c.missBelow + c.missSplit + c.missRefused
	if 4*c.falseChain > falses {
		t.Errorf("%d of %d false links through other items: more than a quarter", c.falseChain, falses)
	}
	if 10*c.missSplit > missed {
		t.Errorf("%d of %d missed pairs split between linked stories: more than a tenth", c.missSplit, missed)
	}
}
