package sqlstore_test

import (
	"context"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustInt runs a counting query behind the services.
func mustInt(t testing.TB, db *sqlstore.DB, query string, args ...any) int64 {
	t.Helper()
	n, err := db.QueryIntTest(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestMigrateIdempotent(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		before := mustInt(t, db, `SELECT COUNT(*) FROM schema_migrations`)
		if before == 0 {
			t.Fatal("no migration recorded")
		}
		for range 2 {
			if err := sqlstore.Migrate(context.Background(), db); err != nil {
				t.Fatal(err)
			}
		}
		if after := mustInt(t, db, `SELECT COUNT(*) FROM schema_migrations`); after != before {
			t.Fatalf("migrations recorded: %d, then %d", before, after)
		}
	})
}

func TestOpenEngine(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		if want := t.Name()[len("TestOpenEngine/"):]; db.Engine() != want {
			t.Fatalf("Engine() = %q, want %q", db.Engine(), want)
		}
	})
}

func TestOpenDefaultDataDir(t *testing.T) {
	dir := t.TempDir() + "/data"
	db, err := sqlstore.Open(context.Background(), sqlstore.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Engine() != sqlstore.EngineSQLite {
		t.Fatalf("engine %q", db.Engine())
	}
	if mustInt(t, db, `SELECT COUNT(*) FROM units`) != 0 {
		t.Fatal("fresh database not empty")
	}
}

func TestOpenUnsupportedDSN(t *testing.T) {
	if _, err := sqlstore.Open(context.Background(), sqlstore.Config{DSN: "mysql://x"}); err == nil {
		t.Fatal("want error for mysql DSN")
	}
}
