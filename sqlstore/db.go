// Package sqlstore implements the ttdn services on SQL: SQLite (embedded, the
// default) and PostgreSQL (scale-out), with one set of queries for both.
//
// Every service method follows one shape: begin a transaction, defer its
// rollback, call small findX/insertX helpers that take the transaction, write
// the audit event, commit.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"ttdn/atomicfile"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver
	_ "modernc.org/sqlite"           // registers the "sqlite" driver
)

// Engine names returned by DB.Engine.
const (
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

// Config says where the database lives. DSN "" or "sqlite:PATH" selects
// SQLite (PATH, or DataDir/ttdn.db); "postgres://…" selects PostgreSQL.
type Config struct {
	DSN     string
	DataDir string

	// SecretKey seals the secrets the database stores (TOTP secrets, the
	// SMTP password): base64 of 32 bytes, as TTDN_SECRET_KEY gives it. When
	// "", the key is read from SecretKeyFile.
	SecretKey string
	// SecretKeyFile holds the key; "" means secret.key in DataDir (or
	// beside the SQLite file of a sqlite:PATH). When the file is absent and
	// the database has no key yet, a new key is written there (mode 0600).
	SecretKeyFile string
	// NextSecretKey is the key a rotation moves to (ttdn secret-key
	// rotate): the database may already use it if a rotation was cut short.
	NextSecretKey *SecretKey

	// NoSecrets opens the database without its secret key, for work that
	// never reads or writes a stored secret (a backup, an export, a user
	// added from the command line), so it runs where the key is not. No key
	// is looked for or created; a stored secret reads as unavailable.
	NoSecrets bool
}

// DB is an open database: a write pool and a read pool. On SQLite the write
// pool is a single connection, so writers queue in Go instead of failing with
// "database is locked"; on PostgreSQL both pools are the same.
type DB struct {
	engine string
	write  *sql.DB
	read   *sql.DB

	// Now returns the current time; tests replace it to move the clock.
	Now func() time.Time

	keys atomic.Pointer[keyring] // seals and opens stored secrets (secrets.go)

	// Prepared statements of each pool, SQLite only (stmtcache.go).
	readStmts, writeStmts *stmtCache

	unitDir unitDirectory // the unit directory, as of its version (unitdir.go)
}

// Open opens the database described by cfg and applies pending migrations.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	db := &DB{Now: time.Now}
	var err error
	if strings.HasPrefix(cfg.DSN, "postgres://") || strings.HasPrefix(cfg.DSN, "postgresql://") {
		err = db.openPostgres(cfg.DSN)
	} else if cfg.DSN == "" || strings.HasPrefix(cfg.DSN, "sqlite:") {
		err = db.openSQLite(sqlitePath(cfg))
	} else {
		scheme, _, _ := strings.Cut(cfg.DSN, ":")
		return nil, fmt.Errorf("sqlstore: unsupported database URL scheme %q (want sqlite:PATH or postgres://…)", RedactDSN(scheme))
	}
	if err != nil {
		// A driver may quote the DSN it could not use.
		return nil, redactError(err)
	}
	if err := Migrate(ctx, db); err != nil {
		db.Close()
		return nil, redactError(err)
	}
	if err := SealAuditLog(ctx, db); err != nil {
		db.Close()
		return nil, redactError(err)
	}
	if !cfg.NoSecrets {
		if err := db.setupSecrets(ctx, cfg); err != nil {
			db.Close()
			return nil, redactError(err)
		}
	}
	return db, nil
}

func sqlitePath(cfg Config) string {
	if p := strings.TrimPrefix(cfg.DSN, "sqlite:"); p != "" {
		return p
	}
	dir := cfg.DataDir
	if dir == "" {
		dir = "./ttdn-data"
	}
	return filepath.Join(dir, "ttdn.db")
}

// sqliteURIPath escapes what a "file:" URI would read otherwise: a data
// directory named "ttdn#2" or "a?b" opened another file, cut at the "#" or
// "?" (SQLite decodes the %HH back).
func sqliteURIPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

func (db *DB) openSQLite(path string) error {
	if err := prepareSQLiteFiles(path); err != nil {
		return err
	}
	// Pragmas as PocketBase runs SQLite in production: WAL so readers never
	// block the writer, a busy timeout instead of immediate SQLITE_BUSY,
	// NORMAL sync (safe with WAL), and timestamps written in a form the driver
	// scans back as time.Time.
	base := "file:" + sqliteURIPath(path) + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_time_format=sqlite"
	var err error
	// BEGIN IMMEDIATE takes the write lock at the start of a transaction, so a
	// transaction never fails half-way when it upgrades from read to write.
	if db.write, err = sql.Open("sqlite", base+"&_txlock=immediate"); err != nil {
		return fmt.Errorf("sqlstore: open sqlite: %w", err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetConnMaxIdleTime(0)
	// Readers get a larger page cache (16 MB each instead of 2 MB), the file
	// mapped into memory (no copy per page read) and temporary sort trees in
	// memory: the list and dashboard queries re-read the same indexes.
	reads := "&_query_only=1&_pragma=cache_size(-16000)&_pragma=mmap_size(268435456)&_pragma=temp_store(2)"
	if db.read, err = sql.Open("sqlite", base+reads); err != nil {
		db.write.Close()
		return fmt.Errorf("sqlstore: open sqlite: %w", err)
	}
	// Every reader stays open (database/sql keeps two idle by default and
	// closes the rest): a new one starts with an empty page cache and none
	// of the prepared statements.
	db.read.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	db.read.SetMaxIdleConns(max(4, 2*runtime.NumCPU()))
	db.readStmts, db.writeStmts = newStmtCache(db.read), newStmtCache(db.write)
	db.engine = EngineSQLite
	return db.write.Ping()
}

// prepareSQLiteFiles creates the data directory (0700) and the database
// file (0600) before SQLite opens it: SQLite gives the WAL and shared-memory
// files the mode of the database file, so all three are the owner's only.
// Files an older version created with wider modes are narrowed.
func prepareSQLiteFiles(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("sqlstore: create data directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, atomicfile.Mode)
	if err != nil {
		return fmt.Errorf("sqlstore: create database file: %w", err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&^atomicfile.Mode != 0 {
			if err := os.Chmod(p, atomicfile.Mode); err != nil {
				return fmt.Errorf("sqlstore: restrict %s to its owner: %w", p, err)
			}
		}
	}
	return nil
}

// pgMaxConns bounds an instance's PostgreSQL connections: several
// instances share the server's max_connections (100 by default).
const pgMaxConns = 20

func (db *DB) openPostgres(dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("sqlstore: open postgres: %w", err)
	}
	// Plan each prepared statement once per connection (generic plans).
	// Planning was the largest part of the server's work under the mixed
	// load (a third of the backends' CPU; the read-scope conditions take
	// 0.3–0.9 ms each to plan, as long as they take to run): PostgreSQL
	// kept planning them anew because, with the units known, a custom plan
	// looks cheaper. On every page of the route table, as four roles, the
	// generic plans cost no page more (docs/BENCHMARKS.md, fifth pass).
	// Statements whose plan must know its values run unprepared (pgQuery,
	// the press search). A DSN that sets plan_cache_mode keeps its own.
	if _, set := cfg.RuntimeParams["plan_cache_mode"]; !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	}
	pool := stdlib.OpenDB(*cfg)
	// Connections stay open between requests (database/sql keeps two idle
	// by default): a PostgreSQL connection is a server process, and opening
	// one per burst cost more than the statements it ran (a press ingest
	// batch uses three; a page under load several).
	pool.SetMaxOpenConns(pgMaxConns)
	pool.SetMaxIdleConns(pgMaxConns)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db.write, db.read, db.engine = pool, pool, EnginePostgres
	if err := pool.Ping(); err != nil {
		pool.Close()
		// pgx names the host, user and database, never the password; the
		// DSN itself is not repeated (one that does not parse could not be
		// redacted reliably).
		return fmt.Errorf("sqlstore: connect to postgres: %w", err)
	}
	return nil
}

// Engine returns "sqlite" or "postgres".
func (db *DB) Engine() string { return db.engine }

// Close closes both pools.
func (db *DB) Close() error {
	if db.write == nil {
		return nil
	}
	db.readStmts.close()
	db.writeStmts.close()
	err := db.write.Close()
	if db.read != db.write {
		if rerr := db.read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Ping checks that both pools reach the database, for /healthz.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return err
	}
	return db.read.PingContext(ctx)
}

// LimitReaders caps the read pool at n connections (on PostgreSQL the one
// pool reads and writes share). The tests use one: a read that holds its
// connection while it waits for another (a transaction around a service
// call that begins its own, a read audited before it ends) then hangs at
// once, instead of only when enough such requests meet to take them all.
func (db *DB) LimitReaders(n int) { db.read.SetMaxOpenConns(n) }

// WriteStats returns the statistics of the write pool (tests check it holds
// one SQLite connection).
func (db *DB) WriteStats() sql.DBStats { return db.write.Stats() }

// now returns the clock's time in UTC, truncated to what both engines store.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }
