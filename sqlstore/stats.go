package sqlstore

import (
	"context"
	"database/sql"
)

// PoolStats returns database/sql's statistics per connection pool, for the
// metrics: on SQLite "write" (the single writer) and "read"; on PostgreSQL
// one pool, "main".
func (db *DB) PoolStats() map[string]sql.DBStats {
	if db.read == db.write {
		return map[string]sql.DBStats{"main": db.write.Stats()}
	}
	return map[string]sql.DBStats{"write": db.write.Stats(), "read": db.read.Stats()}
}

// CountActiveSessions counts full sessions neither expired nor idle past
// SessionIdleTimeout, for the metrics.
func (db *DB) CountActiveSessions(ctx context.Context) (int, error) {
	now := db.now()
	var n int
	err := db.read.QueryRowContext(ctx, db.rebind(`SELECT COUNT(*) FROM sessions WHERE stage = '' AND expires_at > ? AND last_seen_at > ?`),
		now, now.Add(-SessionIdleTimeout)).Scan(&n)
	return n, err
}
