package story

import (
	"slices"
	"testing"
)

// TestLabelledPairsExplain lists, with -v, each misjudged labelled pair
// with its direct similarity and the conflict rules it trips, so changes
// to the method are read from the errors rather than guessed.
func TestLabelledPairsExplain(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("a listing for -v")
	}
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	g := New(Options{})
	story := map[string]int64{}
	asg := g.Group(items)
	for i, a := range asg {
		story[ids[i]] = a.Story
	}
	members := map[int64][]int{}
	for i, a := range asg {
		members[a.Story] = append(members[a.Story], i)
	}
	why := func(i, j int) string { // j's story against i
		s := ""
		for _, m := range members[asg[j].Story] {
			fi, fm := Extract(&items[i], 0), Extract(&items[m], 0)
			if r := conflictReasons(&fi, &fm); r != "" {
				s += r + " " + items[m].Title + "; "
			}
		}
		return s
	}
	for _, p := range pairs {
		got := story[p.a] == story[p.b]
		if got == p.same {
			continue
		}
		ia, ib := &items[slices.Index(ids, p.a)], &items[slices.Index(ids, p.b)]
		fa, fb := Extract(ia, 0), Extract(ib, 0)
		sim := g.df.cosine(&fa, &fb, g.df.norm(&fa), g.df.norm(&fb))
		t.Logf("%v sim %.2f %s %v gap %.0fh | %s | %s", p.same, sim, conflictReasons(&fa, &fb), fa.source == fb.source,
			ia.Time.Sub(ib.Time).Abs().Hours(), ia.Title, ib.Title)
		if p.same {
			x, y := slices.Index(ids, p.a), slices.Index(ids, p.b)
			t.Logf("    a: story %d match %d sim %.2f; b: story %d match %d sim %.2f; a vs b's story: %s; b vs a's story: %s",
				asg[x].Story, asg[x].Match, asg[x].Similarity, asg[y].Story, asg[y].Match, asg[y].Similarity, why(x, y), why(y, x))
		}
	}
}

func conflictReasons(a, b *Features) string {
	s := ""
	if (a.column || b.column) && !(len(a.figs.dates) > 0 && len(b.figs.dates) > 0 && shareDate(a.figs.dates, b.figs.dates)) {
		s += "[column]"
	}
	if a.preview != b.preview {
		s += "[preview]"
	}
	if stagesConflict(a.stages, b.stages) {
		s += "[stage]"
	}
	if a.figs.conflict(&b.figs) {
		s += "[figs]"
	}
	if foreignName(a.names, b.toks) && foreignName(b.names, a.toks) {
		s += "[names]"
	}
	return s
}
