package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migrationLockKey is the PostgreSQL advisory lock that serialises migrations
// when several instances start at once ("ttdn" in ASCII).
const migrationLockKey = 0x7474646e

// Migrate applies, in name order, every embedded migration of the engine that
// schema_migrations does not list yet. Each runs in its own transaction, so a
// failing migration leaves the schema as it was before it. Running it again
// changes nothing.
func Migrate(ctx context.Context, db *DB) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer conn.Close()
	if db.engine == EnginePostgres {
		// Session-level lock on this one connection, released below or when
		// the connection closes.
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLockKey); err != nil {
			return fmt.Errorf("sqlstore: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLockKey)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/"+db.engine+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.applyMigration(ctx, conn, name); err != nil {
			return err
		}
	}
	if db.engine == EngineSQLite {
		// A database analysed by an older bulk load still has value samples.
		if err := dropValueStats(ctx, conn); err != nil {
			return fmt.Errorf("sqlstore: migrate: %w", err)
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, conn *sql.Conn, name string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate %s: %w", name, err)
	}
	defer tx.Rollback()
	base := path.Base(name)
	var n int
	if err := tx.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM schema_migrations WHERE name = ?`), base).Scan(&n); err != nil {
		return fmt.Errorf("sqlstore: migrate %s: %w", name, err)
	} else if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("sqlstore: migrate %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`),
		base, db.now().Format("2006-01-02T15:04:05.000000Z")); err != nil {
		return fmt.Errorf("sqlstore: migrate %s: %w", name, err)
	}
	return tx.Commit()
}
