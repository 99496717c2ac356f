package sqlstore_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustMode fails unless path has exactly the permission bits want.
func mustMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s: mode %04o, want %04o", filepath.Base(path), got, want)
	}
}

// The data directory is its owner's only, and so are the database, its WAL
// and shared memory, whatever the umask; files an older version left
// readable by others are narrowed when the store opens.
func TestSQLiteFilesOwnerOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db, err := sqlstore.Open(context.Background(), sqlstore.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	sqltest.MustSeed(t, db) // a write, so the WAL has content
	mustMode(t, dir, 0o700)
	for _, name := range []string{"ttdn.db", "ttdn.db-wal", "ttdn.db-shm"} {
		mustMode(t, filepath.Join(dir, name), 0o600)
	}
	db.Close()

	for _, name := range []string{"ttdn.db", "ttdn.db-wal", "ttdn.db-shm"} {
		if err := os.Chmod(filepath.Join(dir, name), 0o644); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	db, err = sqlstore.Open(context.Background(), sqlstore.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustMode(t, filepath.Join(dir, "ttdn.db"), 0o600)
	mustMode(t, filepath.Join(dir, "ttdn.db-wal"), 0o600)
}

// Backups are their owner's only, on both engines (a SQLite file and an
// archive).
func TestBackupOwnerOnly(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		path := mustBackup(t, db, "ttdn.backup")
		mustMode(t, path, 0o600)
	})
}

// A backup that fails half-way leaves nothing under its name, and no
// temporary file either: on SQLite the copy is interrupted as soon as it
// has begun to write; on PostgreSQL the archive is cancelled after its
// first rows.
func TestBackupInterruptedLeavesNoFile(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustFill(t, db)
		dir := t.TempDir()
		path := filepath.Join(dir, "ttdn.backup")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var progress sqlstore.Progress
		if db.Engine() == sqlstore.EngineSQLite {
			go cancelOnPartFile(ctx, dir, cancel)
		} else {
			progress = func(done, total int) {
				if done < total {
					cancel()
				}
			}
		}
		if _, err := db.Backup(ctx, path, progress); err == nil {
			t.Fatal("the interrupted backup reported success")
		}
		mustEmptyDir(t, dir)

		// A target that cannot be written (its directory is a file) fails
		// the same way.
		other := t.TempDir()
		notDir := filepath.Join(other, "file")
		if err := os.WriteFile(notDir, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Backup(context.Background(), filepath.Join(notDir, "ttdn.backup"), nil); err == nil {
			t.Fatal("a backup into an unwritable place reported success")
		}
		if entries, _ := os.ReadDir(other); len(entries) != 1 {
			t.Fatalf("left behind: %v", entries)
		}
	})
}

// mustFill stores enough to make a backup take a while: 32 MB on SQLite,
// 3,000 rows on PostgreSQL (the archive reports progress every 1,000).
func mustFill(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	q := `INSERT INTO settings (key, value, updated_at)
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 32)
		SELECT 'filler.' || i, hex(randomblob(524288)), CURRENT_TIMESTAMP FROM n`
	if db.Engine() == sqlstore.EnginePostgres {
		q = `INSERT INTO settings (key, value, updated_at)
			SELECT 'filler.' || i, 'x', now() FROM generate_series(1, 3000) AS i`
	}
	if err := db.ExecTest(q); err != nil {
		t.Fatal(err)
	}
}

// cancelOnPartFile cancels as soon as a temporary backup file in dir holds
// data.
func cancelOnPartFile(ctx context.Context, dir string, cancel func()) {
	for ctx.Err() == nil {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Size() > 0 {
				cancel()
				return
			}
		}
		time.Sleep(200 * time.Microsecond)
	}
}

func mustEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) > 0 {
		t.Fatalf("left behind in %s: %s", dir, strings.Join(names, ", "))
	}
}

// A backup never replaces an existing file.
func TestBackupRefusesExisting(t *testing.T) {
	db := sqltest.Open(t, sqlstore.EngineSQLite)
	path := filepath.Join(t.TempDir(), "old.backup")
	if err := os.WriteFile(path, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(context.Background(), path, nil); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
		t.Fatalf("backup over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Fatalf("existing file changed: %q", b)
	}
}
