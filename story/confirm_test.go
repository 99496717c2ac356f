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

// TestConfirmedLinksOnSample: every link below the threshold that
// grouping the shared sample makes is one the confirm stage allows —
// other outlet, at most confirmGap apart, at least confirmFloor similar
// — so the weak evidence never links one outlet's own articles; and
// items of one outlet are linked only at sameOutletThreshold or above.
func TestConfirmedLinksOnSample(t *testing.T) {
	items := loadNews(t)
	g := New(Options{})
	weak := 0
	for i, a := range g.Group(items) {
		if a.Match < 0 || a.Duplicate {
			continue
		}
		m := items[a.Match]
		if Outlet(m.Source) == Outlet(items[i].Source) && a.Similarity < sameOutletThreshold {
			t.Errorf("one outlet's items linked at %.2f: %q → %q", a.Similarity, items[i].Title, m.Title)
		}
		if a.Similarity >= g.opt.Threshold {
			continue
		}
		weak++
		if Outlet(m.Source) == Outlet(items[i].Source) || items[i].Time.Sub(m.Time).Abs().Seconds() > confirmGap ||
			a.Similarity < confirmFloor {
			t.Errorf("weak link %q → %q (%.2f)", items[i].Title, m.Title, a.Similarity)
		}
	}
	if weak == 0 {
		t.Error("the confirm stage made no link on the sample")
	}
	t.Logf("%d confirmed links", weak)
}
