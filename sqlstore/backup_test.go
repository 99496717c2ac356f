package sqlstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func mustBackup(t *testing.T, db *sqlstore.DB, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if _, err := db.Backup(context.Background(), path, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRestore(t *testing.T, engine, path string) *sqlstore.DB {
	t.Helper()
	db := sqltest.Open(t, engine)
	if err := db.Restore(context.Background(), path, sqlstore.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return db
}

// A backup restores to the same data, row for row, on both engines.
func TestBackupRestoreRoundTrip(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustDemo(t, db)
		want := mustDump(t, db)
		path := mustBackup(t, db, "ttdn.backup")
		got := mustRestore(t, db.Engine(), path)
		if d := diffDumps(want, mustDump(t, got)); d != "" {
			t.Fatal(d)
		}
		mustChainOK(t, got)
		if _, err := db.Backup(context.Background(), path, nil); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("backup over an existing file: %v", err)
		}
	})
}

// A backup taken while writers write holds a consistent state: a prefix of
// the writes with every act's audit event, and a whole audit chain.
func TestBackupWhileWriting(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		units := sqlstore.NewUnitService(db)
		var written atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var once sync.Once
		halt := func() { once.Do(func() { close(stop); wg.Wait() }) }
		defer halt()
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					u := &ttdn.Unit{Code: fmt.Sprintf("w%d-%05d", w, i), Name: "Đơn vị ghi đồng thời", Kind: ttdn.UnitDepartment}
					if err := units.CreateUnit(sqltest.SystemContext(), u); err != nil {
						t.Error(err)
						return
					}
					written.Add(1)
				}
			}()
		}
		for written.Load() < 20 {
			time.Sleep(5 * time.Millisecond)
		}
		path := mustBackup(t, db, "during.backup")
		atBackup := written.Load()
		time.Sleep(50 * time.Millisecond)
		halt()

		got := mustRestore(t, db.Engine(), path)
		mustChainOK(t, got)
		n := mustInt(t, got, `SELECT COUNT(*) FROM units WHERE code LIKE 'w%-%'`)
		audited := mustInt(t, got, `SELECT COUNT(*) FROM audit_events WHERE entity = 'unit' AND action = 'create' AND after_json LIKE '%"code":"w%'`)
		if n == 0 || n != audited || n > written.Load() {
			t.Fatalf("backup holds %d written units, %d audited (at backup %d, total %d)", n, audited, atBackup, written.Load())
		}
		// Each writer's units are a prefix: no write is missing before a later one.
		for w := range 3 {
			k := mustInt(t, got, `SELECT COUNT(*) FROM units WHERE code LIKE ?`, fmt.Sprintf("w%d-%%", w))
			if k > 0 {
				if last := mustInt(t, got, `SELECT COUNT(*) FROM units WHERE code = ?`, fmt.Sprintf("w%d-%05d", w, k-1)); last != 1 {
					t.Fatalf("writer %d: %d units but not a prefix", w, k)
				}
			}
		}
		// Quiet now: a second backup equals the source row for row.
		want := mustDump(t, db)
		again := mustRestore(t, db.Engine(), mustBackup(t, db, "after.backup"))
		if d := diffDumps(want, mustDump(t, again)); d != "" {
			t.Fatal(d)
		}
		t.Logf("%s: %d writes, %d in the online backup", db.Engine(), written.Load(), n)
	})
}

// A SQLite backup file restores into PostgreSQL too (the move path for a
// province whose only copy is a backup).
func TestSQLiteBackupRestoresIntoEveryEngine(t *testing.T) {
	src := sqltest.Open(t, sqlstore.EngineSQLite)
	mustDemo(t, src)
	want := mustDump(t, src)
	path := mustBackup(t, src, "ttdn.db.backup")
	for _, engine := range sqltest.Engines() {
		got := mustRestore(t, engine, path)
		if d := diffDumps(want, mustDump(t, got)); d != "" {
			t.Fatalf("%s: %s", engine, d)
		}
		mustChainOK(t, got)
	}
	if err := sqltest.Open(t, sqlstore.EngineSQLite).Restore(context.Background(), filepath.Join(t.TempDir(), "none"), sqlstore.ImportOptions{}); err == nil || !strings.Contains(ttdn.ErrorMessage(err, "en"), "Cannot open") {
		t.Fatalf("missing file: %v", err)
	}
}
