package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustLinksMatch fails unless every link of an activity to a unit carries
// the activity's own start date (0045) and level (0056).
func mustLinksMatch(t *testing.T, db *sqlstore.DB, step string) {
	t.Helper()
	off, err := db.QueryIntTest(`SELECT COUNT(*) FROM activity_units u JOIN activities a ON a.id = u.activity_id
		WHERE u.classification <> a.classification OR u.start_date <> a.start_date`)
	if err != nil || off != 0 {
		t.Fatalf("%s: %d links with another level or date than their activity's: %v", step, off, err)
	}
}

// TestActivityLinkLevelsKept: the level kept beside an activity's units
// follows the activity through a create, a bulk load, an update of its own
// level and a reclassification by its plan (inherit.go); an import copies
// it again when the archive's links lack it; and an officer's activity
// total, counted from the links for what they read through their unit,
// equals the activities they can list.
func TestActivityLinkLevelsKept(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newSecretWorld(t, db)
		officerList := func(step string) {
			t.Helper()
			rows, total, err := w.acts.FindActivities(as(w.officerA), ttdn.ActivityFilter{Limit: 1000})
			if err != nil || total != len(rows) {
				t.Fatalf("%s: officer's total %d, rows %d: %v", step, total, len(rows), err)
			}
		}
		mustLinksMatch(t, db, "created")
		officerList("created")
		w.setPlanLevel(t, ttdn.Secret)
		mustLinksMatch(t, db, "plan made secret")
		officerList("plan made secret")
		if got := w.reads(t, w.officerA); got["activity list"] != got["activity"] || got["activity"] != 1 {
			t.Fatalf("officer A of a named unit, plan secret: %v (the secret activity must be in the list's total)", got)
		}
		if got := w.reads(t, w.outsider); got["activity list"] != 0 {
			t.Fatalf("outsider, plan secret: %v", got)
		}
		bulk := []*ttdn.Activity{{Type: ttdn.ActivityPublication, Title: "Tờ rơi biên giới", StartDate: date(2019, 5, 5),
			UnitIDs: []int64{w.unitA.ID}, TaskIDs: []int64{w.plan.Tasks[0].ID}, Classification: ttdn.Public,
			Details: &ttdn.PublicationDetails{Format: ttdn.FormatLeaflet, Titles: []string{"Biên giới"}, Copies: 10}}}
		if err := sqlstore.NewBulkLoader(db).CreateActivities(sqltest.SystemContext(), bulk); err != nil {
			t.Fatal(err)
		}
		mustLinksMatch(t, db, "bulk load under a secret plan")
		officerList("bulk load under a secret plan")
		w.setPlanLevel(t, ttdn.Internal)
		mustLinksMatch(t, db, "plan internal again")
		officerList("plan internal again")
		if err := db.ExecTest(`UPDATE activity_units SET classification = '', start_date = ''`); err != nil {
			t.Fatal(err)
		}
		if err := db.RebuildActivityLinkCopiesTest(t.Context()); err != nil {
			t.Fatal(err)
		}
		mustLinksMatch(t, db, "copied again as an import does")
	})
}
