package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressBarLine(t *testing.T) {
	p := newProgressBar(nil, "Dữ liệu")
	got := p.line(15, 60, 3*time.Second)
	want := "Dữ liệu [#######.......................]  25% (15/60) 3s"
	if got != want {
		t.Fatalf("line = %q, want %q", got, want)
	}
	if got := p.line(70, 60, 0); !strings.Contains(got, "100% (60/60)") {
		t.Fatalf("overflow not clamped: %q", got)
	}
}

func TestProgressBarEndsLine(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressBar(&buf, "x")
	p.Update(1, 2)
	p.Update(2, 2)
	if !strings.HasSuffix(buf.String(), "(2/2) 0s\n") {
		t.Fatalf("final state not drawn with a newline: %q", buf.String())
	}
}
