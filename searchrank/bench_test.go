package searchrank

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkRank ranks 1,000 candidates of the shared news sample, what
// one search does at most.
func BenchmarkRank(b *testing.B) {
	files, _ := filepath.Glob("../../shared/testdata/news/*.json")
	if len(files) == 0 {
		b.Fatal("shared news sample missing")
	}
	var recs []struct {
		Title, Summary string
		Published      time.Time
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(raw, &recs); err != nil {
		b.Fatal(err)
	}
	var docs []Doc
	for i := 0; len(docs) < 1000; i++ {
		r := recs[i%len(recs)]
		docs = append(docs, Doc{ID: int64(i), Title: r.Title, Summary: r.Summary, Published: r.Published})
	}
	q := Parse("Việt Nam")
	b.ReportAllocs()
	for b.Loop() {
		Rank(q, docs, ByRelevance)
	}
}
