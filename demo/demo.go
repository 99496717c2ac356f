// Package demo loads the demonstration data a newcomer sees on the first run:
// the Tây Ninh unit directory, the seed plan of 2019 and one user per role.
// Loading is idempotent: running it on a database that has the data changes
// nothing.
package demo

import (
	"context"
	"fmt"
	"time"

	"ttdn"
	"ttdn/directory"
	"ttdn/planparse"
	"ttdn/seed"
	"ttdn/sqlstore"
)

// Login is a demo user's credentials, printed by `ttdn serve --demo`.
type Login struct {
	Username string
	Password string
	Role     ttdn.Role
	Unit     string // the unit's short name
}

// demoUsers are one user per role, each in the unit that plays that role in
// the seed plan — or, when that unit has since ended (Sở TTTT in March
// 2025, the province's bodies at the July 2025 merger), in its successor
// as of today: people work in the units that exist. name's %s is the
// unit's short name.
var demoUsers = []struct {
	username, name string
	role           ttdn.Role
	unitCode       string
}{
	{"admin", "Quản trị hệ thống", ttdn.RoleAdmin, ""},
	{"dieuphoi", "Cán bộ %s (điều phối)", ttdn.RoleCoordinator, "so-tttt"},
	{"ngoaivu", "Cán bộ %s", ttdn.RoleUnitOfficer, "so-ngoai-vu"},
	{"taichinh", "Cán bộ %s", ttdn.RoleFinance, "so-tai-chinh"},
	{"lanhdao", "Lãnh đạo %s", ttdn.RoleLeader, "ubnd-tinh"},
	{"theodoi", "Cán bộ %s", ttdn.RoleMonitor, "ban-tuyen-giao"},
}

// seedProvince loads the directory of the shipped example province and, on
// the first load, records the province as set up (as `ttdn province setup`
// would), so the demo's administrator is not asked to set one up.
func seedProvince(ctx context.Context, db *sqlstore.DB) error {
	set, err := sqlstore.NewSettingsService(db).FindSettings(ctx)
	if err != nil {
		return err
	}
	if set.Province != "" {
		return sqlstore.SeedDirectory(ctx, db)
	}
	_, err = sqlstore.NewProvinceService(db).SetupProvince(ctx, directory.ShippedProvince, nil, nil)
	return err
}

// Password is every demo user's password. The demo is for trying ttdn on one's
// own machine; real deployments create users with `ttdn user add`.
const Password = "ttdn-demo-2019"

// Load seeds the directory and the catalogues (themes, channels, indicators), imports the seed plan unless a plan with its title
// and year exists, and creates the demo users that do not exist yet.
// It loads only into an empty database, which it marks as a demo database,
// or into one marked so: accounts with the published Password never join
// real data (sqlstore.ClaimDemo).
func Load(ctx context.Context, db *sqlstore.DB) ([]Login, error) {
	ctx = ttdn.NewSystemContext(ctx)
	if err := sqlstore.ClaimDemo(ctx, db, Password); err != nil {
		return nil, err
	}
	if err := seedProvince(ctx, db); err != nil {
		return nil, err
	}
	if err := sqlstore.SeedCatalogs(ctx, db); err != nil {
		return nil, err
	}
	if err := sqlstore.SeedIndicators(ctx, db); err != nil {
		return nil, err
	}
	if err := loadSeedPlan(ctx, db); err != nil {
		return nil, err
	}
	return loadUsers(ctx, db)
}

func loadSeedPlan(ctx context.Context, db *sqlstore.DB) error {
	r, err := sqlstore.LoadResolver(ctx, db)
	if err != nil {
		return err
	}
	res, err := planparse.Parse(seed.Plan2019, seed.Plan2019Name, r)
	if err != nil {
		return err
	}
	plans := sqlstore.NewPlanService(db)
	year := res.Year
	existing, _, err := plans.FindPlans(ctx, ttdn.PlanFilter{Year: &year, Limit: 100})
	if err != nil {
		return err
	}
	for _, p := range existing {
		if p.Title == res.Title {
			return nil
		}
	}
	return plans.CreatePlan(ctx, res.Plan)
}

// currentUnit follows u's successors to the unit that exists on day.
func currentUnit(ctx context.Context, units ttdn.UnitService, u *ttdn.Unit, day ttdn.Date) (*ttdn.Unit, error) {
	for hops := 0; !u.ValidTo.IsZero() && !day.Before(u.ValidTo) && u.SuccessorID != 0 && hops < 16; hops++ {
		next, err := units.FindUnitByID(ctx, u.SuccessorID)
		if err != nil {
			return nil, err
		}
		u = next
	}
	return u, nil
}

func loadUsers(ctx context.Context, db *sqlstore.DB) ([]Login, error) {
	users, units := sqlstore.NewUserService(db), sqlstore.NewUnitService(db)
	var logins []Login
	for _, d := range demoUsers {
		u := &ttdn.User{Username: d.username, Name: d.name, Role: d.role}
		unitName := ""
		if d.unitCode != "" {
			code := d.unitCode
			found, _, err := units.FindUnits(ctx, ttdn.UnitFilter{Code: &code, Limit: 1})
			if err != nil {
				return nil, err
			} else if len(found) == 0 {
				return nil, ttdn.Errorf(ttdn.EINTERNAL, "Thiếu đơn vị %s trong danh mục.", "Unit %s is missing from the directory.", code)
			}
			unit, err := currentUnit(ctx, units, found[0], ttdn.DateOf(time.Now()))
			if err != nil {
				return nil, err
			}
			u.UnitID, unitName = unit.ID, unit.ShortName
			if unitName == "" {
				unitName = unit.Name
			}
			u.Name = fmt.Sprintf(d.name, unitName)
		}
		username := d.username
		existing, _, err := users.FindUsers(ctx, ttdn.UserFilter{Username: &username, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(existing) == 0 {
			if err := users.CreateUser(ctx, u, Password); err != nil {
				return nil, err
			}
		}
		logins = append(logins, Login{Username: d.username, Password: Password, Role: d.role, Unit: unitName})
	}
	return logins, nil
}
