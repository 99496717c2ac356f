package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestSetupProvince(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		sqltest.MustSeed(t, db) // a fresh instance: the shipped example
		if err := sqlstore.SeedCatalogs(ctx, db); err != nil {
			t.Fatal(err)
		}
		if err := sqlstore.SeedWatchTerms(ctx, db); err != nil {
			t.Fatal(err)
		}
		admin := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "quantri", Name: "Quản trị", Role: ttdn.RoleAdmin}, "")
		coord := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "dieuphoi", Name: "Điều phối", Role: ttdn.RoleCoordinator}, "")
		svc := sqlstore.NewProvinceService(db)
		before := mustInt(t, db, `SELECT COUNT(*) FROM units`)
		if _, err := svc.SetupProvince(sqltest.UserContext(coord), "Hà Nội", nil, nil); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("coordinator setting up: %v", err)
		}
		for _, bad := range [][]string{{"Xã Tân Phú", "Bến Thành"}, {"Xã Tân Phú", "xã  Tân Phú"}} {
			if _, err := svc.SetupProvince(sqltest.UserContext(admin), "Hà Nội", bad, nil); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Fatalf("communes %q: %v", bad, err)
			}
		}
		if _, err := svc.SetupProvince(sqltest.UserContext(admin), "Atlantis", nil, nil); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("unknown province: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM units`); n != before {
			t.Fatalf("refused setups changed the directory: %d → %d units", before, n)
		}
		var calls int
		res, err := svc.SetupProvince(sqltest.UserContext(admin), "Bình Dương",
			[]string{"Phường Bến Thành", "# a comment", "", "Xã Cần Giờ", "Đặc khu Côn Đảo"}, func(done, total int) { calls++ })
		if err != nil {
			t.Fatal(err)
		}
		if res.Province != "Hồ Chí Minh" || res.MergedFrom != "Bình Dương" || res.Communes != 3 || res.Removed == 0 || calls == 0 {
			t.Fatalf("setup: %+v, progress %d", res, calls)
		}
		set, _ := sqlstore.NewSettingsService(db).FindSettings(sqltest.UserContext(coord))
		if set.Province != "Hồ Chí Minh" {
			t.Fatalf("province setting %q", set.Province)
		}
		// A restart seeds again: nothing of the example comes back.
		if err := sqltest.SeedAgain(db); err != nil {
			t.Fatal(err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM units WHERE name LIKE '%Tây Ninh%' OR note LIKE '%Tây Ninh%'`); n != 0 {
			t.Fatalf("%d units of Tây Ninh after setting up another city", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM channels WHERE name LIKE '%Tây Ninh%'`); n != 0 {
			t.Fatalf("%d channels of Tây Ninh", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM press_watch_terms WHERE name LIKE '%Tây Ninh%' OR aliases LIKE '%Tây Ninh%' OR code = 'moc-bai'`); n != 0 {
			t.Fatalf("%d watch terms of Tây Ninh", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM press_watch_terms WHERE name = 'Hồ Chí Minh' OR name = 'Bình Dương'`); n != 2 {
			t.Fatalf("%d watch terms for the city and what merged into it", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM themes WHERE name LIKE '%Tây Ninh%'`); n != 0 {
			t.Fatalf("%d themes of Tây Ninh", n)
		}
		r, err := sqlstore.LoadResolver(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		for text, code := range map[string]string{"UBND Thành phố": "ubnd-tinh", "Phường Bến Thành": "xa-phuong-ben-thanh",
			"Sở VH&TT TP": "so-vhttdl", "Báo Sài Gòn Giải Phóng": "bao-tinh", "UBND các xã, phường, đặc khu": "ubnd-cap-xa",
			"BĐBP Thành phố": "bdbp"} {
			if ref, ok := r.Resolve(text); !ok || ref.Code != code {
				t.Errorf("%q → %q %v, want %q", text, ref.Code, ok, code)
			}
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM unit_group_members m JOIN unit_groups g ON g.id = m.group_id WHERE g.code = 'ubnd-cap-xa'`); n != 3 {
			t.Errorf("commune group has %d members", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'province_setup' AND entity = 'province'`); n != 1 {
			t.Errorf("%d setup audit events", n)
		}
		// The same city again adds what is missing; another is refused.
		res, err = svc.SetupProvince(sqltest.UserContext(admin), "TP. Hồ Chí Minh", []string{"Phường Sài Gòn"}, nil)
		if err != nil || res.Units != 1 {
			t.Fatalf("again: %+v %v", res, err)
		}
		if _, err := svc.SetupProvince(sqltest.UserContext(admin), "Hà Nội", nil, nil); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("another province: %v", err)
		}
	})
}

// TestSetupProvinceKeepsWork: a database with plans is not stripped of
// the example it uses.
func TestSetupProvinceKeepsWork(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		sqltest.MustCreatePlan(t, db, &ttdn.Plan{Title: "Kế hoạch thông tin đối ngoại năm 2026", Year: 2026})
		admin := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "quantri", Name: "Quản trị", Role: ttdn.RoleAdmin}, "")
		_, err := sqlstore.NewProvinceService(db).SetupProvince(sqltest.UserContext(admin), "Lào Cai", nil, nil)
		if ttdn.ErrorCode(err) != ttdn.ECONFLICT || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "kế hoạch") {
			t.Fatalf("setup over a plan: %v", err)
		}
		// Tây Ninh itself keeps the example and its plans.
		res, err := sqlstore.NewProvinceService(db).SetupProvince(sqltest.UserContext(admin), "Tây Ninh", nil, nil)
		if err != nil || res.Removed != 0 {
			t.Fatalf("Tây Ninh: %+v %v", res, err)
		}
	})
}
