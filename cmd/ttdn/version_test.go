package main

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"testing"
)

// `ttdn version` prints the version, commit, build date and Go version;
// values set with -ldflags -X win over what the build info says.
func TestVersionCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ttdn ", "commit:", "build date:", runtime.Version()} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
	version, commit, buildDate = "1.4.0", "abc123", "2026-01-02T03:04:05Z"
	defer func() { version, commit, buildDate = "", "", "" }()
	b := buildInfo()
	if b.Version != "1.4.0" || b.Commit != "abc123" || b.Date != "2026-01-02T03:04:05Z" {
		t.Fatalf("ldflags values not used: %+v", b)
	}
}
