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
	for i, a := range g.Group(items) {
		story[ids[i]] = a.Story
	}
	for _, p := range pairs {
		got := story[p.a] == story[p.b]
		if got == p.same {
			continue
		}
		ia, ib := &items[slices.Index(ids, p.a)], &items[slices.Index(ids, p.b)]
		fa, fb := Extract(ia, 0), Extract(ib, 0)
		sim := g.df.cosine(&fa, &fb, g.df.norm(&fa), g.df.norm(&fb))
		t.Logf("%v sim %.2f %s gap %.0fh | %s | %s", p.same, sim, conflictReasons(&fa, &fb),
			ia.Time.Sub(ib.Time).Abs().Hours(), ia.Title, ib.Title)
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
