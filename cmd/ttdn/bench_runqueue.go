package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// runQueueWait is how long this process's threads have been ready to run
// but waiting for a core (the second field of Linux's per-thread
// /proc/self/task/*/schedstat), and false where that is not available.
// Beside the process's CPU time it tells why a run used less than every
// core: a large wait means the cores were busy (with other processes, on a
// shared machine); a small one with CPU to spare means the process itself
// did not have more work ready (a lock, a pool, the load generator).
// Threads that ended during the run take their share with them, so it is a
// lower bound.
func runQueueWait() (time.Duration, bool) {
	files, _ := filepath.Glob("/proc/self/task/*/schedstat")
	if len(files) == 0 {
		return 0, false
	}
	var total time.Duration
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // the thread ended
		}
		fields := strings.Fields(string(b))
		if len(fields) < 2 {
			continue
		}
		ns, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			continue
		}
		total += time.Duration(ns)
	}
	return total, true
}
