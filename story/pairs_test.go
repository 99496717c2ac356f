package story

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ttdn/presstext"
)

// Aims reached on testdata/pairs.tsv (story/README.md): the test fails
// when grouping falls below them.
const (
	minPrecision = 0.95
	minRecall    = 0.78
)

// labelledPair is one judged pair of news records.
type labelledPair struct {
	same  bool
	a, b  string // record ids of the shared news sample
	group string // how the pair was drawn
}

func loadPairs(t testing.TB) []labelledPair {
	f, err := os.Open("testdata/pairs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") || sc.Text() == "" {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 4 || c[0] != "0" && c[0] != "1" {
			t.Fatalf("bad line %q", sc.Text())
		}
		out = append(out, labelledPair{same: c[0] == "1", a: c[1], b: c[2], group: c[3]})
	}
	return out
}

// loadNewsIDs reads the shared sample as loadNews does, with record ids.
func loadNewsIDs(t testing.TB) ([]Item, []string) {
	files, _ := filepath.Glob("../../shared/testdata/news/*.json")
	if len(files) == 0 {
		t.Fatal("shared news sample missing: ../../shared/testdata/news/*.json")
	}
	type rec struct {
		ID, Title, Link, Summary, Source string
		Published                        time.Time
	}
	var recs []rec
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var day []rec
		if err := json.Unmarshal(b, &day); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, day...)
	}
	slices.SortStableFunc(recs, func(a, b rec) int { return a.Published.Compare(b.Published) })
	items, ids := make([]Item, len(recs)), make([]string, len(recs))
	for i, r := range recs {
		items[i] = Item{URL: r.Link, Source: r.Source, Title: presstext.Clean(r.Title),
			Summary: presstext.Text(r.Summary), Time: r.Published}
		ids[i] = r.ID
	}
	return items, ids
}

// TestLabelledPairs groups the whole sample in collection order and
// scores the stories against the judged pairs: a pair is predicted "same
// story" when both records end in one story.
func TestLabelledPairs(t *testing.T) {
	pairs := loadPairs(t)
	items, ids := loadNewsIDs(t)
	g := New(Options{})
	story := map[string]int64{}
	for i, a := range g.Group(items) {
		story[ids[i]] = a.Story
	}
	var tp, fp, fn, hard int
	for _, p := range pairs {
		sa, oka := story[p.a]
		sb, okb := story[p.b]
		if !oka || !okb {
			t.Fatalf("pair %s %s: record not in the sample", p.a, p.b)
		}
		got := sa == sb
		switch {
		case got && p.same:
			tp++
		case got && !p.same:
			fp++
			t.Logf("false link (%s): %s | %s", p.group, title(items, ids, p.a), title(items, ids, p.b))
		case !got && p.same:
			fn++
			if testing.Verbose() {
				t.Logf("missed (%s): %s | %s", p.group, title(items, ids, p.a), title(items, ids, p.b))
			}
		}
		if !p.same {
			hard++
		}
	}
	prec := float64(tp) / float64(max(1, tp+fp))
	rec := float64(tp) / float64(max(1, tp+fn))
	t.Logf("%d pairs (%d same story, %d different events): precision %.3f, recall %.3f (tp %d, fp %d, fn %d)",
		len(pairs), len(pairs)-hard, hard, prec, rec, tp, fp, fn)
	if len(pairs) < 300 || hard < 150 {
		t.Errorf("labelled set too small: %d pairs, %d different events", len(pairs), hard)
	}
	if prec < minPrecision || rec < minRecall {
		t.Errorf("precision %.3f (aim %.2f), recall %.3f (aim %.2f)", prec, minPrecision, rec, minRecall)
	}
}

func title(items []Item, ids []string, id string) string {
	return items[slices.Index(ids, id)].Title
}
