package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// `ttdn bench --pages` on the demo walks the chosen pages as the role's
// demo user, every one answering, slowest first.
func TestBenchPagesWalksRouteTable(t *testing.T) {
	data := t.TempDir()
	if err := run(context.Background(), []string{"demo", "--data", data}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out, progress bytes.Buffer
	err := run(context.Background(), []string{"bench", "--data", data, "--pages", "--role", "coordinator", "--n", "3",
		"--only", `^GET /(\{\$\}|dashboard|plans|plans/\{id\}|tasks/\{id\}|units/\{id\}|api/v1/plans)$`}, nil, &out, &progress)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "user: dieuphoi (coordinator)") || !strings.Contains(progress.String(), "100%") {
		t.Fatalf("header or progress missing:\n%s\n%s", out.String(), progress.String())
	}
	row := regexp.MustCompile("(?m)^\\| `(GET [^`]+)` \\| (\\d+) \\| [\\d.]+ ms \\| ([\\d.]+) ms \\|")
	rows := row.FindAllStringSubmatch(out.String(), -1)
	if len(rows) != 7 {
		t.Fatalf("%d pages, want 7:\n%s", len(rows), out.String())
	}
	last := 1e9
	for _, r := range rows {
		if r[2] != "200" {
			t.Errorf("%s answered %s", r[1], r[2])
		}
		p95, _ := strconv.ParseFloat(r[3], 64)
		if p95 > last {
			t.Errorf("%s (p95 %.1f ms) listed after a faster page", r[1], p95)
		}
		last = p95
	}
}
