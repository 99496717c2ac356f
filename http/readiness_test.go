package http

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// /readyz answers 200 while writes commit and 503 with a short reason when
// the database refuses them; /healthz (liveness) answers 200 throughout.
// Writes are refused from outside the server, by a trigger on the
// heartbeat table that fails as a full disk does.
func TestReadyzFailsWhenWritesFail(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			cfg := sqltest.Config(t, engine)
			db, err := sqlstore.Open(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			h := newServer(db).Handler()
			get := func(path string) (int, string) {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
				return w.Code, w.Body.String()
			}
			if code, body := get("/readyz"); code != http.StatusOK || body != "ready\n" {
				t.Fatalf("healthy: %d %q", code, body)
			}

			driver, dsn := "pgx", cfg.DSN
			refuse := []string{`CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS
				$$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`,
				`CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE ON heartbeat FOR EACH ROW EXECUTE FUNCTION refuse_writes()`}
			allow := []string{`DROP TRIGGER refuse_writes ON heartbeat`}
			if engine == sqlstore.EngineSQLite {
				driver, dsn = "sqlite", "file:"+filepath.Join(cfg.DataDir, "ttdn.db")
				refuse = []string{
					`CREATE TRIGGER refuse_insert BEFORE INSERT ON heartbeat BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
					`CREATE TRIGGER refuse_update BEFORE UPDATE ON heartbeat BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`}
				allow = []string{`DROP TRIGGER refuse_insert`, `DROP TRIGGER refuse_update`}
			}
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			for _, q := range refuse {
				if _, err := raw.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			code, body := get("/readyz")
			if code != http.StatusServiceUnavailable || !strings.HasPrefix(body, "not ready: ") || strings.Contains(body, "disk") {
				t.Fatalf("writes refused: %d %q (want 503 and a short reason without details)", code, body)
			}
			if code, _ := get("/healthz"); code != http.StatusOK {
				t.Fatalf("liveness while writes fail: %d", code)
			}
			for _, q := range allow {
				if _, err := raw.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if code, body := get("/readyz"); code != http.StatusOK {
				t.Fatalf("writes back: %d %q", code, body)
			}
		})
	}
}
