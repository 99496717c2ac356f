package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustAuditedUnits creates n units, each leaving one audit event.
func mustAuditedUnits(t *testing.T, db *sqlstore.DB, n int) {
	t.Helper()
	for i := range n {
		sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: fmt.Sprintf("u-%d", i), Name: fmt.Sprintf("Đơn vị %d", i)})
	}
}

func mustVerify(t *testing.T, db *sqlstore.DB) *sqlstore.AuditReport {
	t.Helper()
	rep, err := db.VerifyAuditLog(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestAuditChainVerifies(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustAuditedUnits(t, db, 5)
		rep := mustVerify(t, db)
		if !rep.OK() || rep.Entries != 5 || rep.HeadSeq != 5 || len(rep.HeadHash) != 64 {
			t.Fatalf("fresh chain: %+v %+v", rep, rep.Break)
		}
	})
}

// Each tampering, done directly in SQL as an intruder with database access
// would, is found and named at the right place.
func TestAuditChainDetectsTampering(t *testing.T) {
	cases := []struct {
		name    string
		tamper  []string
		kind    string
		seq     int64
		anyKind bool
	}{
		{"edit a field", []string{`UPDATE audit_events SET username = 'ke-gian' WHERE seq = 3`}, "edited", 3, false},
		{"edit before", []string{`UPDATE audit_events SET after_json = '{}' WHERE seq = 2`}, "edited", 2, false},
		{"edit time", []string{`UPDATE audit_events SET entity_id = entity_id + 1 WHERE seq = 4`}, "edited", 4, false},
		{"delete", []string{`DELETE FROM audit_events WHERE seq = 3`}, "deleted", 3, false},
		{"delete newest", []string{`DELETE FROM audit_events WHERE seq = 5`}, "truncated", 5, false},
		{"reorder", []string{
			`UPDATE audit_events SET seq = -1 WHERE seq = 2`,
			`UPDATE audit_events SET seq = 2 WHERE seq = 3`,
			`UPDATE audit_events SET seq = 3 WHERE seq = -1`}, "reordered", 2, false},
		{"insert outside the chain", []string{`INSERT INTO audit_events (at, action, entity) SELECT at, 'delete', 'plan' FROM audit_events WHERE seq = 1`}, "inserted", 0, false},
		{"rehash an edit", []string{`UPDATE audit_events SET username = 'x', hash = '00' WHERE seq = 2`}, "edited", 2, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				mustAuditedUnits(t, db, 5)
				for _, q := range c.tamper {
					if err := db.ExecTest(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				rep := mustVerify(t, db)
				if rep.OK() {
					t.Fatal("tampering not detected")
				}
				if !c.anyKind && (rep.Break.Kind != c.kind || rep.Break.Seq != c.seq) {
					t.Fatalf("got %s at %d (%s), want %s at %d", rep.Break.Kind, rep.Break.Seq, rep.Break.MessageEN, c.kind, c.seq)
				}
				if rep.Err() == nil || rep.Break.Message == "" {
					t.Fatal("a break must carry a message")
				}
			})
		})
	}
}

// Faults are found and named at the right place wherever they fall among
// the batches the verifier hashes in parallel (one event a batch, a few,
// all at once): a fault late in a batch, at a batch's edge, in the last
// one; and of two faults the first in the chain is the one reported, even
// when its batch is hashed after the other's.
func TestAuditChainBatchesFindFirstFault(t *testing.T) {
	cases := []struct {
		name   string
		tamper []string
		kind   string
		seq    int64
	}{
		{"none", nil, "", 0},
		{"edit early", []string{`UPDATE audit_events SET username = 'x' WHERE seq = 2`}, "edited", 2},
		{"edit at an edge", []string{`UPDATE audit_events SET action = 'x' WHERE seq = 7`}, "edited", 7},
		{"edit late", []string{`UPDATE audit_events SET after_json = '{}' WHERE seq = 19`}, "edited", 19},
		{"delete in the middle", []string{`DELETE FROM audit_events WHERE seq = 11`}, "deleted", 11},
		{"delete the newest", []string{`DELETE FROM audit_events WHERE seq = 20`}, "truncated", 20},
		{"two faults", []string{`UPDATE audit_events SET entity = 'plan' WHERE seq = 16`, `DELETE FROM audit_events WHERE seq = 6`}, "deleted", 6},
		{"two edits", []string{`UPDATE audit_events SET username = 'x' WHERE seq = 18`, `UPDATE audit_events SET username = 'y' WHERE seq = 4`}, "edited", 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				mustAuditedUnits(t, db, 20)
				for _, q := range c.tamper {
					if err := db.ExecTest(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				for _, batch := range []int{1, 3, 7, 512} {
					restore := sqlstore.SetAuditVerifyBatchTest(batch)
					rep := mustVerify(t, db)
					restore()
					switch {
					case c.kind == "" && (!rep.OK() || rep.Entries != 20 || rep.HeadSeq != 20):
						t.Fatalf("batch %d: whole chain: %+v %+v", batch, rep, rep.Break)
					case c.kind != "" && (rep.OK() || rep.Break.Kind != c.kind || rep.Break.Seq != c.seq):
						t.Fatalf("batch %d: got %+v, want %s at %d", batch, rep.Break, c.kind, c.seq)
					}
				}
			})
		})
	}
}

// Concurrent writers (several connections on PostgreSQL) never fork the
// chain: every event gets its own seq and the chain verifies.
func TestAuditChainConcurrentAppends(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		const writers, each = 8, 6
		units := sqlstore.NewUnitService(db)
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					u := &ttdn.Unit{Code: fmt.Sprintf("w%d-%d", w, i), Name: "Đơn vị", Kind: ttdn.UnitDepartment}
					errs <- units.CreateUnit(sqltest.SystemContext(), u)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		rep := mustVerify(t, db)
		if !rep.OK() || rep.HeadSeq != writers*each {
			t.Fatalf("after concurrent writes: head %d, break %+v", rep.HeadSeq, rep.Break)
		}
	})
}

// Events written before the chain existed are sealed into it once.
func TestSealAuditLogChainsOldEvents(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustAuditedUnits(t, db, 4)
		for _, q := range []string{`UPDATE audit_events SET seq = NULL, prev_hash = '', hash = ''`, `UPDATE audit_chain_head SET seq = 0, hash = ''`} {
			if err := db.ExecTest(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := sqlstore.SealAuditLog(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		if rep := mustVerify(t, db); !rep.OK() || rep.HeadSeq != 4 {
			t.Fatalf("sealed chain: %+v %+v", rep, rep.Break)
		}
		// Once the chain has begun, a stray event stays stray.
		if err := db.ExecTest(`INSERT INTO audit_events (at, action, entity) SELECT at, 'x', 'plan' FROM audit_events WHERE seq = 1`); err != nil {
			t.Fatal(err)
		}
		sqlstore.SealAuditLog(context.Background(), db)
		if rep := mustVerify(t, db); rep.OK() || rep.Break.Kind != "inserted" {
			t.Fatalf("a stray event after sealing: %+v", rep.Break)
		}
	})
}

// The service's walk (the API's) answers those who read the log, and
// tells them of a tampering as the command does.
func TestVerifyAuditChainService(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustAuditedUnits(t, db, 3)
		svc := sqlstore.NewAuditService(db)
		leader := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "lanhdao", Name: "Lãnh đạo", Role: ttdn.RoleLeader}, "mat-khau-rat-dai-2019")
		officer := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "canbo", Name: "Cán bộ", Role: ttdn.RoleUnitOfficer,
			UnitID: sqltest.MustFindUnit(t, db, "u-0").ID}, "mat-khau-rat-dai-2019")
		for _, full := range []bool{false, true} {
			if _, err := svc.VerifyAuditChain(sqltest.UserContext(officer), full); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
				t.Fatalf("an officer verified the chain (full %v): %v", full, err)
			}
		}
		v, err := svc.VerifyAuditChain(sqltest.UserContext(leader), false)
		if err != nil || !v.Intact || v.Break != nil || v.Entries != v.HeadSeq || len(v.HeadHash) != 64 {
			t.Fatalf("fresh chain: %+v %v", v, err)
		}
		if err := db.ExecTest(`UPDATE audit_events SET username = 'ke-gian' WHERE seq = 2`); err != nil {
			t.Fatal(err)
		}
		v, err = svc.VerifyAuditChain(sqltest.UserContext(leader), true)
		if err != nil || v.Intact || v.Break == nil || v.Break.Kind != "edited" || v.Break.Seq != 2 || v.Break.Message == "" || v.Break.MessageEN == "" {
			t.Fatalf("tampered chain: %+v %+v %v", v, v.Break, err)
		}
	})
}
