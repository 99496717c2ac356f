package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPressIngestStreams: `ttdn press ingest` reads a JSON-lines file and
// a JSON array, skips and reports (file, record) what it cannot use, and
// stores the rest; items with neither title nor link are counted as
// rejected.
func TestPressIngestStreams(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	lines := filepath.Join(dir, "tin.jsonl")
	if err := os.WriteFile(lines, []byte(`{"id":"1","title":"Tây Ninh đón đoàn","link":"https://a.example/1","source":"Báo A","published":"2025-11-14T08:00:00-0500","fetched":"2025-11-14T13:05:00Z"}
{"id":"2","title":["không phải chữ"],"link":"https://a.example/2","source":"Báo A"}
{"id":"3","title":"","link":"","summary":"không tiêu đề","source":"Báo A","published":"2025-11-14T08:00:00+07:00"}
{"id":"4","title":"Mộc Bài","link":"https://a.example/4","source":"Báo B","published":"ngày mai","fetched":"2025-11-14T13:05:00Z"}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	array := filepath.Join(dir, "tin.json")
	if err := os.WriteFile(array, []byte(`[{"id":"5","title":"Xa Mát","link":"https://a.example/5","source":"Báo B","published":"2025-11-14T09:00:00+07:00"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"press", "ingest", lines, array, "--data", data}, nil, &out, &errOut)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "4 tin bài: 3 mới, 0 trùng, 1 bị loại") || !strings.Contains(out.String(), "2 bản ghi có vấn đề") {
		t.Errorf("summary: %s", out.String())
	}
	if !strings.Contains(errOut.String(), "tin.jsonl: bản ghi 2") || !strings.Contains(errOut.String(), "tin.jsonl: bản ghi 4") {
		t.Errorf("problems: %s", errOut.String())
	}
}

// TestPressIngestWindow: --window sets the story grouping window (a
// year of files from a few outlets needs far less than a province's
// feeds); a negative one is refused in Vietnamese, nothing ingested.
func TestPressIngestWindow(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "tin.jsonl")
	if err := os.WriteFile(file, []byte(`{"id":"1","title":"Tây Ninh đón đoàn khách","link":"https://a.example/1","source":"Báo A","published":"2025-11-14T08:00:00+07:00"}
{"id":"2","title":"Tây Ninh đón đoàn khách quốc tế","link":"https://b.example/2","source":"Báo B","published":"2025-11-14T09:00:00+07:00"}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"press", "ingest", "--window", "-1", file, "--data", data}, nil, &out, &errOut)
	if err == nil || !strings.Contains(errorText(err), "--window phải là số tin bài không âm") || out.Len() > 0 {
		t.Fatalf("negative window: %v, %q", err, out.String())
	}
	if err := run(context.Background(), []string{"press", "ingest", "--window", "1000", file, "--data", data}, nil, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "2 tin bài: 2 mới") {
		t.Errorf("summary: %s", out.String())
	}
}
