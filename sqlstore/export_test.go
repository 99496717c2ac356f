package sqlstore

import (
	"context"
	"database/sql"
)

// ExecTest runs a raw statement (with ? placeholders), for tests that need
// to reach behind the services.
func (db *DB) ExecTest(query string, args ...any) error {
	_, err := db.write.ExecContext(context.Background(), db.rebind(query), args...)
	return err
}

// QueryIntTest returns the single integer a raw query yields.
func (db *DB) QueryIntTest(query string, args ...any) (int64, error) {
	var n int64
	err := db.write.QueryRowContext(context.Background(), db.rebind(query), args...).Scan(&n)
	return n, err
}

// QueryStringTest returns the single string a raw query yields.
func (db *DB) QueryStringTest(query string, args ...any) (string, error) {
	var s string
	err := db.write.QueryRowContext(context.Background(), db.rebind(query), args...).Scan(&s)
	return s, err
}

// ReadPoolStatsTest returns the read pool's statistics.
func (db *DB) ReadPoolStatsTest() sql.DBStats { return db.read.Stats() }
