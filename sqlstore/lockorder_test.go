package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestConcurrentWritesKeepLockOrder runs audited writes side by side — 16
// writers creating, editing (moving between months, classifications and
// themes) and deleting activities of three units, raising and lowering the
// level of the task they carry out (which moves theirs), and reporting
// progress on two tasks — and checks that none fails (a deadlock, 40P01 on
// PostgreSQL, or a timeout), that none is lost, that every activity is as
// secret as its task, that the count tables equal a direct count and that
// the audit chain verifies.
//
// On PostgreSQL a write takes the audit chain's head at commit (SELECT …
// FOR UPDATE) and only then the count rows of its months (activitycounts.go).
// Deleting activities with their count rows written at once, before the
// head, while the other writes take them after it, deadlocked here 20–30
// times in each of 3 runs (14 s each). (All writes taking the count rows
// before the head is one order too, and passes: slower, not deadlocked.) Without the activity
// row locks of lockActivity and the reclassification, 4 of 4 runs drifted
// the count tables or failed a task's change with sql.ErrNoRows.
//
// SQLite's one writer makes it a check of the bookkeeping only there.
func TestConcurrentWritesKeepLockOrder(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		const writers, opsEach = 16, 15
		units := []*ttdn.Unit{w.unitA, w.unitB, w.unitA1}
		types := []ttdn.ActivityType{ttdn.ActivityPressConference, ttdn.ActivityTraining, ttdn.ActivityPublication}
		classes := []ttdn.Classification{ttdn.Public, ttdn.Internal, ttdn.Secret}
		themes := [][]string{nil, {"campuchia"}, {"bien-gioi", "du-lich"}, {"du-lich", "campuchia"}}
		months := []int{2, 5, 9}
		reporters := []struct {
			user *ttdn.User
			task int64
		}{{w.officerA, w.plan.Tasks[0].ID}, {w.officerB, w.plan.Tasks[1].ID}}
		auditedBefore, err := db.QueryIntTest(`SELECT COUNT(*) FROM audit_events`)
		if err != nil {
			t.Fatal(err)
		}

		type owned struct {
			version int
			start   ttdn.Date
			class   ttdn.Classification
		}
		var (
			mu       sync.Mutex
			kept     = map[int64]owned{} // every writer's activities, as last written
			deleted  []int64
			progress int
			failures []string
		)
		fail := func(op string, err error) {
			mu.Lock()
			failures = append(failures, writeFailure(op, err))
			mu.Unlock()
		}
		start := time.Now()
		var wg sync.WaitGroup
		for i := range writers {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(15, uint64(i)))
				mine := map[int64]*ttdn.Activity{}
				var ids []int64
				for op := range opsEach {
					ctx, cancel := context.WithTimeout(as(w.coordinator), 20*time.Second)
					pick := r.IntN(10)
					switch {
					case pick < 4 || len(ids) == 0: // create
						a := w.sample(types[r.IntN(len(types))])
						a.StartDate, a.EndDate = date(2019, months[r.IntN(len(months))], 1+r.IntN(28)), ttdn.Date{}
						a.UnitIDs, a.Classification, a.Themes = []int64{units[r.IntN(len(units))].ID}, classes[r.IntN(len(classes))], themes[r.IntN(len(themes))]
						if err := w.acts.CreateActivity(ctx, a); err != nil {
							fail(fmt.Sprintf("writer %d op %d create", i, op), err)
							break
						}
						mine[a.ID], ids = a, append(ids, a.ID)
					case pick < 7: // edit: another month, level and themes
						a := mine[ids[r.IntN(len(ids))]]
						month, class, th := date(2019, months[r.IntN(len(months))], 1+r.IntN(28)), classes[r.IntN(len(classes))], themes[r.IntN(len(themes))]
						got, err := w.acts.UpdateActivity(ctx, a.ID, ttdn.ActivityUpdate{Version: a.Version, StartDate: &month,
							Classification: &class, Themes: &th})
						if err != nil {
							fail(fmt.Sprintf("writer %d op %d update %d", i, op, a.ID), err)
							break
						}
						mine[a.ID] = got
					case pick < 8: // delete
						k := r.IntN(len(ids))
						id := ids[k]
						if err := w.acts.DeleteActivity(ctx, id); err != nil {
							fail(fmt.Sprintf("writer %d op %d delete %d", i, op, id), err)
							break
						}
						delete(mine, id)
						ids = append(ids[:k], ids[k+1:]...)
						mu.Lock()
						deleted = append(deleted, id)
						mu.Unlock()
					case pick < 9 && r.IntN(2) == 0: // the linked task's level, raising or lowering every activity's
						level := classes[1+r.IntN(2)]
						for try := 0; ; try++ {
							task, err := w.tasks.FindTaskByID(ctx, w.plan.Tasks[0].ID)
							if err == nil {
								_, err = w.tasks.UpdateTask(ctx, task.ID, ttdn.TaskUpdate{Version: task.Version, Classification: &level})
							}
							if ttdn.ErrorCode(err) == ttdn.ECONFLICT && try < 50 {
								continue // another writer's level or progress came between
							}
							if err != nil {
								fail(fmt.Sprintf("writer %d op %d task level", i, op), err)
							}
							break
						}
					default: // progress on a task, as its lead unit's officer
						rp := reporters[r.IntN(len(reporters))]
						pctx, pcancel := context.WithTimeout(as(rp.user), 20*time.Second)
						err := w.progress.AddProgressUpdate(pctx, &ttdn.ProgressUpdate{TaskID: rp.task,
							Text: fmt.Sprintf("Báo cáo %d.%d", i, op), Percent: ptr(r.IntN(101))})
						pcancel()
						if err != nil {
							fail(fmt.Sprintf("writer %d op %d progress", i, op), err)
							break
						}
						mu.Lock()
						progress++
						mu.Unlock()
					}
					cancel()
				}
				mu.Lock()
				for id, a := range mine {
					kept[id] = owned{a.Version, a.StartDate, a.OwnClassification}
				}
				mu.Unlock()
			})
		}
		wg.Wait()
		t.Logf("%d writers × %d writes in %v", writers, opsEach, time.Since(start).Round(time.Millisecond))
		for _, f := range failures {
			t.Error(f)
		}

		// Nothing lost: each activity as its writer last wrote it, the
		// deleted ones gone, every progress report and audit event there.
		for id, want := range kept {
			a, err := w.acts.FindActivityByID(as(w.coordinator), id)
			if err != nil {
				t.Errorf("activity %d: %v", id, err)
				continue
			}
			if a.Version != want.version || a.StartDate != want.start || a.OwnClassification != want.class {
				t.Errorf("activity %d: version %d, start %s, level %s; written %d, %s, %s", id, a.Version, a.StartDate,
					a.OwnClassification, want.version, want.start, want.class)
			}
		}
		for _, id := range deleted {
			if _, again := kept[id]; again { // SQLite hands a freed last id out again
				continue
			}
			if _, err := w.acts.FindActivityByID(as(w.coordinator), id); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
				t.Errorf("deleted activity %d: %v", id, err)
			}
		}
		if n, err := db.QueryIntTest(`SELECT COUNT(*) FROM activities`); err != nil || n != int64(len(kept)) {
			t.Errorf("%d activities (%v), written %d", n, err, len(kept))
		}
		if n, err := db.QueryIntTest(`SELECT COUNT(*) FROM progress_updates WHERE text LIKE 'Báo cáo %'`); err != nil || n != int64(progress) {
			t.Errorf("%d progress updates (%v), written %d", n, err, progress)
		}
		after, err := db.QueryIntTest(`SELECT COUNT(*) FROM audit_events`)
		if err != nil || after < auditedBefore+writers*opsEach-int64(len(failures)) {
			t.Errorf("%d audit events after %d (%v): fewer than one a write", after, auditedBefore, err)
		}
		if len(kept) == 0 || len(deleted) == 0 || progress == 0 {
			t.Errorf("mix: %d activities kept, %d deleted, %d progress reports", len(kept), len(deleted), progress)
		}
		// Every activity at least as secret as its own level and its task's.
		const rank = `CASE %s WHEN 'public' THEN 0 WHEN 'internal' THEN 1 ELSE 2 END`
		r := func(col string) string { return fmt.Sprintf(rank, col) }
		if n, err := db.QueryIntTest(`SELECT COUNT(*) FROM activities a JOIN activity_tasks x ON x.activity_id = a.id
			JOIN tasks t ON t.id = x.task_id WHERE ` + r("a.classification") + ` < ` + r("t.classification") + `
			OR ` + r("a.classification") + ` < ` + r("a.own_classification")); err != nil || n != 0 {
			t.Errorf("%d activities less secret than their task or their own level (%v)", n, err)
		}
		checkCountTables(t, db, "after the concurrent writes")
		rep, err := db.VerifyAuditLog(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() || rep.Entries != after {
			t.Errorf("audit chain: %d entries of %d, break %+v", rep.Entries, after, rep.Break)
		}
	})
}

// writeFailure says how a concurrent write failed: deadlocked (PostgreSQL's
// 40P01), timed out, or failed.
func writeFailure(op string, err error) string {
	var pgErr *pgconn.PgError
	kind := "failed"
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "40P01":
		kind = "deadlocked"
	case errors.Is(err, context.DeadlineExceeded):
		kind = "timed out"
	}
	return fmt.Sprintf("%s %s: %v", op, kind, err)
}
