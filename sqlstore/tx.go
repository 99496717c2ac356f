package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ttdn"
)

// Tx is a transaction with the time fixed once at its start, so every row a
// transaction writes carries the same timestamp.
type Tx struct {
	*sql.Tx
	db  *DB
	now time.Time

	// Audit events waiting to be chained and written at Commit
	// (auditchain.go), and the context they were recorded under.
	auditLog []*ttdn.AuditEvent
	auditCtx context.Context

	// Prepared statements of the pool (SQLite; nil on PostgreSQL), and the
	// query texts this transaction has handed out as *sql.Rows (stmtcache.go).
	stmts   *stmtCache
	rowsOut map[string]bool
}

// BeginTx starts a transaction: on the write pool when write is true, on the
// read pool otherwise.
func (db *DB) BeginTx(ctx context.Context, write bool) (*Tx, error) {
	statements.Add(1)
	pool, opts, stmts := db.write, &sql.TxOptions{}, db.writeStmts
	if !write {
		pool, opts.ReadOnly, stmts = db.read, true, db.readStmts
	}
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: begin: %w", err)
	}
	return &Tx{Tx: tx, db: db, now: db.now(), stmts: stmts}, nil
}

// Now returns the transaction's fixed time (UTC).
func (tx *Tx) Now() time.Time { return tx.now }

// ExecContext runs a statement written with ? placeholders.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	statements.Add(1)
	if s := tx.stmt(ctx, query, false); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, tx.db.rebind(query), args...)
}

// QueryContext runs a query written with ? placeholders.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	statements.Add(1)
	if s := tx.stmt(ctx, query, true); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, tx.db.rebind(query), args...)
}

// QueryRowContext runs a one-row query written with ? placeholders.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	statements.Add(1)
	if s := tx.stmt(ctx, query, false); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, tx.db.rebind(query), args...)
}

// insertID runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, mapError(err)
	}
	return id, nil
}

// exec runs a statement and maps constraint errors to domain errors.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	return res, mapError(err)
}
