package sqlstore_test

import (
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestActivityCountsMatchActivities checks that the dashboard's count
// tables stay equal to a direct count of the activities after creates,
// updates, deletes, a refused update and a bulk load, and that the
// statistics built on them agree, for every month, type and theme, with
// the activity list's totals for an officer (who may not read another
// unit's secret activities), a leader and the coordinator.
func TestActivityCountsMatchActivities(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		dash := sqlstore.NewDashboardService(db)
		check := func(step string) {
			t.Helper()
			checkCountTables(t, db, step)
			for _, u := range []*ttdn.User{w.officerA, w.officerB, w.leader, w.coordinator} {
				// A whole year (count tables) and a range cutting months at
				// both ends (partial months counted directly).
				checkStatsAgainstList(t, w, dash, u, step, date(2019, 1, 1), date(2019, 12, 31))
				checkStatsAgainstList(t, w, dash, u, step, date(2019, 3, 15), date(2019, 11, 10))
			}
		}
		add := func(typ ttdn.ActivityType, month int, unit *ttdn.Unit, c ttdn.Classification, themes ...string) *ttdn.Activity {
			a := w.sample(typ)
			a.StartDate, a.EndDate, a.UnitIDs, a.Classification, a.Themes = date(2019, month, 20), ttdn.Date{}, []int64{unit.ID}, c, themes
			if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		add(ttdn.ActivityPressConference, 3, w.unitA, ttdn.Public, "du-lich")
		train := add(ttdn.ActivityTraining, 3, w.unitA1, ttdn.Internal)
		add(ttdn.ActivityMedia, 6, w.unitB, ttdn.Internal, "campuchia")
		secretB := add(ttdn.ActivityDelegation, 6, w.unitB, ttdn.Secret, "campuchia", "bien-gioi")
		add(ttdn.ActivityDelegation, 11, w.unitA, ttdn.Secret, "bien-gioi")
		add(ttdn.ActivityMedia, 3, w.unitA1, ttdn.Secret, "campuchia")
		add(ttdn.ActivityMedia, 1, w.unitB, ttdn.Internal)
		check("after creates")

		// Moved to another month, made secret, themes replaced.
		month, secret, themes := date(2019, 11, 5), ttdn.Secret, []string{"du-lich", "bien-gioi"}
		train, err := w.acts.UpdateActivity(as(w.coordinator), train.ID, ttdn.ActivityUpdate{Version: train.Version,
			StartDate: &month, Classification: &secret, Themes: &themes})
		if err != nil {
			t.Fatal(err)
		}
		check("after an update")
		title := "Bản cũ"
		if _, err := w.acts.UpdateActivity(as(w.coordinator), train.ID, ttdn.ActivityUpdate{Version: train.Version - 1, Title: &title}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("stale update: %v", err)
		}
		check("after a refused update")
		if err := w.acts.DeleteActivity(as(w.coordinator), secretB.ID); err != nil {
			t.Fatal(err)
		}
		check("after a delete")

		var bulk []*ttdn.Activity
		for i, c := range []ttdn.Classification{ttdn.Public, ttdn.Internal, ttdn.Secret, ttdn.Secret, ttdn.Internal} {
			a := w.sample(ttdn.ActivityPublication)
			a.StartDate, a.EndDate, a.Classification, a.TaskIDs = date(2019, 2+2*i, 1+7*i), ttdn.Date{}, c, nil
			a.UnitIDs = []int64{[]int64{w.unitA.ID, w.unitB.ID}[i%2]}
			bulk = append(bulk, a)
		}
		if err := sqlstore.NewBulkLoader(db).CreateActivities(sqltest.SystemContext(), bulk); err != nil {
			t.Fatal(err)
		}
		check("after a bulk load")
	})
}

// checkCountTables compares both count tables with counts of the
// activities, row by row, both ways.
func checkCountTables(t *testing.T, db *sqlstore.DB, step string) {
	t.Helper()
	for _, q := range []string{
		`SELECT month, classification, type, n FROM activity_month_counts WHERE n <> 0`,
		`SELECT SUBSTR(start_date, 1, 7), classification, type, COUNT(*) FROM activities
			GROUP BY SUBSTR(start_date, 1, 7), classification, type`,
		`SELECT month, classification, theme_id, n FROM activity_theme_month_counts WHERE n <> 0`,
		`SELECT SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id, COUNT(*) FROM activity_themes x
			JOIN activities a ON a.id = x.activity_id GROUP BY SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id`,
	} {
		if n, err := db.QueryIntTest(`SELECT COUNT(*) FROM (` + q + `) q`); err != nil || n == 0 {
			t.Fatalf("%s: %d rows of %s: %v", step, n, q, err)
		}
	}
	pairs := [][2]string{
		{`SELECT month, classification, type, n FROM activity_month_counts WHERE n <> 0`,
			`SELECT SUBSTR(start_date, 1, 7), classification, type, COUNT(*) FROM activities
			GROUP BY SUBSTR(start_date, 1, 7), classification, type`},
		{`SELECT month, classification, theme_id, n FROM activity_theme_month_counts WHERE n <> 0`,
			`SELECT SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id, COUNT(*) FROM activity_themes x
			JOIN activities a ON a.id = x.activity_id GROUP BY SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id`},
	}
	for _, p := range pairs {
		for _, q := range []string{p[0] + ` EXCEPT ` + p[1], p[1] + ` EXCEPT ` + p[0]} {
			if n, err := db.QueryIntTest(`SELECT COUNT(*) FROM (` + q + `) d`); err != nil || n != 0 {
				t.Errorf("%s: %d rows differ (%v): %s", step, n, err, q)
			}
		}
	}
}

// checkStatsAgainstList compares u's statistics for from–to with the totals
// of the activity list (which applies the read scope its own way) for the
// same range and each type, month and theme.
func checkStatsAgainstList(t *testing.T, w *actWorld, dash *sqlstore.DashboardService, u *ttdn.User, step string, from, to ttdn.Date) {
	t.Helper()
	st, err := dash.ActivityStats(as(u), from, to)
	if err != nil {
		t.Fatal(err)
	}
	total := func(f ttdn.ActivityFilter) int {
		if f.From == nil {
			f.From, f.To = &from, &to
		}
		f.Limit = 1
		_, n, err := w.acts.FindActivities(as(u), f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if want := total(ttdn.ActivityFilter{}); st.Total != want {
		t.Errorf("%s, %s %s–%s: total %d, list %d", step, u.Username, from, to, st.Total, want)
	}
	for _, c := range st.ByType {
		typ := ttdn.ActivityType(c.Key)
		if want := total(ttdn.ActivityFilter{Type: &typ}); c.Count != want {
			t.Errorf("%s, %s %s–%s: type %s %d, list %d", step, u.Username, from, to, c.Key, c.Count, want)
		}
	}
	for _, c := range st.ByTheme {
		code := c.Key
		if want := total(ttdn.ActivityFilter{Theme: &code}); c.Count != want {
			t.Errorf("%s, %s %s–%s: theme %s %d, list %d", step, u.Username, from, to, c.Key, c.Count, want)
		}
	}
	for _, c := range st.ByMonth {
		m, err := time.Parse("2006-01", c.Key)
		if err != nil {
			t.Fatal(err)
		}
		first, last := ttdn.DateOf(m), ttdn.DateOf(m.AddDate(0, 1, -1))
		if first.Before(from) {
			first = from
		}
		if to.Before(last) {
			last = to
		}
		if want := total(ttdn.ActivityFilter{From: &first, To: &last}); c.Count != want {
			t.Errorf("%s, %s %s–%s: month %s %d, list %d", step, u.Username, from, to, c.Key, c.Count, want)
		}
	}
}
