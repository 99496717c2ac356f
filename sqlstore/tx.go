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
//
// A read on PostgreSQL is no SQL transaction but one pooled connection
// (conn; Tx nil): at READ COMMITTED, PostgreSQL's default and what BeginTx
// asked for, every statement of a transaction takes its own snapshot, just
// as a statement outside one does, so BEGIN READ ONLY and ROLLBACK bought
// nothing but two round trips per read (a page makes 3–9 reads). Writes in
// a read are refused on SQLite by the server (query_only), on PostgreSQL
// by the Tx itself (readguard.go).
type Tx struct {
	*sql.Tx
	conn *sql.Conn // a PostgreSQL read (BeginTx with write false)
	db   *DB
	now  time.Time

	// Audit events waiting to be chained and written at Commit
	// (auditchain.go), and the context they were recorded under.
	auditLog []*ttdn.AuditEvent
	auditCtx context.Context

	// Prepared statements of the pool (SQLite; nil on PostgreSQL), and the
	// query texts this transaction has handed out as *sql.Rows (stmtcache.go).
	stmts   *stmtCache
	rowsOut map[string]bool

	// Changes to the activity count tables, written at Commit after the
	// audit events (PostgreSQL; activitycounts.go).
	counts    activityCounts
	countsCtx context.Context
}

// BeginTx starts a transaction: on the write pool when write is true, on the
// read pool otherwise.
func (db *DB) BeginTx(ctx context.Context, write bool) (*Tx, error) {
	if !write && db.engine == EnginePostgres {
		conn, err := db.read.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: begin: %w", err)
		}
		return &Tx{conn: conn, db: db, now: db.now()}, nil
	}
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

// ExecContext runs a statement written with ? placeholders (refused in a
// read on PostgreSQL; readguard.go).
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	statements.Add(1)
	if s := tx.stmt(ctx, query, false); s != nil {
		return s.ExecContext(ctx, args...)
	}
	if tx.conn != nil {
		return nil, refuseExec(query)
	}
	return tx.Tx.ExecContext(ctx, tx.db.rebind(query), args...)
}

// QueryContext runs a query written with ? placeholders (in a read on
// PostgreSQL, only a query that reads; readguard.go).
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	statements.Add(1)
	if s := tx.stmt(ctx, query, true); s != nil {
		return s.QueryContext(ctx, args...)
	}
	if tx.conn != nil {
		if err := checkRead(query); err != nil {
			return nil, err
		}
		return tx.conn.QueryContext(ctx, tx.db.rebind(query), args...)
	}
	return tx.Tx.QueryContext(ctx, tx.db.rebind(query), args...)
}

// QueryRowContext runs a one-row query written with ? placeholders.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	statements.Add(1)
	if s := tx.stmt(ctx, query, false); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	if tx.conn != nil {
		if err := checkRead(query); err != nil {
			// Fails in the driver before anything is sent.
			return tx.conn.QueryRowContext(ctx, query, refusedRow{err})
		}
		return tx.conn.QueryRowContext(ctx, tx.db.rebind(query), args...)
	}
	return tx.Tx.QueryRowContext(ctx, tx.db.rebind(query), args...)
}

// Rollback ends the transaction without its changes; a PostgreSQL read
// gives its connection back. Calling it after Commit does nothing.
func (tx *Tx) Rollback() error {
	if tx.conn != nil {
		return tx.conn.Close()
	}
	return tx.Tx.Rollback()
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
