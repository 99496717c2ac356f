package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A write that fails leaves neither the final name nor a temporary file;
// one that succeeds leaves only the final name, mode 0600; an existing file
// is kept unless replacing was asked for.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ttdn.backup")
	boom := errors.New("disk full")
	if err := Write(path, false, func(f *os.File) error {
		f.WriteString("half")
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("failed write: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a failed write left %v", entries)
	}
	if err := Write(path, false, func(f *os.File) error { _, err := f.WriteString("whole"); return err }); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != Mode {
		t.Fatalf("written file: %v %v", st, err)
	}
	if err := Write(path, false, func(f *os.File) error { return nil }); !errors.Is(err, ErrExist) {
		t.Fatalf("overwrote without asking: %v", err)
	}
	if err := Write(path, true, func(f *os.File) error { _, err := f.WriteString("new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("content %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}
