package main

import (
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// On PostgreSQL (a server on this machine, as the tests' is) the bench
// reads the CPU its database's backends spent over a stretch of work; on
// SQLite there is none to read (the process's own CPU holds it).
func TestBenchReadsDatabaseCPU(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			db := sqltest.Open(t, engine)
			c := startDBCPU(t.Context(), db)
			if engine == sqlstore.EngineSQLite {
				if d, ok := c.since(t.Context()); c != nil || ok {
					t.Fatalf("SQLite: a database CPU of %v", d)
				}
				return
			}
			tx, err := db.BeginTx(t.Context(), false)
			if err != nil {
				t.Fatal(err)
			}
			for range 100 { // work for the backend: a sort of 20,000 rows
				var n int
				if err := tx.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM (SELECT x FROM generate_series(1, 20000) AS g(x) ORDER BY -x) AS s`).Scan(&n); err != nil {
					t.Fatal(err)
				}
			}
			tx.Rollback()
			d, ok := c.since(t.Context())
			if !ok || d <= 0 {
				t.Fatalf("PostgreSQL: backends' CPU %v (read: %v)", d, ok)
			}
		})
	}
}
