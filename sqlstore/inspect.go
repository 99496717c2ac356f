package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// Inspection is what `ttdn doctor` learns about a database without changing
// it: no migration is applied, no key file created, nothing written.
type Inspection struct {
	Engine  string
	Path    string   // the SQLite file ("" on PostgreSQL)
	Missing bool     // the SQLite file does not exist
	Pending []string // migrations of this version the database lacks
	Newer   []string // migrations the database has that this version does not know
	DBKeyID string   // the key id the database records ("" when none yet)
	KeyID   string   // the id of the key the configuration gives ("" when none is found)
	KeyPath string   // where the key file is looked for ("" when the key is given itself)
	KeyErr  error    // the key could not be read
	DBTime  time.Time
}

// Inspect opens the database cfg names read-only in effect and reports on
// it. A database that cannot be reached is an error.
func Inspect(ctx context.Context, cfg Config) (*Inspection, error) {
	in := &Inspection{}
	in.KeyPath = cfg.SecretKeyPath()
	if key, _, err := cfg.secretKey(); err != nil {
		in.KeyErr = err
	} else if key != nil {
		in.KeyID = key.id
	}
	db := &DB{Now: time.Now}
	if isPostgresDSN(cfg.DSN) {
		if err := db.openPostgres(cfg.DSN); err != nil {
			return nil, redactError(err)
		}
	} else {
		in.Path = sqlitePath(cfg)
		if _, err := os.Stat(in.Path); errors.Is(err, fs.ErrNotExist) {
			in.Engine, in.Missing = EngineSQLite, true
			return in, nil
		}
		// Read-only and without prepareSQLiteFiles: the doctor reports
		// file modes, it does not narrow them.
		pool, err := sql.Open("sqlite", "file:"+sqliteURIPath(in.Path)+"?mode=ro&_pragma=busy_timeout(10000)&_time_format=sqlite")
		if err != nil {
			return nil, fmt.Errorf("sqlstore: open sqlite: %w", err)
		}
		db.write, db.read, db.engine = pool, pool, EngineSQLite
		if err := pool.PingContext(ctx); err != nil {
			pool.Close()
			return nil, fmt.Errorf("sqlstore: open sqlite: %w", err)
		}
	}
	defer db.Close()
	in.Engine = db.engine
	applied, err := queryNames(ctx, db, `SELECT name FROM schema_migrations`)
	if err != nil {
		// No table: nothing was ever applied.
		applied = nil
	}
	names, err := fs.Glob(migrationFS, "migrations/"+db.engine+"/*.sql")
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, n := range names {
		known[path.Base(n)] = true
		if !slices.Contains(applied, path.Base(n)) {
			in.Pending = append(in.Pending, path.Base(n))
		}
	}
	for _, a := range applied {
		if !known[a] {
			in.Newer = append(in.Newer, a)
		}
	}
	slices.Sort(in.Pending)
	slices.Sort(in.Newer)
	if len(in.Pending) == 0 {
		ids, err := queryNames(ctx, db, `SELECT key_id FROM secret_key_check WHERE id = 1`)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: read the secret key check: %w", redactError(err))
		}
		if len(ids) > 0 {
			in.DBKeyID = ids[0]
		}
	}
	if db.engine == EnginePostgres {
		if err := db.read.QueryRowContext(ctx, `SELECT now()`).Scan(&in.DBTime); err != nil {
			return nil, redactError(err)
		}
	}
	return in, nil
}

func queryNames(ctx context.Context, db *DB, q string) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
