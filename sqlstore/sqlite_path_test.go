package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"ttdn/sqlstore"
)

// A data directory whose name holds what a URI reads specially ("#", "?",
// "%") keeps its database in that directory, and two such directories that
// differ only after the "#" keep two databases.
func TestSQLiteFileInAnyDirectory(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"ttdn#1", "ttdn#2", "a?b=c", "100%25 đủ"} {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "ttdn.db")
		db, err := sqlstore.Open(context.Background(), sqlstore.Config{DSN: "sqlite:" + path, DataDir: dir})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("%s: the database is not where it was asked for: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 4 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("files outside the four directories: %q", names)
	}
}
