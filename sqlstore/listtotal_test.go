package sqlstore_test

import (
	"fmt"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestListTotalsEveryPage: lists count only when their page is full (or
// empty past an offset); every other total comes from the rows read. For
// plans (the officer sees the public ones, not the secret ones of other
// units), units, users and notifications, at every page size and offset
// around the list's length, the total equals the whole list's length and
// the page is the whole list's slice.
func TestListTotalsEveryPage(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		for i := range 5 {
			level := ttdn.Public
			if i%2 == 1 {
				level = ttdn.Secret
			}
			sqltest.MustCreatePlan(t, db, &ttdn.Plan{Title: fmt.Sprintf("Kế hoạch %d", i), Year: 2020 + i, Classification: level})
		}
		for i := range 4 {
			if err := db.ExecTest(`INSERT INTO notifications (dedup_key, user_id, kind, day, created_at) VALUES (?, ?, 'overdue', '2026-12-01', CURRENT_TIMESTAMP)`,
				fmt.Sprint("k", i), w.officerA.ID); err != nil {
				t.Fatal(err)
			}
		}
		channels := sqlstore.NewChannelService(db)
		for i := range 3 {
			if err := channels.CreateChannel(sqltest.SystemContext(), &ttdn.Channel{Code: fmt.Sprint("kenh-", i), Name: fmt.Sprint("Kênh ", i),
				Kind: ttdn.ChannelNewspaper, Languages: []string{"vi"}, Active: true}); err != nil {
				t.Fatal(err)
			}
		}
		plans := sqlstore.NewPlanService(db)
		notes := sqlstore.NewNotificationService(db)
		lists := map[string]lister{
			"plans as officer": func(l, o int) ([]int64, int, error) {
				ps, n, err := plans.FindPlans(as(w.officerA), ttdn.PlanFilter{Limit: l, Offset: o})
				var ids []int64
				for _, p := range ps {
					ids = append(ids, p.ID)
				}
				return ids, n, err
			},
			"plans as coordinator": func(l, o int) ([]int64, int, error) {
				ps, n, err := plans.FindPlans(as(w.coordinator), ttdn.PlanFilter{Limit: l, Offset: o, Choices: true})
				var ids []int64
				for _, p := range ps {
					ids = append(ids, p.ID)
				}
				return ids, n, err
			},
			"units": func(l, o int) ([]int64, int, error) {
				q := "" // the SQL path, not the directory's
				us, n, err := w.units.FindUnits(as(w.officerA), ttdn.UnitFilter{Query: &q, Limit: l, Offset: o})
				var ids []int64
				for _, u := range us {
					ids = append(ids, u.ID)
				}
				return ids, n, err
			},
			"users": func(l, o int) ([]int64, int, error) {
				us, n, err := w.users.FindUsers(as(w.admin), ttdn.UserFilter{Limit: l, Offset: o})
				var ids []int64
				for _, u := range us {
					ids = append(ids, u.ID)
				}
				return ids, n, err
			},
			"channels": func(l, o int) ([]int64, int, error) {
				cs, n, err := channels.FindChannels(as(w.officerA), ttdn.ChannelFilter{Limit: l, Offset: o})
				var ids []int64
				for _, c := range cs {
					ids = append(ids, c.ID)
				}
				return ids, n, err
			},
			"notifications": func(l, o int) ([]int64, int, error) {
				ns, n, err := notes.FindNotifications(as(w.officerA), ttdn.NotificationFilter{Limit: l, Offset: o})
				var ids []int64
				for _, x := range ns {
					ids = append(ids, x.ID)
				}
				return ids, n, err
			},
		}
		checkPages(t, lists)
		// A plan asked for by id is counted from its row: one, or none
		// for a reader who may not see it.
		all, _, err := plans.FindPlans(as(w.coordinator), ttdn.PlanFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range all {
			for _, u := range []*ttdn.User{w.officerA, w.coordinator} {
				_, want, err := plans.FindPlans(as(u), ttdn.PlanFilter{Query: &p.Title})
				if err != nil {
					t.Fatal(err)
				}
				for _, limit := range []int{0, 1, 2} {
					got, n, err := plans.FindPlans(as(u), ttdn.PlanFilter{ID: &p.ID, Limit: limit})
					if err != nil {
						t.Fatal(err)
					}
					if n != want || len(got) != want {
						t.Errorf("%s, plan %d, limit %d: %d rows of %d, want %d", u.Username, p.ID, limit, len(got), n, want)
					}
				}
			}
		}
	})
}

// TestUnitReportTotalsEveryPage: the same for unit reports, as the
// coordinator (all) and an officer (their unit's).
func TestUnitReportTotalsEveryPage(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		w.clock(2019, 12, 1, 9, 0)
		for _, year := range []int{2018, 2019} {
			rp := w.mustOpen(t, ttdn.PeriodHalfYear, year, 1)
			w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
			w.mustStart(t, w.officerTC, rp, w.taiChinh)
		}
		reports := sqlstore.NewUnitReportService(db)
		lists := map[string]lister{}
		for _, u := range []*ttdn.User{w.coordinator, w.officerNV} {
			lists["unit reports as "+u.Username] = func(l, o int) ([]int64, int, error) {
				rs, n, err := reports.FindUnitReports(as(u), ttdn.UnitReportFilter{Limit: l, Offset: o})
				var ids []int64
				for _, r := range rs {
					ids = append(ids, r.ID)
				}
				return ids, n, err
			}
		}
		checkPages(t, lists)
	})
}

// lister reads one page of a list: its ids and the list's total.
type lister func(limit, offset int) ([]int64, int, error)

// checkPages compares every page of each list around its length with the
// whole list.
func checkPages(t *testing.T, lists map[string]lister) {
	t.Helper()
	for name, list := range lists {
		all, total, err := list(0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if total != len(all) || total < 2 {
			t.Fatalf("%s: total %d of %d rows", name, total, len(all))
		}
		for limit := 0; limit <= total+1; limit++ {
			for offset := 0; offset <= total+1; offset++ {
				page, n, err := list(limit, offset)
				if err != nil {
					t.Fatal(err)
				}
				end := total
				if limit > 0 {
					end = min(offset+limit, total)
				}
				want := all[min(offset, total):end]
				if n != total || fmt.Sprint(page) != fmt.Sprint(want) {
					t.Errorf("%s, limit %d, offset %d: %v of %d, want %v of %d", name, limit, offset, page, n, want, total)
				}
			}
		}
	}
}
