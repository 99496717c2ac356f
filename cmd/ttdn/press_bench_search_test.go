package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPressBenchSearchOnly ingests a few hundred items into a kept
// folder, then measures the search again on it with --search-only and
// a search profile, and refuses --search-only without a database.
func TestPressBenchSearchOnly(t *testing.T) {
	ctx, dir := context.Background(), t.TempDir()
	news := "../../../shared/testdata/news"
	if _, err := os.Stat(news); err != nil {
		t.Fatal("shared news sample missing:", err)
	}
	var out bytes.Buffer
	if err := pressBench(ctx, []string{"--items", "400", "--terms", "0", "--queries", "20", "--dir", dir, "--news", news},
		&out, io.Discard); err != nil {
		t.Fatal(err)
	}
	prof := filepath.Join(dir, "search.prof")
	out.Reset()
	if err := pressBench(ctx, []string{"--search-only", "--queries", "20", "--dir", dir, "--news", news,
		"--searchprofile", prof}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "search over the ingested items") || strings.Contains(out.String(), "ingesting") {
		t.Errorf("search-only output:\n%s", out.String())
	}
	if st, err := os.Stat(prof); err != nil || st.Size() == 0 {
		t.Errorf("search profile: %v", err)
	}
	if err := pressBench(ctx, []string{"--search-only", "--news", news}, io.Discard, io.Discard); err == nil {
		t.Error("--search-only without --dir or --dsn accepted")
	}
}
