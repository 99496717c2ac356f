package main

import (
	"os"
	"runtime/debug"
)

// defaultMemoryLimit is the Go soft memory limit of long runs (serve, press
// ingest) when GOMEMLIMIT is not set: high enough that the collector does
// not run back to back at a year's ingest (~300 MB live on SQLite; a
// 160 MB limit halved throughput, issue 11), low enough that a growing heap
// is collected before it doubles past what the machine planned for.
const defaultMemoryLimit = 768 << 20

// setMemoryLimit applies defaultMemoryLimit unless GOMEMLIMIT says otherwise.
func setMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
