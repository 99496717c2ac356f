package sqlstore

import (
	"context"
	"fmt"
)

// CheckWrite proves the database takes a write that commits: it moves the
// one heartbeat row in a transaction of its own. Ping only proves a
// connection; a full disk, a file system or server gone read-only, or a
// write lock held too long fail here while Ping still succeeds. It is what
// /readyz asks.
func (db *DB) CheckWrite(ctx context.Context) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO heartbeat (id, beat_at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`, tx.now); err != nil {
		return fmt.Errorf("sqlstore: write check: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: write check: commit: %w", err)
	}
	return nil
}
