package sqlstore

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"ttdn"
)

func openStmtTestDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), Config{DataDir: t.TempDir(), NoSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if db.readStmts == nil || db.writeStmts == nil {
		t.Fatal("SQLite opened without statement caches")
	}
	return db
}

// cached runs query once (which starts its background prepare) and waits
// until the cache holds it.
func cached(t *testing.T, c *stmtCache, query string) {
	t.Helper()
	c.get(query)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		c.mu.Lock()
		s := c.stmts[query]
		c.mu.Unlock()
		if s != nil {
			return
		}
	}
	t.Fatalf("%q never prepared", query)
}

// A cached statement is one SQLite cursor: a query run again while its
// first rows are still being read, in the same transaction, must not reset
// them. Without the guard in Tx.stmt the outer loop stops after one row.
func TestCachedStatementNestedRows(t *testing.T) {
	db := openStmtTestDB(t)
	ctx := context.Background()
	if err := db.ExecTest(`CREATE TABLE stmt_probe (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		if err := db.ExecTest(`INSERT INTO stmt_probe (n) VALUES (?)`, i); err != nil {
			t.Fatal(err)
		}
	}
	q := `SELECT n FROM stmt_probe WHERE n >= ? ORDER BY n`
	cached(t, db.readStmts, q)
	for round := range 3 { // the connection's copy is prepared, then reused
		tx, err := db.BeginTx(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		outer, err := tx.QueryContext(ctx, q, 1)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for outer.Next() {
			var n int
			if err := outer.Scan(&n); err != nil {
				t.Fatal(err)
			}
			inner, err := tx.QueryContext(ctx, q, n)
			if err != nil {
				t.Fatal(err)
			}
			count := 0
			for inner.Next() {
				count++
			}
			inner.Close()
			var m int // and as a single row, also while outer is open
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stmt_probe WHERE n >= ?`, n).Scan(&m); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%d:%d/%d", n, count, m))
		}
		if err := outer.Err(); err != nil {
			t.Fatal(err)
		}
		outer.Close()
		tx.Rollback()
		if want := "[1:5/5 2:4/4 3:3/3 4:2/2 5:1/1]"; fmt.Sprint(got) != want {
			t.Fatalf("round %d: %v, want %s", round, got, want)
		}
	}
}

// Writes through a cached statement land, and the same text reads back
// each new value: the statement is bound afresh each time.
func TestCachedStatementWrites(t *testing.T) {
	db := openStmtTestDB(t)
	ctx := context.Background()
	if err := db.ExecTest(`CREATE TABLE stmt_probe (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
	ins, sum := `INSERT INTO stmt_probe (n) VALUES (?)`, `SELECT COALESCE(SUM(n), 0) FROM stmt_probe WHERE n <= ?`
	cached(t, db.writeStmts, ins)
	cached(t, db.readStmts, sum)
	total := 0
	for i := 1; i <= 20; i++ {
		tx, err := db.BeginTx(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, ins, i); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		total += i
		rtx, err := db.BeginTx(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		var got, upTo int
		if err := rtx.QueryRowContext(ctx, sum, i).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if err := rtx.QueryRowContext(ctx, sum, i/2).Scan(&upTo); err != nil {
			t.Fatal(err)
		}
		rtx.Rollback()
		if got != total || upTo != (i/2)*(i/2+1)/2 {
			t.Fatalf("after %d inserts: sum %d (want %d), up to %d: %d", i, got, total, i/2, upTo)
		}
	}
}

// ANALYZE after a bulk load keeps the per-index statistics and drops the
// value samples, and opening a database that still has samples drops them.
func TestValueStatsDropped(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(context.Background(), Config{DataDir: dir, NoSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ExecTest(`CREATE TABLE stat_probe (n INTEGER, k TEXT)`); err != nil {
		t.Fatal(err)
	}
	if err := db.ExecTest(`CREATE INDEX stat_probe_k ON stat_probe (k, n)`); err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if err := db.ExecTest(`INSERT INTO stat_probe (n, k) VALUES (?, ?)`, i, fmt.Sprint(i%7)); err != nil {
			t.Fatal(err)
		}
	}
	count := func(table string) int64 {
		n, err := db.QueryIntTest(`SELECT COUNT(*) FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := db.ExecTest(`ANALYZE`); err != nil { // as an older bulk load left it
		t.Fatal(err)
	}
	if count("sqlite_stat4") == 0 || count("sqlite_stat1") == 0 {
		t.Fatal("ANALYZE wrote no samples: this build has no STAT4 and the test proves nothing")
	}
	db.Close()
	if db, err = Open(context.Background(), Config{DataDir: dir, NoSecrets: true}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := count("sqlite_stat4"); n != 0 {
		t.Fatalf("open left %d value samples", n)
	}
	if count("sqlite_stat1") == 0 {
		t.Fatal("open dropped the index statistics")
	}
	if err := NewBulkLoader(db).Analyze(ttdn.NewSystemContext(context.Background())); err != nil {
		t.Fatal(err)
	}
	if n := count("sqlite_stat4"); n != 0 || count("sqlite_stat1") == 0 {
		t.Fatalf("after Analyze: %d samples, %d index statistics", n, count("sqlite_stat1"))
	}
}

// Close waits for the statements still being prepared in the background:
// none keeps a connection open, so SQLite has removed its WAL and
// shared-memory files by the time Close returns.
func TestStatementCacheClosedWithDB(t *testing.T) {
	for round := range 10 {
		dir := t.TempDir()
		db, err := Open(context.Background(), Config{DataDir: dir, NoSecrets: true})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for i := range 40 { // forty new texts: forty prepares started
			tx, err := db.BeginTx(ctx, false)
			if err != nil {
				t.Fatal(err)
			}
			var n int
			if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d + ?`, i), 1).Scan(&n); err != nil {
				t.Fatal(err)
			}
			tx.Rollback()
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") {
				t.Fatalf("round %d: %s left after Close", round, e.Name())
			}
		}
	}
}
