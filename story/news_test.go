package story

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"ttdn/presstext"
	"ttdn/vntext"
)

type newsRecord struct {
	Title, Link, Summary, Source string
	Published                    time.Time
}

// loadNews reads the shared news sample as Items in order of collection;
// it fails when the data is missing (CI puts shared/ beside the repo).
func loadNews(t testing.TB) []Item {
	files, _ := filepath.Glob("../../shared/testdata/news/*.json")
	if len(files) == 0 {
		t.Fatal("shared news sample missing: ../../shared/testdata/news/*.json")
	}
	var recs []newsRecord
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var day []newsRecord
		if err := json.Unmarshal(b, &day); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, day...)
	}
	slices.SortStableFunc(recs, func(a, b newsRecord) int { return a.Published.Compare(b.Published) })
	items := make([]Item, len(recs))
	for i, r := range recs {
		items[i] = Item{URL: r.Link, Source: r.Source, Title: presstext.Clean(r.Title),
			Summary: presstext.Text(r.Summary), Time: r.Published}
	}
	return items
}

// wordSet returns the set of folded words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range vntext.Words(s) {
		m[w] = true
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// overlap is the share of the shorter set found in the longer.
func overlap(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(min(len(a), len(b)))
}

// judge is the stricter reference for "same story": the exact Jaccard of
// the word sets of title and summary at least 0.4 (the grouper estimates
// Jaccard of word pairs, which is lower than that of words for the same
// texts) and, stricter still, at least 40 % of the shorter title's words
// in the other title.
func judge(a, b *Item) (loose, strict bool) {
	j := jaccard(wordSet(a.Title+" "+a.Summary), wordSet(b.Title+" "+b.Summary))
	o := overlap(wordSet(a.Title), wordSet(b.Title))
	return j >= 0.4, j >= 0.4 && o >= 0.4
}

// TestPrecisionOnNews groups the whole news sample and judges its
// grouping with the stricter reference: every direct near-duplicate link,
// and 200 pairs sampled from all pairs of distinct articles that share a
// story (which also tests transitive grouping).
func TestPrecisionOnNews(t *testing.T) {
	items := loadNews(t)
	g := New(Options{})
	var links [][2]int
	members := map[int64][]int{}
	dups := 0
	for i := range items {
		a := g.Add(&items[i])
		switch {
		case a.Duplicate:
			dups++
			continue
		case a.Match >= 0:
			links = append(links, [2]int{i, int(a.Match)})
		}
		members[a.Story] = append(members[a.Story], i)
	}
	var pairs [][2]int
	multi := 0
	for _, m := range members {
		if len(m) > 1 {
			multi++
		}
		for x := range m {
			for y := x + 1; y < len(m); y++ {
				pairs = append(pairs, [2]int{m[x], m[y]})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b [2]int) int { return a[0]*100000 + a[1] - b[0]*100000 - b[1] })
	rng := rand.New(rand.NewPCG(7, 7))
	rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	sample := pairs[:min(200, len(pairs))]
	ll, ls := precision(t, items, links, false)
	pl, ps := precision(t, items, sample, true)
	t.Logf("%d items → %d stories with ≥2 articles, %d URL duplicates, %d near-duplicate links, %d same-story pairs", len(items), multi, dups, len(links), len(pairs))
	t.Logf("links: precision %.3f (Jaccard ≥ 0.4), %.3f (and title overlap ≥ 0.4)", ll, ls)
	t.Logf("sample of %d same-story pairs: precision %.3f (Jaccard ≥ 0.4), %.3f (and title overlap ≥ 0.4)", len(sample), pl, ps)
	if len(sample) < 100 {
		t.Errorf("only %d same-story pairs: grouping finds too little", len(sample))
	}
	if pl < 0.95 || ll < 0.95 {
		t.Errorf("precision %.3f / %.3f below 0.95", ll, pl)
	}
}

// precision judges pairs and returns the share passing each reference;
// with show it logs the first pairs and every failure for hand checking.
func precision(t *testing.T, items []Item, pairs [][2]int, show bool) (loose, strict float64) {
	nl, ns := 0, 0
	for k, p := range pairs {
		a, b := &items[p[0]], &items[p[1]]
		lo, st := judge(a, b)
		if lo {
			nl++
		}
		if st {
			ns++
		}
		if show && (k < 20 || !st) {
			t.Logf("pair %3d loose=%v strict=%v\n    %s | %s\n    %s | %s", k, lo, st, a.Source, a.Title, b.Source, b.Title)
		}
	}
	n := float64(max(1, len(pairs)))
	return float64(nl) / n, float64(ns) / n
}

// TestIncrementalEqualsBatch: adding items one at a time gives the same
// stories as Group on the whole batch (with a window small enough to
// exercise eviction and sweeping).
func TestIncrementalEqualsBatch(t *testing.T) {
	items := loadNews(t)
	opt := Options{Window: 1500}
	one := New(opt)
	var inc []Assignment
	for i := range items {
		inc = append(inc, one.Add(&items[i]))
	}
	batch := New(opt)
	var got []Assignment
	for start := 0; start < len(items); start += 1000 {
		got = append(got, batch.Group(items[start:min(start+1000, len(items))])...)
	}
	if !slices.Equal(inc, got) {
		for i := range inc {
			if inc[i] != got[i] {
				t.Fatalf("item %d: incremental %+v, batch %+v", i, inc[i], got[i])
			}
		}
	}
}

// BenchmarkAdd measures grouping throughput (features and assignment) on
// the news sample, replayed with shifted URLs and times so every round is
// new items.
func BenchmarkAdd(b *testing.B) {
	items := loadNews(b)
	g := New(Options{})
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		it := items[n%len(items)]
		round := n / len(items)
		it.Time = it.Time.Add(time.Duration(round) * 15 * 24 * time.Hour)
		if round > 0 {
			it.URL += "?r=" + string(rune('a'+round%26))
		}
		g.Add(&it)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}
