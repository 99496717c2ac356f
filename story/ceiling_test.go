package story

import "testing"

// TestLinkCeiling measures what limits the figures (README.md, "The
// ceiling"): how many same-story pairs are candidates at all (at least
// linkFloor similar, within MaxGap, no conflict), and how well the link
// model's figures separate the candidate pairs on their own, pair by
// pair, held out: each of the five folds of TestLinkCrossValidated scored
// by a model fitted on the other four. It fails when the candidates cap
// recall below the aim (the floor raised again) or when the figures reach
// the aim pair by pair — then the README's ceiling is out of date.
func TestLinkCeiling(t *testing.T) {
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	feats := labelledFeatures(t, pairs, items, ids)
	same, cands := 0, 0
	for _, pf := range feats {
		if pf.p.same {
			same++
			if pf.scorable {
				cands++
			}
		}
	}
	ceiling := float64(cands) / float64(same)
	t.Logf("%d of %d same-story pairs are candidates: recall ceiling %.3f", cands, same, ceiling)
	if ceiling < 0.95 {
		t.Errorf("candidates cap recall at %.3f", ceiling)
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
	best := 0.0 // recall at held-out pairwise precision ≥ 0.95
	for c := range 19 {
		cut := 0.05 + 0.05*float64(c)
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
		t.Logf("cut %.2f: pair by pair, held out: precision %.3f, recall %.3f", cut, p, r)
		if p >= 0.95 {
			best = max(best, r)
		}
	}
	t.Logf("held-out recall at precision ≥ 0.95, pair by pair: %.3f", best)
	if best >= 0.90 {
		t.Errorf("the figures reach the aim pair by pair (recall %.3f at precision ≥ 0.95): update the README's ceiling", best)
	}
}
