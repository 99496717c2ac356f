package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Set at release builds (Makefile, docs/OPERATIONS.md "Packaging"):
//
//	go build -ldflags "-X main.version=1.4.0 -X main.commit=… -X main.buildDate=…"
//
// Without them the module's version and the VCS stamp Go records are used.
var (
	version   = ""
	commit    = ""
	buildDate = ""
)

// build describes the running binary.
type build struct {
	Version, Commit, Date, Go string
	Modified                  bool // built from a tree with uncommitted changes
}

func buildInfo() build {
	b := build{Version: version, Commit: commit, Date: buildDate, Go: runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = s.Value
				}
			case "vcs.time":
				if b.Date == "" {
					b.Date = s.Value
				}
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

func runVersion(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	b := buildInfo()
	modified := ""
	if b.Modified {
		modified = " (sửa đổi chưa commit / modified)"
	}
	fmt.Fprintf(stdout, "ttdn %s\ncommit:     %s%s\nbuild date: %s\ngo:         %s %s/%s\n",
		b.Version, b.Commit, modified, b.Date, b.Go, runtime.GOOS, runtime.GOARCH)
	return nil
}
