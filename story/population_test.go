package story

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"ttdn/vntext"
)

// The population measured the issue's way (story/README.md, "The
// population, measured the issue's way"): the whole shared sample grouped
// in collection order with the default options, as TestLabelledPairs does.

// Floor of the recall on near-identical cross-outlet titles (Jaccard ≥
// 0.6, pairs the grouper keeps apart by design left out): just under the
// measured figure.
const minPopulationRecall = 0.97

// nearPair is a cross-outlet pair of items with near-identical titles.
type nearPair struct {
	i, j    int
	jaccard float64
	class   string // "" or why the grouper keeps the pair apart by design
}

// titleSet is the set of an item's folded title words.
func titleSet(title string) []string {
	w := vntext.Words(title)
	slices.Sort(w)
	return slices.Compact(w)
}

func jaccard(a, b []string) float64 {
	var n, i, j int
	for i < len(a) && j < len(b) {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			n++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	u := len(a) + len(b) - n
	if u == 0 {
		return 0
	}
	return float64(n) / float64(u)
}

// nearPairs lists the pairs of items from different outlets at most 72 h
// apart whose title word sets have Jaccard ≥ min, each with its design
// class: "date" (a daily column without a shared date, or both titles
// dated and no date shared: the lottery and weather columns of other
// days), "not compared" (a round-up, a bulletin or a title of too few
// tokens: never grouped), "rule" (another conflict rule: figures, stages,
// preview and report, posts, names), "" otherwise. Pairs involving an
// item whose summary is a template (error page) stay in the population
// and are counted by the caller.
func nearPairs(items []Item, min float64) []nearPair {
	sets := make([][]string, len(items))
	feats := make([]Features, len(items))
	for i := range items {
		sets[i] = titleSet(items[i].Title)
		feats[i] = Extract(&items[i], 0)
	}
	var out []nearPair
	for j := range items {
		for i := j - 1; i >= 0; i-- {
			if items[j].Time.Sub(items[i].Time) > 72*time.Hour {
				break
			}
			if Outlet(items[i].Source) == Outlet(items[j].Source) {
				continue
			}
			jac := jaccard(sets[i], sets[j])
			if jac < min {
				continue
			}
			p := nearPair{i: i, j: j, jaccard: jac}
			a, b := &feats[i], &feats[j]
			switch {
			case (a.column || b.column) && !(len(a.figs.dates) > 0 && len(b.figs.dates) > 0 && shareDate(a.figs.dates, b.figs.dates)),
				len(a.figs.dates) > 0 && len(b.figs.dates) > 0 && !shareDate(a.figs.dates, b.figs.dates):
				p.class = "date"
			case !a.ok || !b.ok:
				p.class = "not compared"
			case conflict(a, b):
				p.class = "rule"
			}
			out = append(out, p)
		}
	}
	return out
}

// TestPopulationRecall: of the cross-outlet pairs with near-identical
// titles, the share the grouper puts in one story (the issue's own
// measure of recall), by Jaccard threshold and design class.
func TestPopulationRecall(t *testing.T) {
	items, _ := loadNewsIDs(t)
	asg := New(Options{}).Group(items)
	templ := func(i int) bool { return isTemplate(vntext.Fold(items[i].Summary)) }
	near := nearPairs(items, 0.5)
	for _, min := range []float64{0.5, 0.6, 0.7} {
		var pairs []nearPair
		for _, p := range near {
			if p.jaccard >= min {
				pairs = append(pairs, p)
			}
		}
		type count struct{ n, grouped int }
		by := map[string]*count{}
		var tmpl, distinct count
		seen := map[[2]string]bool{} // pairs of articles: copies of one article count once
		for _, p := range pairs {
			c := by[p.class]
			if c == nil {
				c = &count{}
				by[p.class] = c
			}
			c.n++
			same := asg[p.i].Story == asg[p.j].Story
			if same {
				c.grouped++
			}
			if k := [2]string{ArticleKey(items[p.i].URL), ArticleKey(items[p.j].URL)}; p.class == "" && !seen[k] {
				seen[k] = true
				distinct.n++
				if same {
					distinct.grouped++
				}
			}
			if p.class == "" && (templ(p.i) || templ(p.j)) {
				tmpl.n++
				if same {
					tmpl.grouped++
				}
			}
			if testing.Verbose() && min == 0.6 && !same {
				t.Logf("apart (%s, J %.2f): %s | %s", p.class, p.jaccard, items[p.i].Title, items[p.j].Title)
			}
		}
		var all count
		for _, c := range by {
			all.n += c.n
			all.grouped += c.grouped
		}
		main := by[""]
		if main == nil {
			main = &count{}
		}
		rec := float64(main.grouped) / float64(max(1, main.n))
		var parts []string
		for _, k := range []string{"date", "not compared", "rule"} {
			if c := by[k]; c != nil {
				parts = append(parts, fmt.Sprintf("%s %d (%d grouped)", k, c.n, c.grouped))
			}
		}
		t.Logf("Jaccard ≥ %.1f: %d pairs, %d grouped (%.3f); apart by design: %s; the rest %d, %d grouped: recall %.3f (of them %d with a template summary, %d grouped); pairs of articles (copies once) %d, %d grouped (%.3f)",
			min, all.n, all.grouped, float64(all.grouped)/float64(max(1, all.n)), strings.Join(parts, ", "),
			main.n, main.grouped, rec, tmpl.n, tmpl.grouped,
			distinct.n, distinct.grouped, float64(distinct.grouped)/float64(max(1, distinct.n)))
		if min == 0.6 && rec < minPopulationRecall {
			t.Errorf("recall on near-identical titles %.3f, floor %.2f", rec, minPopulationRecall)
		}
	}
}

// multiOutletStories lists the stories of the grouping with items of at
// least two outlets, in order of their first item (the story key), each
// as its items' indexes.
func multiOutletStories(items []Item, asg []Assignment) [][]int {
	members := map[int64][]int{}
	for i, a := range asg {
		members[a.Story] = append(members[a.Story], i)
	}
	var keys []int64
	for k, m := range members {
		outlets := map[string]bool{}
		for _, i := range m {
			outlets[Outlet(items[i].Source)] = true
		}
		if len(outlets) >= 2 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := make([][]int, len(keys))
	for n, k := range keys {
		out[n] = members[k]
	}
	return out
}

// drawStories is the fixed rule of the precision sample: every k-th of
// the multi-outlet stories in order of first item, k = count/100
// (integer division), starting with the first: 100 stories.
func drawStories(stories [][]int) [][]int {
	k := max(1, len(stories)/100)
	var out [][]int
	for n := 0; n < len(stories) && len(out) < 100; n += k {
		out = append(out, stories[n])
	}
	return out
}

// TestPopulationGroups reads the judged sample of multi-outlet stories
// (testdata/population-groups.tsv), checks it is well formed, and reports
// the judged precision of the stories the rule still draws as judged
// (same first item and size; it says how many no longer are); set
// STORY_POPULATION_DUMP=file to write the drawn stories' titles for
// judging.
func TestPopulationGroups(t *testing.T) {
	items, ids := loadNewsIDs(t)
	asg := New(Options{}).Group(items)
	stories := multiOutletStories(items, asg)
	var inMulti, sizes []int
	for _, s := range stories {
		inMulti = append(inMulti, s...)
		sizes = append(sizes, len(s))
	}
	slices.SortFunc(sizes, func(a, b int) int { return b - a })
	t.Logf("%d items, %d multi-outlet stories holding %d items (%.3f); largest: %v",
		len(items), len(stories), len(inMulti), float64(len(inMulti))/float64(len(items)), sizes[:min(10, len(sizes))])
	drawn := drawStories(stories)
	if path := os.Getenv("STORY_POPULATION_DUMP"); path != "" {
		var b strings.Builder
		for n, s := range drawn {
			fmt.Fprintf(&b, "## %d %s (%d items)\n", n, ids[s[0]], len(s))
			for _, i := range s {
				fmt.Fprintf(&b, "%s\t%s\t%s\n\t%.200s\n", items[i].Time.Format("01-02 15:04"), Outlet(items[i].Source), items[i].Title, items[i].Summary)
			}
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open("testdata/population-groups.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byFirst := map[string][]int{}
	for _, s := range drawn {
		byFirst[ids[s[0]]] = s
	}
	var right, n, lines, stale, pairs, samePairs, dupPairs int
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") || sc.Text() == "" {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 7 || c[4] != "right" && c[4] != "wrong" {
			t.Fatalf("bad line %q", sc.Text())
		}
		lines++
		s, ok := byFirst[c[0]]
		if !ok || c[2] != fmt.Sprint(len(s)) {
			stale++ // the grouping changed since it was judged
			continue
		}
		// The events the items make, largest first ("4+4"): one for a
		// right story.
		var parts []int
		var sum int
		for _, p := range strings.Split(c[3], "+") {
			var k int
			if _, err := fmt.Sscan(p, &k); err != nil || k < 1 {
				t.Fatalf("line %d: bad events %q", lines, c[3])
			}
			parts = append(parts, k)
			sum += k
			samePairs += k * (k - 1) / 2
		}
		if sum != len(s) {
			t.Errorf("line %d: events %s do not add up to %d items", lines, c[3], len(s))
		}
		if (c[4] == "right") != (len(parts) == 1) {
			t.Errorf("line %d: judged %s with events %s", lines, c[4], c[3])
		}
		if c[4] == "right" {
			right++
		}
		pairs += len(s) * (len(s) - 1) / 2
		// Copies of one article (same article key) are one event: their
		// pairs are counted apart, as they say nothing of the grouping.
		keys := map[string]int{}
		for _, i := range s {
			keys[ArticleKey(items[i].URL)]++
		}
		for _, k := range keys {
			dupPairs += k * (k - 1) / 2
		}
		n++
	}
	if lines != len(drawn) {
		t.Errorf("%d stories judged, %d drawn", lines, len(drawn))
	}
	if stale > 0 {
		// Not a failure: a grouper that changes the drawn stories needs
		// them judged again, and the figures below are of the rest.
		t.Logf("%d judged stories are no longer drawn as judged (first item or size changed): judge the sample again (STORY_POPULATION_DUMP)", stale)
	}
	t.Logf("judged %d drawn stories: %d right; pairs within them of one event %d of %d (%.3f); without the %d pairs of copies of one article %d of %d (%.3f)",
		n, right, samePairs, pairs, float64(samePairs)/float64(max(1, pairs)),
		dupPairs, samePairs-dupPairs, pairs-dupPairs, float64(samePairs-dupPairs)/float64(max(1, pairs-dupPairs)))
}
