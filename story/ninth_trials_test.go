//go:build storytrials

package story

// The ninth grouper's trials, only for re-measuring (README.md, "Ninth
// grouper"): go test -tags storytrials -run 'TestNinth' -v ./story/
// (STORY_TRIALS=text: only the trials whose name holds text). Built only
// with the tag, so the suite never skips them: it does not have them.

import (
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestNinthErrors logs how the committed grouper's errors arise.
func TestNinthErrors(t *testing.T) {
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	feats, sample := labelledFeatures(t, pairs, items, ids), extractSample(items)
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
	pairs, feats, sample, ids := labelledSample(t)
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
