package sqlstore_test

import (
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// A transaction's audit events are written several to a statement: more
// events than one statement takes are all stored, in order, the chain
// verifies, and the statements grow by the batch, not by the event.
func TestAuditEventsWrittenInBatches(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustAuditedUnits(t, db, 3)
		ctx := sqltest.SystemContext()
		before := sqlstore.Statements()
		if err := db.AuditManyTest(ctx, 450); err != nil {
			t.Fatal(err)
		}
		// begin, chain head read, 3 inserts (200+200+50), head update
		if n := sqlstore.Statements() - before; n != 6 {
			t.Errorf("%d statements for 450 events, want 6", n)
		}
		rep := mustVerify(t, db)
		if !rep.OK() || rep.Entries != 453 || rep.HeadSeq != 453 {
			t.Fatalf("chain after the batch: %+v %+v", rep, rep.Break)
		}
		for _, seq := range []int64{4, 203, 204, 453} {
			id, err := db.QueryIntTest(`SELECT entity_id FROM audit_events WHERE seq = ?`, seq)
			if err != nil || id != seq-3 {
				t.Errorf("event %d is about unit %d (%v), want %d", seq, id, err, seq-3)
			}
		}
	})
}
