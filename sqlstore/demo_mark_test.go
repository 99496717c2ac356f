package sqlstore_test

import (
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

const demoPassword = "mat-khau-mau-cong-khai"

func mustCatalogs(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := sqltest.SystemContext()
	sqltest.MustSeed(t, db)
	for _, seed := range []func() error{
		func() error { return sqlstore.SeedCatalogs(ctx, db) },
		func() error { return sqlstore.SeedIndicators(ctx, db) },
		func() error { return sqlstore.SeedWatchTerms(ctx, db) },
	} {
		if err := seed(); err != nil {
			t.Fatal(err)
		}
	}
}

// The demo is claimed only by an empty database (the catalogues every
// start seeds do not count), which is then marked and claimed again at
// will; a database holding people's data is refused and left unmarked.
func TestClaimDemo(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		mustCatalogs(t, db)
		for range 2 {
			if err := sqlstore.ClaimDemo(ctx, db, demoPassword); err != nil {
				t.Fatalf("empty database: %v", err)
			}
		}
		if mustInt(t, db, `SELECT COUNT(*) FROM settings WHERE key = 'demo_database'`) != 1 {
			t.Fatal("demo database not marked")
		}
		sqltest.MustCreateUser(t, db, &ttdn.User{Username: "that", Name: "Thật", Role: ttdn.RoleAdmin}, "")
		if err := sqlstore.ClaimDemo(ctx, db, demoPassword); err != nil {
			t.Fatalf("a marked demo database stays one: %v", err)
		}
	})
}

func TestClaimDemoRefusesData(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		mustCatalogs(t, db)
		sqltest.MustCreateUser(t, db, &ttdn.User{Username: "quan-tri-that", Name: "Quản trị", Role: ttdn.RoleAdmin}, "mat-khau-that-cua-tinh")
		err := sqlstore.ClaimDemo(ctx, db, demoPassword)
		if ttdn.ErrorCode(err) != ttdn.ECONFLICT || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "không phải cơ sở dữ liệu mẫu") {
			t.Fatalf("database with an account: %v", err)
		}
		if mustInt(t, db, `SELECT COUNT(*) FROM settings WHERE key = 'demo_database'`) != 0 {
			t.Fatal("a refused database was marked")
		}
	})
}

// A database with a plan and no account is data too.
func TestClaimDemoRefusesPlanWithoutUsers(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustCatalogs(t, db)
		sqltest.MustCreatePlan(t, db, &ttdn.Plan{Title: "Kế hoạch thật", Year: 2025})
		if err := sqlstore.ClaimDemo(sqltest.SystemContext(), db, demoPassword); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("database with a plan: %v", err)
		}
	})
}

// A demo database made before the mark existed — every account has the
// demo password — keeps working and is marked.
func TestClaimDemoUnmarkedDemo(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		mustCatalogs(t, db)
		sqltest.MustCreateUser(t, db, &ttdn.User{Username: "admin", Name: "Quản trị", Role: ttdn.RoleAdmin}, demoPassword)
		sqltest.MustCreateUser(t, db, &ttdn.User{Username: "lanhdao", Name: "Lãnh đạo", Role: ttdn.RoleLeader}, demoPassword)
		if err := sqlstore.ClaimDemo(sqltest.SystemContext(), db, demoPassword); err != nil {
			t.Fatalf("old demo database: %v", err)
		}
		if mustInt(t, db, `SELECT COUNT(*) FROM settings WHERE key = 'demo_database'`) != 1 {
			t.Fatal("old demo database not marked")
		}
	})
}
