package sqlstore_test

import (
	"context"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// When the database stops taking writes but still answers, Ping (liveness)
// succeeds and CheckWrite (readiness) fails; when writes work again, so
// does CheckWrite. SQLite refuses writes on the write connection
// (query_only, as on a read-only file); PostgreSQL refuses them with a
// disk-full error from a trigger on the heartbeat table.
func TestCheckWriteFailsWhenWritesFail(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.CheckWrite(ctx); err != nil {
			t.Fatalf("write check on a healthy database: %v", err)
		}
		if err := db.CheckWrite(ctx); err != nil {
			t.Fatalf("second write check: %v", err)
		}
		refuse, allow := []string{`PRAGMA query_only = 1`}, []string{`PRAGMA query_only = 0`}
		if db.Engine() == sqlstore.EnginePostgres {
			refuse = []string{`CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS
				$$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`,
				`CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE ON heartbeat FOR EACH ROW EXECUTE FUNCTION refuse_writes()`}
			allow = []string{`DROP TRIGGER refuse_writes ON heartbeat`}
		}
		for _, q := range refuse {
			if err := db.ExecTest(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Ping(ctx); err != nil {
			t.Fatalf("ping while writes fail: %v", err)
		}
		if err := db.CheckWrite(ctx); err == nil {
			t.Fatal("the write check passed while the database refused writes")
		}
		for _, q := range allow {
			if err := db.ExecTest(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CheckWrite(ctx); err != nil {
			t.Fatalf("write check after writes came back: %v", err)
		}
	})
}
