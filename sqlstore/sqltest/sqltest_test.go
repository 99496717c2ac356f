package sqltest_test

import (
	"runtime"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// fatalRecorder records Fatalf instead of failing the real test.
type fatalRecorder struct {
	testing.TB
	fatal bool
}

func (r *fatalRecorder) Fatalf(string, ...any) { r.fatal = true; runtime.Goexit() }

// An unreachable PostgreSQL server must fail the test, never skip it.
func TestUnreachablePostgresFails(t *testing.T) {
	t.Setenv(sqltest.PostgresEnv, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	r := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sqltest.Open(r, sqlstore.EnginePostgres)
	}()
	<-done
	if !r.fatal {
		t.Fatal("Open on an unreachable server did not fail the test")
	}
}

func TestEachRunsEveryEngine(t *testing.T) {
	var ran []string
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) { ran = append(ran, db.Engine()) })
	if len(ran) != len(sqltest.Engines()) {
		t.Fatalf("ran on %v, engines %v", ran, sqltest.Engines())
	}
}
