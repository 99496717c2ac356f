package demo_test

import (
	"context"
	"testing"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLarge builds the full large province on SQLite and checks issue 3's
// figures; it is the slowest test of the package, so -short skips it.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large demo: skipped with -short")
	}
	db := sqltest.Open(t, sqlstore.EngineSQLite)
	calls := 0
	if err := demo.Large(context.Background(), db, func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	}); err != nil {
		t.Fatal(err)
	}
	ctx := sqltest.SystemContext()
	bulk := sqlstore.NewBulkLoader(db)
	for table, least := range map[string]int{"units": 150, "plans": 10, "tasks": 3000, "activities": 50000, "users": 200} {
		if n, err := bulk.Count(ctx, table); err != nil || n < least {
			t.Errorf("%s: %d (%v), want at least %d", table, n, err, least)
		}
	}
	if bulk.HasProgressTable(ctx) {
		if n, err := bulk.Count(ctx, "progress_updates"); err != nil || n < 20000 {
			t.Errorf("%d progress updates (%v), want at least 20000", n, err)
		}
	} else {
		t.Log("no progress_updates table yet (migration 0002): progress updates not generated")
	}
	st, err := sqlstore.NewDashboardService(db).ActivityStats(ctx, ttdn.Date{Year: 2016, Month: 1, Day: 1}, ttdn.Date{Year: 2025, Month: 12, Day: 31})
	if err != nil || st.Total < 50000 {
		t.Fatalf("stats: %v %v", st, err)
	}
	for _, c := range st.ByType {
		if c.Count == 0 {
			t.Errorf("no activity of type %s", c.Key)
		}
	}
	if calls == 0 {
		t.Error("progress never reported")
	}
	err = demo.Large(context.Background(), db, nil)
	if ttdn.ErrorCode(err) != ttdn.ECONFLICT {
		t.Fatalf("second run: %v, want ECONFLICT", err)
	}
}
