package feed

import (
	"bytes"
	"testing"

	"github.com/mmcdole/gofeed"
)

// benchFeeds loads every shared feed once for the parser benchmarks.
func benchFeeds(b *testing.B) ([][]byte, int64) {
	var docs [][]byte
	var size int64
	for _, pair := range fixtures(b) {
		d := mustRead(b, pair[0])
		docs = append(docs, d)
		size += int64(len(d))
	}
	return docs, size
}

// BenchmarkParse parses all fastfeedparser fixtures once per iteration.
func BenchmarkParse(b *testing.B) {
	docs, size := benchFeeds(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Parse(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkGofeed parses the same fixtures with github.com/mmcdole/gofeed
// (a test-only dependency), the reference the issue sets. Feeds gofeed
// rejects still cost what it spent on them.
func BenchmarkGofeed(b *testing.B) {
	docs, size := benchFeeds(b)
	p := gofeed.NewParser()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			_, _ = p.Parse(bytes.NewReader(d))
		}
	}
}
