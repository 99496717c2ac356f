package presstext

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// newsItem is a record of the shared news sample.
type newsItem struct {
	ID, Title, Link, Summary, Source string
}

// loadNews reads the shared news sample; it fails when the data is
// missing (CI puts shared/ beside the repository).
func loadNews(t testing.TB) []newsItem {
	files, _ := filepath.Glob("../../shared/testdata/news/*.json")
	if len(files) == 0 {
		t.Fatal("shared news sample missing: ../../shared/testdata/news/*.json")
	}
	var all []newsItem
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var day []newsItem
		if err := json.Unmarshal(b, &day); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, day...)
	}
	return all
}
