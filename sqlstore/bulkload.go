package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"ttdn"
)

// BulkLoader writes large generated data sets (the demo's large province)
// with multi-row inserts in big transactions. It skips the per-record audit
// trail — one audit event records each load — so only the system user may
// use it, and it is never reachable from the UI or the API.
type BulkLoader struct{ db *DB }

// NewBulkLoader returns the bulk loader on db.
func NewBulkLoader(db *DB) *BulkLoader { return &BulkLoader{db: db} }

// rowsPerInsert keeps a statement under both engines' parameter limits.
const rowsPerInsert = 400

func (l *BulkLoader) begin(ctx context.Context) (*Tx, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ dòng lệnh được nạp dữ liệu hàng loạt.", "Only the command line may bulk-load data.")
	}
	return l.db.BeginTx(ctx, true)
}

// insertRows inserts rows (each of len(cols) values) into table, many rows
// per statement.
func insertRows(ctx context.Context, tx *Tx, table string, cols []string, rows [][]any) error {
	one := "(" + placeholders(len(cols)) + ")"
	for start := 0; start < len(rows); start += rowsPerInsert {
		chunk := rows[start:min(start+rowsPerInsert, len(rows))]
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES ` +
			strings.TrimSuffix(strings.Repeat(one+", ", len(chunk)), ", ")
		if _, err := tx.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("sqlstore: bulk insert into %s: %w", table, err)
		}
	}
	return nil
}

// nextID returns the first free id of table, for rows inserted with
// explicit ids (so links can be written without reading ids back).
func nextID(ctx context.Context, tx *Tx, table string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+table).Scan(&id)
	return id, err
}

// syncIdentity moves PostgreSQL's identity sequence past ids inserted
// explicitly; SQLite needs nothing.
func syncIdentity(ctx context.Context, tx *Tx, table string) error {
	if tx.db.engine != EnginePostgres {
		return nil
	}
	_, err := tx.exec(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), (SELECT MAX(id) FROM `+table+`))`)
	return err
}

// CreateUsers stores users sharing one password, hashed once: hashing 200
// passwords one by one would take most of the load's time.
func (l *BulkLoader) CreateUsers(ctx context.Context, users []*ttdn.User, password string) error {
	tx, err := l.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	id, err := nextID(ctx, tx, "users")
	if err != nil {
		return err
	}
	rows := make([][]any, 0, len(users))
	for _, u := range users {
		if err := u.Validate(); err != nil {
			return err
		}
		u.ID, u.Version, u.CreatedAt = id, 1, tx.now
		id++
		rows = append(rows, []any{u.ID, u.Username, u.Name, u.Email, string(u.Role), idArg(u.UnitID), hash, false, 1, tx.now})
	}
	cols := []string{"id", "username", "name", "email", "role", "unit_id", "password_hash", "disabled", "version", "created_at"}
	if err := insertRows(ctx, tx, "users", cols, rows); err != nil {
		return err
	} else if err := syncIdentity(ctx, tx, "users"); err != nil {
		return err
	} else if err := tx.audit(ctx, "bulk_create", ttdn.ResourceUser, 0, nil, map[string]int{"users": len(users)}); err != nil {
		return err
	}
	return tx.Commit()
}

// TaskState is a task's status, percent and last change, set by a load.
type TaskState struct {
	TaskID    int64
	Status    ttdn.TaskStatus
	Percent   int
	UpdatedAt time.Time
}

// SetTaskStates overwrites the status, percent and updated_at of tasks.
func (l *BulkLoader) SetTaskStates(ctx context.Context, states []TaskState) error {
	tx, err := l.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range states {
		if _, err := tx.exec(ctx, `UPDATE tasks SET status = ?, percent = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			string(s.Status), s.Percent, s.UpdatedAt.UTC(), s.TaskID); err != nil {
			return err
		}
	}
	if err := tx.audit(ctx, "bulk_update", ttdn.ResourceTask, 0, nil, map[string]int{"tasks": len(states)}); err != nil {
		return err
	}
	return tx.Commit()
}

// loadedTables are the tables Count may be asked about.
var loadedTables = map[string]bool{"units": true, "plans": true, "tasks": true, "activities": true, "users": true,
	"progress_updates": true, "channels": true, "themes": true}

// Count returns the number of rows of a loaded table, for the CLI's summary
// and tests.
func (l *BulkLoader) Count(ctx context.Context, table string) (int, error) {
	if !loadedTables[table] {
		return 0, fmt.Errorf("sqlstore: count: unknown table %q", table)
	}
	tx, err := l.db.BeginTx(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n)
	return n, err
}

// Analyze refreshes the query planner's statistics after a load, so the
// first queries on a freshly generated database plan as later ones will.
func (l *BulkLoader) Analyze(ctx context.Context) error {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ dòng lệnh được nạp dữ liệu hàng loạt.", "Only the command line may bulk-load data.")
	}
	// On PostgreSQL, VACUUM also sets the visibility map, without which the
	// freshly loaded tables cannot be counted by index-only scans.
	stmt := `ANALYZE`
	if l.db.engine == EnginePostgres {
		stmt = `VACUUM ANALYZE`
	}
	if _, err := l.db.write.ExecContext(ctx, stmt); err != nil {
		return err
	}
	if l.db.engine == EngineSQLite {
		return dropValueStats(ctx, l.db.write)
	}
	return nil
}

// dropValueStats removes SQLite's sampled key values (sqlite_stat4),
// keeping the per-index statistics (sqlite_stat1). With samples, a plan can
// depend on the values bound to a query, so SQLite prepares a statement
// again whenever they change: under the mixed load that re-preparing was an
// eighth of the server's CPU and undid the statement cache (stmtcache.go).
// Without them plans depend on the query text alone.
func dropValueStats(ctx context.Context, e interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) error {
	var n int
	if err := e.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	if err := e.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_stat4`).Scan(&n); err != nil || n == 0 {
		return err
	}
	// ANALYZE sqlite_schema reloads the statistics into the connection.
	_, err := e.ExecContext(ctx, `DELETE FROM sqlite_stat4; ANALYZE sqlite_schema`)
	return err
}
