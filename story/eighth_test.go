//go:build storytrials

package story

import (
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
)

// The eighth grouper's trials (README.md, "Eighth grouper"): each trial
// is a set of link features (the others zeroed, so their fitted weights
// are exactly 0 and the grouper ignores them) and a place table; each is
// fitted and measured by the rules of TestLinkWeightsReproduce,
// TestLinkCutRule, TestLinkCrossValidated and TestLinkCeiling. Slow and
// only for re-measuring: go test -tags storytrials -run TestEighthTrials -v ./story/
// (STORY_TRIALS=text: only the trials whose name holds text)
func TestEighthTrials(t *testing.T) {
	base := []int{xSim, xTitle, xBody, xNames, xShared, xRecent, xGap, xSameOutlet, xNovel}
	with := func(extra ...int) []int { return append(append([]int{}, base...), extra...) }
	trials := []struct {
		name   string
		feats  []int
		narrow bool // provinces only (places.go)
	}{
		{"seventh: nine figures, provinces only", base, true},
		{"+ xEvent, provinces only", with(xEvent), true},
		{"+ xEvent, xEventItem, provinces only", with(xEvent, xEventItem), true},
		{"eighth: + xEvent, xEventItem, wider places", with(xEvent, xEventItem), false},
		{"eighth + places differ (xPlaces)", with(xEvent, xEventItem, xPlaces), false},
	}
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	for _, tr := range trials {
		if only := os.Getenv("STORY_TRIALS"); only != "1" && !strings.Contains(tr.name, only) {
			continue // STORY_TRIALS=text runs the trials whose name holds text
		}
		provincesOnly = tr.narrow
		feats := labelledFeatures(t, pairs, items, ids)
		sample := extractSample(items)
		provincesOnly = false
		use := [nLinkFeatures]bool{}
		for _, k := range tr.feats {
			use[k] = true
		}
		for i := range feats {
			for k := range nLinkFeatures {
				if !use[k] {
					feats[i].x[k] = 0
				}
			}
		}
		t.Logf("%s: %s", tr.name, trialFigures(pairs, feats, sample, ids))
	}
}

// trialFigures fits and measures one trial: weights on the even half and
// the cut by the rule (whole, even, odd); 5-fold cross-validated; pair by
// pair held out (recall at precision ≥ 0.95, precision at recall ≥ 0.90).
func trialFigures(pairs []labelledPair, feats []pairFeatures, sample []Features, ids []string) string {
	all := func(labelledPair) bool { return true }
	even := func(p labelledPair) bool { return !hexOdd(p.a) }
	odd := func(p labelledPair) bool { return hexOdd(p.a) }
	// choose fits on keep, picks the cut by the rule on keep, and returns
	// the grouping of the chosen cut.
	choose := func(keep func(labelledPair) bool) (w [nLinkFeatures + 1]float64, cut float64, story map[string]int64) {
		w = fitWhere(feats, keep)
		var tr [8]tally
		var st [8]map[string]int64
		var wg sync.WaitGroup
		for c := range 8 {
			wg.Go(func() {
				st[c] = groupWith(sample, ids, &w, 0.50+0.05*float64(c))
				tr[c].add(pairs, st[c], keep)
			})
		}
		wg.Wait()
		best := math.Inf(-1)
		for c := range 8 {
			p, r := tr[c].figures()
			if m := min(p-0.95, r-0.90); m > best {
				best, cut, story = m, 0.50+0.05*float64(c), st[c]
			}
		}
		return w, cut, story
	}
	_, cut, story := choose(even)
	var wh, ev, od tally
	wh.add(pairs, story, all)
	ev.add(pairs, story, even)
	od.add(pairs, story, odd)
	var cv tally
	for k := range 5 {
		_, _, st := choose(func(p labelledPair) bool { return cvFold(p) != k })
		cv.add(pairs, st, func(p labelledPair) bool { return cvFold(p) == k })
	}
	score := make([]float64, len(feats))
	for k := range 5 {
		w := fitWhere(feats, func(p labelledPair) bool { return cvFold(p) != k })
		for i, pf := range feats {
			if cvFold(pf.p) == k {
				score[i] = linkScore(&w, &pf.x)
			}
		}
	}
	rAt95, pAt90 := 0.0, 0.0
	for c := range 95 {
		cut := 0.02 + 0.01*float64(c)
		var n tally
		for i, pf := range feats {
			switch link := pf.scorable && score[i] >= cut; {
			case link && pf.p.same:
				n.tp++
			case link:
				n.fp++
			case pf.p.same:
				n.fn++
			}
		}
		p, r := n.figures()
		if p >= 0.95 {
			rAt95 = max(rAt95, r)
		}
		if r >= 0.90 {
			pAt90 = max(pAt90, p)
		}
	}
	f := func(c tally) string {
		p, r := c.figures()
		return fmt.Sprintf("%.3f / %.3f", p, r)
	}
	return fmt.Sprintf("cut %.2f; whole %s; even %s; odd %s; cross-validated %s (%d right, %d false, %d missed); "+
		"pair by pair held out: recall %.3f at precision ≥ 0.95, precision %.3f at recall ≥ 0.90",
		cut, f(wh), f(ev), f(od), f(cv), cv.tp, cv.fp, cv.fn, rAt95, pAt90)
}
