package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// `ttdn bench --mix` on the demo reports the CPU its process used per
// request, how many cores that was and (on Linux) how long its threads
// waited for one, and writes the CPU, mutex and blocking profiles it is asked for.
func TestBenchMixReportsCPUAndProfiles(t *testing.T) {
	data := t.TempDir()
	if err := run(context.Background(), []string{"demo", "--data", data}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	// The small demo's officers are in units that lead no task: add one
	// in a unit that does, so the mix has someone to post progress as.
	if err := run(context.Background(), []string{"user", "add", "--data", data, "--username", "canbomix", "--role", "unit_officer",
		"--unit", "ban-tgdv", "--password-stdin"}, strings.NewReader("mat-khau-rat-dai-cho-bench-9\n"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{}
	args := []string{"bench", "--data", data, "--mix", "--users", "4", "--duration", "2s"}
	for _, p := range []string{"cpuprofile", "mutexprofile", "blockprofile"} {
		files[p] = filepath.Join(dir, p+".pprof")
		args = append(args, "--"+p, files[p])
	}
	var out bytes.Buffer
	if err := run(context.Background(), args, nil, &out, io.Discard); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !regexp.MustCompile(`CPU of this process: [\d.]+ s, [\d.]+ ms per request`).MatchString(out.String()) {
		t.Fatalf("no CPU per request:\n%s", out.String())
	}
	cores := `Cores used: [\d.]+ of \d+`
	if runtime.GOOS == "linux" { // where /proc gives each thread's time waiting for a core
		cores += `; threads ready but waiting for a core: [\d.]+ on average`
	}
	if !regexp.MustCompile(cores).MatchString(out.String()) {
		t.Fatalf("no cores used (%s):\n%s", cores, out.String())
	}
	for p, f := range files {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v (empty or missing)", p, err)
		}
	}
}
