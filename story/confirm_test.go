package story

import (
	"slices"
	"testing"
)

// TestEntityTokens: names (runs of capitalised words; not a sentence's
// first word alone, as "Cảnh" of "Cảnh sát") and numbers of two or more
// significant digits are entity tokens; common words and "000" are not.
func TestEntityTokens(t *testing.T) {
	text := "Xe phát nổ giữa thủ đô Ấn Độ, 13 người chết. Cảnh sát New Delhi điều tra 7.000 mẫu"
	ents, _ := entityHashes(text, nil)
	hash := func(words ...string) uint32 {
		toks, _ := tokens(words[0], 8, nil)
		if len(words) == 1 {
			return toks[0]
		}
		h1, h2 := fnv64([]byte(words[0])), fnv64([]byte(words[1]))
		return uint32(splitmix(h1*31 + h2))
	}
	for _, w := range [][]string{{"an", "do"}, {"do"}, {"13"}, {"new", "delhi"}, {"delhi"}} {
		if !slices.Contains(ents, hash(w...)) {
			t.Errorf("%v is not an entity token", w)
		}
	}
	for _, w := range [][]string{{"xe"}, {"nguoi"}, {"000"}, {"canh"}} {
		if slices.Contains(ents, hash(w...)) {
			t.Errorf("%v is an entity token", w)
		}
	}
}

// TestLinksOnSample: every link grouping the shared sample makes (other
// than duplicates) joins the candidate the link model scored highest, at
// linkCut or above and at Threshold similarity or above; some links are
// below the fourth grouper's threshold 0.34 (one event told in other
// words) and some join one outlet's items.
func TestLinksOnSample(t *testing.T) {
	items := loadNews(t)
	g := New(Options{})
	top := map[int64]float64{}
	arg := map[int64]int64{}
	g.scored = func(seq, s int64, p float64) {
		if p > top[seq] || p == top[seq] && s > arg[seq] {
			top[seq], arg[seq] = p, s
		}
	}
	weak, same := 0, 0
	for i, a := range g.Group(items) {
		if a.Match < 0 || a.Duplicate {
			if top[a.Seq] >= linkCut && !a.Duplicate {
				t.Errorf("item %d: a candidate scored %.2f, no link", i, top[a.Seq])
			}
			continue
		}
		if arg[a.Seq] != a.Match || top[a.Seq] < linkCut || a.Similarity < g.opt.Threshold {
			t.Errorf("item %d joined %d at similarity %.2f; best scored %d at %.2f", i, a.Match, a.Similarity, arg[a.Seq], top[a.Seq])
		}
		if a.Similarity < 0.34 {
			weak++
		}
		if Outlet(items[a.Match].Source) == Outlet(items[i].Source) {
			same++
		}
	}
	if weak == 0 || same == 0 {
		t.Errorf("%d links below 0.34, %d within one outlet", weak, same)
	}
	t.Logf("%d links below 0.34, %d within one outlet", weak, same)
}
