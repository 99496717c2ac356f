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
