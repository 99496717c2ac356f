package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// BenchmarkAddProgressUpdate measures recording one update (with a percent,
// so the task moves) by a unit officer: policy, contribution check, insert,
// task update and audit in one transaction.
func BenchmarkAddProgressUpdate(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		w := newWorld(b, db)
		p := sqltest.MustCreatePlan(b, db, w.benchPlan(2019))
		ctx := as(w.officerA)
		task := p.Tasks[0] // led by A
		i := 0
		b.ResetTimer()
		for b.Loop() {
			i++
			u := &ttdn.ProgressUpdate{TaskID: task.ID, Text: "Đã triển khai", Percent: ptr(i % 100)}
			if err := w.progress.AddProgressUpdate(ctx, u); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStaleUnits measures the stale-units query over 10 plans (300
// tasks, groups expanded) and 2,000 progress updates.
func BenchmarkStaleUnits(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		w := newWorld(b, db)
		var ids []int64
		for year := 2015; year < 2025; year++ {
			p := sqltest.MustCreatePlan(b, db, w.benchPlan(year))
			for _, t := range p.Tasks {
				ids = append(ids, t.ID)
			}
		}
		sys := sqltest.SystemContext()
		for i := range 2000 {
			u := &ttdn.ProgressUpdate{TaskID: ids[i%len(ids)], UnitID: []int64{w.unitA.ID, w.unitB.ID}[i%2], Text: "Cập nhật"}
			if err := w.progress.AddProgressUpdate(sys, u); err != nil {
				b.Fatal(err)
			}
		}
		// Production tables are analysed by autovacuum; a fresh test schema is
		// not, and without statistics PostgreSQL picks a nested loop here.
		if db.Engine() == sqlstore.EnginePostgres {
			if err := db.ExecTest(`ANALYZE`); err != nil {
				b.Fatal(err)
			}
		}
		ctx := as(w.coordinator)
		b.ResetTimer()
		for b.Loop() {
			if _, err := w.progress.FindUnitActivity(ctx, ttdn.UnitActivityFilter{StaleOnly: true, StaleDays: 30}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
