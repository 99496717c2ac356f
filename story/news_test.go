package story

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"ttdn/presstext"
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
