package sqlstore_test

import (
	"context"
	"sync"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPoolKeepsConnections: connections opened for a burst of concurrent
// readers stay open for the next burst instead of being closed and opened
// again (on PostgreSQL each is a server process).
func TestPoolKeepsConnections(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		burst := func() {
			// Each reader holds its transaction (and connection) until all
			// four have run a statement.
			var wg, ready sync.WaitGroup
			ready.Add(4)
			for range 4 {
				wg.Go(func() {
					tx, err := db.BeginTx(ctx, false)
					if err != nil {
						ready.Done()
						t.Error(err)
						return
					}
					var n int
					if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units`).Scan(&n); err != nil {
						t.Error(err)
					}
					ready.Done()
					ready.Wait()
					tx.Rollback()
				})
			}
			wg.Wait()
		}
		burst()
		before := db.ReadPoolStatsTest()
		burst()
		after := db.ReadPoolStatsTest()
		if after.MaxIdleClosed != 0 || after.OpenConnections < 4 {
			t.Errorf("%d connections closed as surplus idle ones, %d open after two bursts of 4 (before the second: %+v)",
				after.MaxIdleClosed, after.OpenConnections, before)
		}
	})
}
