package sqltest

import (
	"context"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
)

// SystemContext returns a context acting as ttdn.SystemUser.
func SystemContext() context.Context { return ttdn.NewSystemContext(context.Background()) }

// UserContext returns a context acting as u (nil: anonymous).
func UserContext(u *ttdn.User) context.Context {
	if u == nil {
		return context.Background()
	}
	return ttdn.NewContextWithUser(context.Background(), u)
}

// MustSeed stores the shipped unit directory.
func MustSeed(tb testing.TB, db *sqlstore.DB) {
	tb.Helper()
	if err := sqlstore.SeedDirectory(context.Background(), db); err != nil {
		tb.Fatalf("sqltest: seed directory: %v", err)
	}
}

// MustCreateUnit stores u as the system user and returns it with its ID.
func MustCreateUnit(tb testing.TB, db *sqlstore.DB, u *ttdn.Unit) *ttdn.Unit {
	tb.Helper()
	if u.Kind == "" {
		u.Kind = ttdn.UnitDepartment
	}
	if err := sqlstore.NewUnitService(db).CreateUnit(SystemContext(), u); err != nil {
		tb.Fatalf("sqltest: create unit %s: %v", u.Code, err)
	}
	return u
}

// MustFindUnit returns the stored unit with this code.
func MustFindUnit(tb testing.TB, db *sqlstore.DB, code string) *ttdn.Unit {
	tb.Helper()
	units, _, err := sqlstore.NewUnitService(db).FindUnits(SystemContext(), ttdn.UnitFilter{Code: &code})
	if err != nil || len(units) != 1 {
		tb.Fatalf("sqltest: find unit %s: %v (%d found)", code, err, len(units))
	}
	return units[0]
}

// MustCreateUser stores u with password as the system user and returns it
// with its ID and scope filled.
func MustCreateUser(tb testing.TB, db *sqlstore.DB, u *ttdn.User, password string) *ttdn.User {
	tb.Helper()
	if password == "" {
		password = "mat-khau-du-dai-2019"
	}
	if err := sqlstore.NewUserService(db).CreateUser(SystemContext(), u, password); err != nil {
		tb.Fatalf("sqltest: create user %s: %v", u.Username, err)
	}
	return u
}

// MustCreatePlan stores p as the system user and returns it with its IDs.
func MustCreatePlan(tb testing.TB, db *sqlstore.DB, p *ttdn.Plan) *ttdn.Plan {
	tb.Helper()
	if err := sqlstore.NewPlanService(db).CreatePlan(SystemContext(), p); err != nil {
		tb.Fatalf("sqltest: create plan %q: %v", p.Title, err)
	}
	return p
}

// MustCreateSession logs u in and returns the raw session token.
func MustCreateSession(tb testing.TB, db *sqlstore.DB, u *ttdn.User) string {
	tb.Helper()
	s, err := sqlstore.NewAuthService(db).CreateSession(SystemContext(), u.ID)
	if err != nil {
		tb.Fatalf("sqltest: create session for %s: %v", u.Username, err)
	}
	return s.Token
}

// SeedAgain runs what serve runs at every start: the directory and the
// catalogues.
func SeedAgain(db *sqlstore.DB) error {
	if err := sqlstore.SeedDirectory(context.Background(), db); err != nil {
		return err
	}
	return sqlstore.SeedCatalogs(context.Background(), db)
}
