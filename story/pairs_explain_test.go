package story

import (
	"fmt"
	"slices"
)

// explainer says, for a misjudged labelled pair, what the grouper saw:
// the direct similarity, the summaries' cosine, the share of entity mass
// in common and the entity tokens shared, the difference figure (xNovel), the link model's score (with
// the frequencies of the whole sample, not those of the moment the later
// item came, so close to but not the grouper's), the conflict rules the pair trips, and for a
// missed pair what each item's story holds against the other item. Read
// with `go test -v -run TestLabelledPairs ./story/`; method changes are
// made from these listings, as general rules.
type explainer struct {
	g     *Grouper
	items []Item
	ids   []string
	asg   []Assignment
	stars map[int64][]int // story → indexes of its items
}

func newExplainer(g *Grouper, items []Item, ids []string, asg []Assignment) *explainer {
	e := &explainer{g: g, items: items, ids: ids, asg: asg, stars: map[int64][]int{}}
	for i, a := range asg {
		e.stars[a.Story] = append(e.stars[a.Story], i)
	}
	return e
}

func (e *explainer) explain(p labelledPair) string {
	x, y := slices.Index(e.ids, p.a), slices.Index(e.ids, p.b)
	fa, fb := Extract(&e.items[x], 0), Extract(&e.items[y], 0)
	sim := e.g.df.cosine(&fa, &fb, e.g.df.norm(&fa), e.g.df.norm(&fb))
	var fw itemWeights
	e.g.weigh(&fa, &fw)
	lx := e.g.linkFeatures(&fa, &fw, &fb, sim)
	s := fmt.Sprintf("similarity %.2f (summaries %.2f, names %.2f in %.0f, difference %.2f, score %.2f)%s, %.0f h apart", sim,
		lx[xBody], lx[xNames], lx[xShared]*10, lx[xNovel], linkScore(&linkWeights, &lx), conflictReasons(&fa, &fb),
		e.items[x].Time.Sub(e.items[y].Time).Abs().Hours())
	if p.same {
		s += fmt.Sprintf("; a joined %d at %.2f, b joined %d at %.2f%s%s",
			e.asg[x].Match, e.asg[x].Similarity, e.asg[y].Match, e.asg[y].Similarity, e.against(x, y), e.against(y, x))
	}
	return s
}

// against lists the members of j's story that conflict with item i.
func (e *explainer) against(i, j int) string {
	s := ""
	fi := Extract(&e.items[i], 0)
	for _, m := range e.stars[e.asg[j].Story] {
		fm := Extract(&e.items[m], 0)
		if r := conflictReasons(&fi, &fm); r != "" {
			s += "; " + e.items[i].Title + " vs " + e.items[m].Title + r
		}
	}
	return s
}

// conflictReasons names the conflict rules a and b trip.
func conflictReasons(a, b *Features) string {
	s := ""
	if (a.column || b.column) && !(len(a.figs.dates) > 0 && len(b.figs.dates) > 0 && shareDate(a.figs.dates, b.figs.dates)) {
		s += " [column]"
	}
	if a.preview != b.preview {
		s += " [preview]"
	}
	if stagesConflict(a.stages, b.stages) {
		s += " [stage]"
	}
	if a.post != "" && b.post != "" && a.post != b.post {
		s += " [post]"
	}
	if a.figs.conflict(&b.figs) {
		s += " [figures]"
	}
	if foreignName(a.names, b.toks) && foreignName(b.names, a.toks) {
		s += " [names]"
	}
	return s
}
