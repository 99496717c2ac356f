package sqlstore_test

import (
	"errors"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestWriteInReadRefused checks that a write slipped into a read
// transaction is refused and leaves nothing behind: on SQLite by the read
// pool (query_only), on PostgreSQL, where a read is a bare pooled
// connection, by the Tx's guard (ErrWriteInRead) — without it PostgreSQL
// runs and keeps every one of these. Reads, CTEs included, still run.
func TestWriteInReadRefused(t *testing.T) {
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		wtx, err := db.BeginTx(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := wtx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('guard-seen', 'v', ?)`, wtx.Now()); err != nil {
			t.Fatal(err)
		}
		if err := wtx.Commit(); err != nil {
			t.Fatal(err)
		}
		read := func(fn func(tx *sqlstore.Tx) error) error {
			tx, err := db.BeginTx(ctx, false)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if err := fn(tx); err != nil {
				return err
			}
			return tx.Commit()
		}
		writes := []struct {
			name string
			fn   func(tx *sqlstore.Tx) error
		}{
			{"exec insert", func(tx *sqlstore.Tx) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('guard-exec', 'v', ?)`, tx.Now())
				return err
			}},
			{"exec update", func(tx *sqlstore.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE settings SET value = 'changed' WHERE key = 'guard-seen'`)
				return err
			}},
			{"insert returning through QueryRow", func(tx *sqlstore.Tx) error {
				var key string
				return tx.QueryRowContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('guard-row', 'v', ?) RETURNING key`, tx.Now()).Scan(&key)
			}},
			{"delete returning through Query", func(tx *sqlstore.Tx) error {
				return drain(tx.QueryContext(ctx, `DELETE FROM settings WHERE key = 'guard-seen' RETURNING key`))
			}},
			{"with insert", func(tx *sqlstore.Tx) error {
				return drain(tx.QueryContext(ctx, `WITH n AS (INSERT INTO settings (key, value, updated_at) VALUES ('guard-with', 'v', ?) RETURNING key)
					SELECT key FROM n`, tx.Now()))
			}},
			{"with update through QueryRow", func(tx *sqlstore.Tx) error {
				var n int
				return tx.QueryRowContext(ctx, `WITH u AS (UPDATE settings SET value = 'changed' WHERE key = 'guard-seen' RETURNING key)
					SELECT COUNT(*) FROM u`).Scan(&n)
			}},
		}
		if db.Engine() == sqlstore.EnginePostgres {
			// A row lock (SQLite has no FOR UPDATE: it fails there anyway).
			writes = append(writes, struct {
				name string
				fn   func(tx *sqlstore.Tx) error
			}{"select for update", func(tx *sqlstore.Tx) error {
				var v string
				return tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'guard-seen' FOR UPDATE`).Scan(&v)
			}})
		}
		for _, w := range writes {
			err := read(w.fn)
			switch {
			case err == nil:
				t.Errorf("%s: ran in a read transaction", w.name)
			case db.Engine() == sqlstore.EnginePostgres && !errors.Is(err, sqlstore.ErrWriteInRead):
				t.Errorf("%s: %v, want %v", w.name, err, sqlstore.ErrWriteInRead)
			}
			t.Logf("%s: %v", w.name, err)
		}

		// Reads run, and nothing was written.
		var keys, value string
		var n int
		if err := read(func(tx *sqlstore.Tx) error {
			if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, "guard-seen").Scan(&value); err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, `WITH g AS (SELECT key FROM settings WHERE key LIKE 'guard-%')
				SELECT COUNT(*), MIN(key) FROM g`).Scan(&n, &keys); err != nil {
				return err
			}
			var one int
			return tx.QueryRowContext(ctx, `VALUES (1)`).Scan(&one)
		}); err != nil {
			t.Fatal(err)
		}
		if value != "v" || n != 1 || keys != "guard-seen" {
			t.Errorf("after the refused writes: value %q, %d rows (first %q), want v, 1 (guard-seen)", value, n, keys)
		}
	})
}

func drain(rows interface {
	Next() bool
	Err() error
	Close() error
}, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}
