// Package sqltest opens real, fresh databases for tests: SQLite always, and
// PostgreSQL when TTDN_TEST_POSTGRES_DSN is set (each test in its own
// schema, so tests and packages can run in parallel). It also has the Must
// helpers other packages' tests use to build fixtures.
package sqltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"ttdn/sqlstore"
)

// PostgresEnv names the variable holding the DSN of a PostgreSQL server
// tests may create schemas on.
const PostgresEnv = "TTDN_TEST_POSTGRES_DSN"

// Engines returns the engines tests run on: "sqlite", and "postgres" when
// PostgresEnv is set.
func Engines() []string {
	if os.Getenv(PostgresEnv) != "" {
		return []string{sqlstore.EngineSQLite, sqlstore.EnginePostgres}
	}
	return []string{sqlstore.EngineSQLite}
}

// Each runs fn as a subtest per engine, each with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, Open(t, engine)) })
	}
}

// EachParallel is Each with the engines' subtests run side by side, for
// tests that mostly wait (on a browser, on PostgreSQL's round trips) and
// whose fn shares nothing between the engines but what it only reads.
func EachParallel(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, engine))
		})
	}
}

// EachTwoInstances runs fn per engine with two handles of one fresh
// database, as two instances of the server have: what one changes, the
// other must see.
func EachTwoInstances(t *testing.T, fn func(t *testing.T, db, other *sqlstore.DB)) {
	t.Helper()
	for _, engine := range Engines() {
		t.Run(engine, func(t *testing.T) {
			cfg := Config(t, engine)
			db, err := sqlstore.Open(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			other, err := sqlstore.Open(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			fn(t, db, other)
		})
	}
}

// EachB runs fn as a sub-benchmark per engine, each with a fresh database.
func EachB(b *testing.B, fn func(b *testing.B, db *sqlstore.DB)) {
	b.Helper()
	for _, engine := range Engines() {
		b.Run(engine, func(b *testing.B) { fn(b, Open(b, engine)) })
	}
}

// Config returns where a fresh database of engine lives: a data directory
// of its own (the SQLite file, the secret key file) and, on PostgreSQL, a
// schema of its own, dropped when the test ends. Tests that reopen a
// database use it with sqlstore.Open.
func Config(tb testing.TB, engine string) sqlstore.Config {
	tb.Helper()
	cfg := sqlstore.Config{DataDir: tb.TempDir()}
	switch engine {
	case sqlstore.EngineSQLite:
		cfg.DSN = "sqlite:" + filepath.Join(cfg.DataDir, "ttdn.db")
	case sqlstore.EnginePostgres:
		cfg.DSN = postgresSchema(tb)
	default:
		tb.Fatalf("sqltest: unknown engine %q", engine)
	}
	return cfg
}

// Open returns a fresh, migrated database of engine, closed (and on
// PostgreSQL dropped) when the test ends. A PostgreSQL server that cannot be
// reached fails the test: a configured engine is never skipped silently.
func Open(tb testing.TB, engine string) *sqlstore.DB {
	tb.Helper()
	db, _ := OpenDSN(tb, engine)
	return db
}

// OpenDSN is Open that also returns the database's DSN, for tests that
// hand the same database to the command line (`ttdn … --db DSN`).
func OpenDSN(tb testing.TB, engine string) (*sqlstore.DB, string) {
	tb.Helper()
	cfg := Config(tb, engine)
	if engine == sqlstore.EngineSQLite {
		// The migrated file, copied: Open below then finds every migration
		// applied, and does the rest (seal, secrets) as on any start.
		tmpl, err := sqliteTemplate()
		if err != nil {
			tb.Fatalf("sqltest: sqlite template: %v", err)
		}
		if err := os.WriteFile(strings.TrimPrefix(cfg.DSN, "sqlite:"), tmpl, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	db, err := sqlstore.Open(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("sqltest: open %s: %v", engine, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("sqltest: close: %v", err)
		}
	})
	return db, cfg.DSN
}

// sqliteTemplate is a freshly migrated SQLite database, made once per test
// binary: running the migrations took ~70 ms of every SQLite test's setup,
// copying the file a millisecond. It is made by sqlstore.Open itself, with
// no secret key (each test's Open sets up its own), and closed, so that the
// whole database is in the one file.
var sqliteTemplate = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "ttdn-sqltest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "ttdn.db")
	db, err := sqlstore.Open(context.Background(), sqlstore.Config{DSN: "sqlite:" + path, DataDir: dir, NoSecrets: true})
	if err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return nil, fmt.Errorf("%s-wal not checkpointed at close", path)
	}
	return os.ReadFile(path)
})

// postgresSchema creates a uniquely named schema on the server of
// PostgresEnv, drops it at cleanup, and returns a DSN whose search_path is
// that schema.
func postgresSchema(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Fatalf("sqltest: %s is not set", PostgresEnv)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("sqltest: postgres: %v", err)
	}
	suffix := make([]byte, 8)
	rand.Read(suffix)
	schema := "ttdn_test_" + hex.EncodeToString(suffix)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		tb.Fatalf("sqltest: postgres server at %s unreachable or refusing: %v", PostgresEnv, err)
	}
	// Registered before Open's cleanup, so it runs after the store is closed.
	tb.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Errorf("sqltest: drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("sqltest: %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	// A test's database is dropped when it ends, so no commit needs to wait
	// for its WAL to reach the disk (pgx sends the setting on connect). The
	// statements, constraints and isolation are PostgreSQL's own all the same.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

// ExecRaw runs query on the database of dsn (from OpenDSN) through a
// connection of its own, outside ttdn — what someone with access to the
// database could do behind its back (tampering tests).
func ExecRaw(tb testing.TB, dsn, query string, args ...any) {
	tb.Helper()
	driver, src := "pgx", dsn
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, src = "sqlite", path
	}
	db, err := sql.Open(driver, src)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query, args...); err != nil {
		tb.Fatalf("sqltest: %s: %v", query, err)
	}
}
