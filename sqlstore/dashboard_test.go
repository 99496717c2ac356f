package sqlstore_test

import (
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The fixture plan (plan2019) has III.1 internal, led by A with the group
// (A, B) coordinating, due 15/12/2019, not started; III.2 secret, led by B,
// no dated deadline; III.3 public, led by the group, in progress at 40%.
// Officer A may not read III.2.

func TestPlanProgress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		dash := sqlstore.NewDashboardService(db)
		day := date(2020, 1, 10)
		pp, err := dash.PlanProgress(as(w.officerA), w.plan.ID, day)
		if err != nil {
			t.Fatal(err)
		}
		if pp.Total.Total != 2 || pp.Total.MeanPercent != 20 || pp.Total.Overdue != 1 ||
			pp.Total.ByStatus[ttdn.TaskNotStarted] != 1 || pp.Total.ByStatus[ttdn.TaskInProgress] != 1 {
			t.Errorf("officer A total = %+v", pp.Total)
		}
		if len(pp.BySection) != 2 || pp.BySection[0].Key != "III.1" || pp.BySection[0].Label != "III.1. Họp báo định kỳ" ||
			pp.BySection[1].Key != "III.3" || pp.BySection[1].MeanPercent != 40 {
			t.Errorf("officer A sections = %+v", pp.BySection)
		}
		if len(pp.ByUnit) != 2 || pp.ByUnit[0].Key != "so-a" || pp.ByUnit[0].Total != 2 || pp.ByUnit[0].Overdue != 1 ||
			pp.ByUnit[1].Key != "so-b" || pp.ByUnit[1].Total != 2 {
			t.Errorf("officer A units = %+v", pp.ByUnit)
		}
		pp, err = dash.PlanProgress(as(w.coordinator), w.plan.ID, day)
		if err != nil {
			t.Fatal(err)
		}
		if pp.Total.Total != 3 || int(pp.Total.MeanPercent*100) != 1333 || len(pp.BySection) != 3 ||
			pp.ByUnit[0].Key != "so-b" || pp.ByUnit[0].Total != 3 {
			t.Errorf("coordinator = %+v %+v", pp.Total, pp.ByUnit)
		}
	})
}

func TestAttentionAndTimeline(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		db.Now = func() time.Time { return time.Date(2019, 12, 1, 8, 0, 0, 0, time.UTC) }
		w := newActWorld(t, db)
		dash := sqlstore.NewDashboardService(db)
		day := date(2020, 1, 10)
		refs := func(u *ttdn.User, stale int) []string {
			list, err := dash.AttentionTasks(as(u), ttdn.AttentionFilter{PlanID: &w.plan.ID, Day: day, StaleDays: stale})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, a := range list {
				out = append(out, a.Ref)
				if a.DaysSinceUpdate != 40 {
					t.Errorf("%s: %d days since update, want 40", a.Ref, a.DaysSinceUpdate)
				}
			}
			return out
		}
		if got := refs(w.officerA, 0); !equalStrings(got, []string{"III.1"}) {
			t.Errorf("overdue for A = %v", got)
		}
		if got := refs(w.officerA, 30); !equalStrings(got, []string{"III.1", "III.3"}) {
			t.Errorf("overdue or stale for A = %v", got)
		}
		if got := refs(w.coordinator, 30); !equalStrings(got, []string{"III.1", "III.2", "III.3"}) {
			t.Errorf("overdue or stale for the coordinator = %v", got)
		}
		if got := refs(w.coordinator, 60); !equalStrings(got, []string{"III.1"}) {
			t.Errorf("with a 60-day limit = %v", got)
		}
		items, err := dash.TaskTimeline(as(w.coordinator), w.plan.ID, day)
		if err != nil || len(items) != 3 {
			t.Fatalf("timeline: %v %v", items, err)
		}
		if items[0].Start != date(2019, 1, 14) || items[0].End != date(2019, 12, 15) || !items[0].Dated || !items[0].Overdue ||
			items[1].End != date(2019, 12, 31) || items[1].Dated {
			t.Errorf("timeline = %+v", items)
		}
	})
}

func TestActivityStats(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		dash := sqlstore.NewDashboardService(db)
		add := func(typ ttdn.ActivityType, month int, unit *ttdn.Unit, c ttdn.Classification, themes ...string) {
			a := w.sample(typ)
			a.StartDate, a.EndDate, a.UnitIDs, a.Classification, a.Themes = date(2019, month, 3), ttdn.Date{}, []int64{unit.ID}, c, themes
			if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatal(err)
			}
		}
		add(ttdn.ActivityPressConference, 3, w.unitA, ttdn.Public, "du-lich")
		add(ttdn.ActivityTraining, 3, w.unitA1, ttdn.Internal)
		add(ttdn.ActivityMedia, 6, w.unitB, ttdn.Internal, "campuchia")
		add(ttdn.ActivityDelegation, 6, w.unitB, ttdn.Secret, "campuchia", "bien-gioi")
		add(ttdn.ActivityMedia, 1, w.unitB, ttdn.Internal) // 2019-01-03: outside the range below
		count := func(cs []ttdn.Count, key string) int {
			for _, c := range cs {
				if c.Key == key {
					return c.Count
				}
			}
			return -1
		}
		st, err := dash.ActivityStats(as(w.officerA), date(2019, 2, 1), date(2019, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		if st.Total != 3 || len(st.ByType) != len(ttdn.ActivityTypes) || count(st.ByType, "press_delegation") != 0 ||
			count(st.ByType, "media") != 1 || len(st.ByMonth) != 11 || count(st.ByMonth, "2019-03") != 2 ||
			count(st.ByMonth, "2019-06") != 1 || st.ByMonth[0].Label != "02/2019" || count(st.ByTheme, "campuchia") != 1 ||
			count(st.ByTheme, "bien-gioi") != 0 || count(st.ByTheme, "du-lich") != 1 {
			t.Errorf("officer A stats = %+v", st)
		}
		st, err = dash.ActivityStats(as(w.leader), date(2019, 2, 1), date(2019, 12, 31))
		if err != nil || st.Total != 4 || count(st.ByTheme, "campuchia") != 2 || count(st.ByMonth, "2019-06") != 2 {
			t.Errorf("leader stats = %+v %v", st, err)
		}
		if _, err := dash.ActivityStats(as(w.leader), date(2019, 5, 1), date(2019, 2, 1)); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Errorf("reversed range: %v", err)
		}
	})
}
