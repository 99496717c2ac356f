package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// SealAuditLog chains the audit events written before the chain existed
// (migration 0009) or loaded from an archive made before it. It acts only
// while the chain is empty: once the chain has begun, an event outside it
// can only have been inserted by hand, and sealing it would hide that.
func SealAuditLog(ctx context.Context, db *DB) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	seq, prev, err := tx.chainHead(ctx)
	if err != nil || seq > 0 {
		return err
	}
	events, err := unsealedEvents(ctx, tx)
	if err != nil || len(events) == 0 {
		return err
	}
	for _, e := range events {
		seq++
		e.Seq, e.PrevHash = seq, prev
		e.Hash = chainHash(e)
		prev = e.Hash
		if _, err := tx.ExecContext(ctx, `UPDATE audit_events SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?`,
			e.Seq, e.PrevHash, e.Hash, e.ID); err != nil {
			return fmt.Errorf("sqlstore: seal audit log: %w", err)
		}
	}
	if err := tx.setChainHead(ctx, seq, prev); err != nil {
		return err
	}
	return tx.Tx.Commit()
}

func unsealedEvents(ctx context.Context, tx *Tx) ([]*ttdn.AuditEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_events WHERE seq IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: seal audit log: %w", err)
	}
	defer rows.Close()
	var events []*ttdn.AuditEvent
	for rows.Next() {
		e, err := scanAuditEvent(rows)
		if err != nil {
			return nil, err
		}
		events = append(events, e)
	}
	return events, rows.Err()
}
