package sqlstore_test

import (
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPostgresPlansOnce: on PostgreSQL every connection of the pools plans
// its prepared statements once (plan_cache_mode force_generic_plan), unless
// the database URL asks for another mode, which it keeps.
func TestPostgresPlansOnce(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		if engine != sqlstore.EnginePostgres {
			continue // SQLite plans each prepared statement once already
		}
		cfg := sqltest.Config(t, engine)
		for _, c := range []struct{ param, want string }{{"", "force_generic_plan"}, {"plan_cache_mode=auto", "auto"}} {
			if c.param != "" {
				sep := "?"
				if strings.Contains(cfg.DSN, "?") {
					sep = "&"
				}
				cfg.DSN += sep + c.param
			}
			db, err := sqlstore.Open(t.Context(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.QueryStringTest(`SHOW plan_cache_mode`)
			db.Close()
			if err != nil || got != c.want {
				t.Errorf("URL with %q: plan_cache_mode %q (%v), want %q", c.param, got, err, c.want)
			}
		}
	}
}
