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

func mustTail(t *testing.T, db *sqlstore.DB) *sqlstore.AuditReport {
	t.Helper()
	rep, _, err := db.CheckAuditTail(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func mustFullCheck(t *testing.T, db *sqlstore.DB) *sqlstore.AuditReport {
	t.Helper()
	ctx := context.Background()
	id, err := db.StartAuditCheck(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := db.RunAuditCheck(ctx, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func checkRows(t *testing.T, db *sqlstore.DB) int64 {
	t.Helper()
	n, err := db.QueryIntTest(`SELECT COUNT(*) FROM audit_checks`)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func addUnits(t *testing.T, db *sqlstore.DB, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: fmt.Sprintf("u-%d", i), Name: fmt.Sprintf("Đơn vị %d", i)})
	}
}

// A check asked for again reads only what was appended since the newest
// sealed check, says from where and when the rest was last read whole, and
// records nothing when nothing is new.
func TestAuditTailReadsOnlyNewEvents(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		addUnits(t, db, 0, 5)
		first := mustTail(t, db)
		if !first.OK() || first.Scope != ttdn.AuditCheckFull || first.FromSeq != 1 || first.Entries != first.HeadSeq || first.FullAt.IsZero() {
			t.Fatalf("first check (no sealed check yet) must read everything: %+v", first)
		}
		rows := checkRows(t, db)
		again := mustTail(t, db)
		if !again.OK() || again.Entries != 0 || checkRows(t, db) != rows {
			t.Fatalf("nothing new: read %d, %d rows → %d", again.Entries, rows, checkRows(t, db))
		}
		addUnits(t, db, 5, 3)
		tail := mustTail(t, db)
		if !tail.OK() || tail.Scope != ttdn.AuditCheckTail || tail.FromSeq != first.HeadSeq+1 ||
			tail.Entries != tail.HeadSeq-first.HeadSeq || tail.Entries == 0 || !tail.FullAt.Equal(first.FullAt) {
			t.Fatalf("tail after %d: %+v", first.HeadSeq, tail)
		}
		if checkRows(t, db) != rows+1 {
			t.Fatalf("the tail check was not recorded")
		}
	})
}

// An edit after the newest check is found by the next tail check; an edit
// before it only by a full check — and once found, the break stays found,
// however many events come after.
func TestAuditTailAndFullFindEdits(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		addUnits(t, db, 0, 4)
		base := mustTail(t, db)
		addUnits(t, db, 4, 4)
		if err := db.ExecTest(`UPDATE audit_events SET username = 'ke-gian' WHERE seq = ?`, base.HeadSeq+2); err != nil {
			t.Fatal(err)
		}
		if rep := mustTail(t, db); rep.OK() || rep.Break.Kind != "edited" || rep.Break.Seq != base.HeadSeq+2 {
			t.Fatalf("edit after the check: %+v", rep.Break)
		}
	})
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		addUnits(t, db, 0, 4)
		mustTail(t, db)
		if err := db.ExecTest(`UPDATE audit_events SET username = 'ke-gian' WHERE seq = 2`); err != nil {
			t.Fatal(err)
		}
		addUnits(t, db, 4, 2)
		if rep := mustTail(t, db); !rep.OK() {
			t.Fatalf("a tail check reads only what is new, so it cannot see an old edit: %+v", rep.Break)
		}
		if rep := mustFullCheck(t, db); rep.OK() || rep.Break.Kind != "edited" || rep.Break.Seq != 2 || rep.Break.Message == "" {
			t.Fatalf("full check: %+v", rep.Break)
		}
		addUnits(t, db, 6, 2)
		if rep := mustTail(t, db); rep.OK() || rep.Break.Kind != "edited" || rep.Break.Seq != 2 {
			t.Fatalf("after the full check found the edit, a tail check said: %+v", rep)
		}
	})
}

// Someone who can write to the database but does not hold the server's key
// cannot make the chain look checked: a check row written by hand is not
// believed, an old event edited and the chain re-hashed after it is found
// against the head an earlier check saw, and so is the head moved back.
func TestAuditChecksResistForgery(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		addUnits(t, db, 0, 4)
		base := mustTail(t, db)
		addUnits(t, db, 4, 4)
		head, err := db.QueryIntTest(`SELECT seq FROM audit_chain_head`)
		if err != nil {
			t.Fatal(err)
		}
		hash, err := db.QueryStringTest(`SELECT hash FROM audit_chain_head`)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ExecTest(`UPDATE audit_events SET username = 'ke-gian' WHERE seq = ?`, base.HeadSeq+1); err != nil {
			t.Fatal(err)
		}
		// A check claiming the whole chain up to the head, with a made-up
		// seal and another with a seal copied from a real row.
		mac, err := db.QueryStringTest(`SELECT mac FROM audit_checks ORDER BY id DESC LIMIT 1`)
		if err != nil {
			t.Fatal(err)
		}
		keyID, err := db.QueryStringTest(`SELECT key_id FROM audit_checks ORDER BY id DESC LIMIT 1`)
		if err != nil {
			t.Fatal(err)
		}
		for _, seal := range []string{"00", mac} {
			if err := db.ExecTest(`INSERT INTO audit_checks (scope, started_at, updated_at, finished_at, from_seq, head_seq, head_hash, full_at, intact, key_id, mac)
				VALUES ('full', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`, base.FullAt, base.FullAt, base.FullAt, head, hash, base.FullAt, true, keyID, seal); err != nil {
				t.Fatal(err)
			}
		}
		if rep := mustTail(t, db); rep.OK() || rep.Break.Kind != "edited" || rep.Break.Seq != base.HeadSeq+1 {
			t.Fatalf("a forged check was believed: %+v", rep)
		}
	})
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		addUnits(t, db, 0, 6)
		base := mustFullCheck(t, db)
		addUnits(t, db, 6, 2)
		if err := db.RewriteAuditTest(ctx, 3, "ke-gian"); err != nil {
			t.Fatal(err)
		}
		if rep, err := db.VerifyAuditLog(ctx, nil); err != nil || rep.OK() || rep.Break.Kind != "rewritten" || rep.Break.Seq != base.HeadSeq {
			t.Fatalf("a rewritten chain against the check's head (#%d): %+v %v", base.HeadSeq, rep.Break, err)
		}
		if rep := mustFullCheck(t, db); rep.OK() || rep.Break.Kind != "rewritten" || rep.Break.Message == "" || rep.Break.MessageEN == "" {
			t.Fatalf("full check of a rewritten chain: %+v", rep.Break)
		}
	})
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		addUnits(t, db, 0, 6)
		base := mustTail(t, db)
		if err := db.CutAuditTest(ctx, base.HeadSeq-2); err != nil {
			t.Fatal(err)
		}
		if rep := mustTail(t, db); rep.OK() || rep.Break.Kind != "truncated" {
			t.Fatalf("the head moved back under a check: %+v", rep.Break)
		}
		if rep := mustFullCheck(t, db); rep.OK() || rep.Break.Kind != "truncated" {
			t.Fatalf("full check, head moved back: %+v", rep.Break)
		}
	})
}

// Without the secret key checks are neither sealed nor believed: every
// check reads the whole chain.
func TestAuditChecksWithoutKeyReadEverything(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			cfg := sqltest.Config(t, engine)
			cfg.NoSecrets = true
			db, err := sqlstore.Open(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			addUnits(t, db, 0, 3)
			first := mustTail(t, db)
			addUnits(t, db, 3, 2)
			second := mustTail(t, db)
			if !second.OK() || second.Scope != ttdn.AuditCheckFull || second.Entries != second.HeadSeq || second.HeadSeq <= first.HeadSeq {
				t.Fatalf("without a key: %+v after %+v", second, first)
			}
		})
	}
}

// A full check started in the background keeps its progress and verdict
// where any instance reads them; a second one is refused while it runs,
// allowed once it stalls.
func TestAuditFullCheckRecorded(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		addUnits(t, db, 0, 5)
		svc := sqlstore.NewAuditService(db)
		admin := sqltest.UserContext(&ttdn.User{ID: 1, Username: "quantri", Role: ttdn.RoleAdmin})
		st, err := svc.AuditCheckStatus(admin)
		if err != nil || st.Last != nil || st.Running != nil {
			t.Fatalf("no check yet: %+v %v", st, err)
		}
		c, err := svc.StartAuditCheck(admin)
		if err != nil || c.FinishedAt != nil || c.Total == 0 || c.StartedBy != "quantri" {
			t.Fatalf("started: %+v %v", c, err)
		}
		if _, err := svc.StartAuditCheck(admin); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("a second check while one runs: %v", err)
		}
		if st, err := svc.AuditCheckStatus(admin); err != nil || st.Running == nil || st.Running.ID != c.ID {
			t.Fatalf("status while running: %+v %v", st, err)
		}
		done, err := svc.RunAuditCheck(admin, c.ID)
		if err != nil || done.FinishedAt == nil || done.Result == nil || !done.Result.Intact || done.Done != done.Total || done.Done == 0 {
			t.Fatalf("done: %+v %v", done, err)
		}
		st, err = svc.AuditCheckStatus(admin)
		if err != nil || st.Running != nil || st.Last == nil || st.Last.ID != c.ID || st.Last.Result.Scope != ttdn.AuditCheckFull {
			t.Fatalf("status after: %+v %v", st, err)
		}
		// A check whose instance stopped: stalled, so a new one may start.
		if err := db.ExecTest(`INSERT INTO audit_checks (scope, started_at, updated_at) VALUES ('full', ?, ?)`,
			db.Now().Add(-2*ttdn.AuditCheckStall), db.Now().Add(-2*ttdn.AuditCheckStall)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.StartAuditCheck(ctx, ""); err != nil {
			t.Fatalf("after a stalled check: %v", err)
		}
		officer := sqltest.UserContext(&ttdn.User{ID: 2, Username: "canbo", Role: ttdn.RoleUnitOfficer, UnitID: 1})
		if _, err := svc.StartAuditCheck(officer); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("an officer started a check: %v", err)
		}
		if _, err := svc.AuditCheckStatus(officer); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("an officer read the checks: %v", err)
		}
	})
}

// Two instances asked at the same moment start one full check between
// them: the others are told one is running.
func TestAuditFullCheckStartsOnce(t *testing.T) {
	sqltest.EachTwoInstances(t, func(t *testing.T, db, other *sqlstore.DB) {
		addUnits(t, db, 0, 2)
		for round := range 5 {
			var wg sync.WaitGroup
			var mu sync.Mutex
			started, refused := 0, 0
			for i := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					h := db
					if i%2 == 1 {
						h = other
					}
					_, err := h.StartAuditCheck(context.Background(), "")
					mu.Lock()
					defer mu.Unlock()
					switch ttdn.ErrorCode(err) {
					case "":
						started++
					case ttdn.ECONFLICT:
						refused++
					default:
						t.Errorf("start: %v", err)
					}
				}()
			}
			wg.Wait()
			if started != 1 || refused != 7 {
				t.Fatalf("round %d: %d started, %d refused", round, started, refused)
			}
			// End it, so the next round may start one.
			id, err := db.QueryIntTest(`SELECT MAX(id) FROM audit_checks`)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.RunAuditCheck(context.Background(), id, nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}
