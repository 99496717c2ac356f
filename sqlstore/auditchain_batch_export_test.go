package sqlstore

import (
	"context"

	"ttdn"
)

// AuditManyTest commits one transaction that records n audit events on
// units 1..n, for the batched-insert test.
func (db *DB) AuditManyTest(ctx context.Context, n int) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i := 1; i <= n; i++ {
		if err := tx.audit(ctx, "read", ttdn.ResourceUnit, int64(i), nil, map[string]int{"n": i}); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// SetAuditVerifyBatchTest makes the verifier hash n events a batch, so a
// test's faults fall across batches; the returned function restores it.
func SetAuditVerifyBatchTest(n int) func() {
	old := auditVerifyBatch
	auditVerifyBatch = n
	return func() { auditVerifyBatch = old }
}

// RewriteAuditTest does what someone who can write to the database but
// lacks the server's key could do to hide an edit: change the event at seq
// (its username), then re-hash it and every event after it and move the
// head, so the chain is whole again.
func (db *DB) RewriteAuditTest(ctx context.Context, seq int64, username string) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_events WHERE seq >= ? ORDER BY seq`, seq-1)
	if err != nil {
		return err
	}
	var events []*ttdn.AuditEvent
	for rows.Next() {
		e, err := scanAuditEvent(rows)
		if err != nil {
			rows.Close()
			return err
		}
		events = append(events, e)
	}
	rows.Close()
	prev := ""
	for _, e := range events {
		if e.Seq == seq-1 {
			prev = e.Hash
			continue
		}
		if e.Seq == seq {
			e.Username = username
		}
		e.PrevHash = prev
		e.Hash = chainHash(e)
		prev = e.Hash
		if _, err := tx.ExecContext(ctx, `UPDATE audit_events SET username = ?, prev_hash = ?, hash = ? WHERE id = ?`,
			e.Username, e.PrevHash, e.Hash, e.ID); err != nil {
			return err
		}
	}
	if err := tx.setChainHead(ctx, events[len(events)-1].Seq, prev); err != nil {
		return err
	}
	return tx.Tx.Commit()
}

// CutAuditTest deletes the events after seq and moves the head back to
// seq, as someone hiding the newest events would: the chain alone stays
// whole.
func (db *DB) CutAuditTest(ctx context.Context, seq int64) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var hash string
	if err := tx.QueryRowContext(ctx, `SELECT hash FROM audit_events WHERE seq = ?`, seq).Scan(&hash); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit_events WHERE seq > ?`, seq); err != nil {
		return err
	}
	if err := tx.setChainHead(ctx, seq, hash); err != nil {
		return err
	}
	return tx.Tx.Commit()
}
