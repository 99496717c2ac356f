package http

import (
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// oldSourceNames is how the report page named its sources before it read
// only the records it cites: every activity of the unit in the period and
// every progress update of the unit, up to 2,000 each.
func oldSourceNames(t *testing.T, f *reportingFixture, who string, rep *ttdn.UnitReport, rp *ttdn.ReportPeriod) *sourceNames {
	t.Helper()
	ctx := sqltest.UserContext(f.users[who])
	n := &sourceNames{activities: map[int64]string{}, progress: map[int64]int64{}}
	acts, _, err := f.srv.cfg.Activities.FindActivities(ctx, ttdn.ActivityFilter{UnitID: &rep.UnitID, From: &rp.CutOffFrom, To: &rp.CutOffTo, Limit: 2000})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		n.activities[a.ID] = a.Title
	}
	ups, _, err := f.srv.cfg.Progress.FindProgressUpdates(ctx, ttdn.ProgressFilter{UnitID: &rep.UnitID, Limit: 2000})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range ups {
		n.progress[u.ID] = u.TaskID
	}
	return n
}

// TestReportSourcesAsBefore: the unit report's links to the records behind
// its computed values — labels, targets and the "more" counts — are the
// same when only the cited records are read as when the page read all the
// unit's records of the period, for the unit's officer, the coordinator and
// the leader, on both engines.
func TestReportSourcesAsBefore(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		unit := f.units["cong-an"].ID
		acts := sqlstore.NewActivityService(db)
		for i := range 12 { // more than maxSourceLinks of one kind
			a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo thứ " + itoa(int64(i+1)), StartDate: ttdn.Date{Year: 2019, Month: 2, Day: 1 + i},
				UnitIDs: []int64{unit}, Classification: ttdn.Internal, Details: &ttdn.PressDetails{Speaker: "Người phát ngôn", Reporters: 3}}
			if err := acts.CreateActivity(sqltest.UserContext(f.users["coordinator"]), a); err != nil {
				t.Fatal(err)
			}
		}
		var updates []int64
		for _, task := range f.plan.Tasks {
			if slices.Contains(task.UnitIDs(), unit) {
				up := &ttdn.ProgressUpdate{TaskID: task.ID, UnitID: unit, Date: ttdn.Date{Year: 2019, Month: 4, Day: 2}, Text: "Đã triển khai"}
				if err := f.srv.cfg.Progress.AddProgressUpdate(sqltest.UserContext(f.users["officer"]), up); err != nil {
					t.Fatal(err)
				}
				updates = append(updates, up.ID)
				break
			}
		}
		rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
		rep := f.mustReport(t, rp, "cong-an", "officer")
		indicators, err := f.srv.cfg.Indicators.FindIndicators(sqltest.UserContext(f.users["coordinator"]), ttdn.IndicatorFilter{PlanID: &rp.PlanID})
		if err != nil {
			t.Fatal(err)
		}
		// The seed plan has no indicator counting progress updates: one is
		// added here, citing the unit's update and one that does not exist.
		indicators = append(indicators, &ttdn.Indicator{Code: "updates_test", Source: ttdn.SourceProgressUpdates, ValueType: ttdn.ValueCount})
		rep.Values = append(rep.Values, &ttdn.ReportValue{Code: "updates_test", SourceIDs: append(updates, 99999999)})
		titled, more, progress := 0, 0, 0
		for _, who := range []string{"officer", "coordinator", "leader"} {
			r := httptest.NewRequest("GET", "/reports/"+itoa(rep.ID), nil).WithContext(sqltest.UserContext(f.users[who]))
			names, err := f.srv.loadSourceNames(r, rep, indicators)
			if err != nil {
				t.Fatal(err)
			}
			got := buildBlocks(rep, indicators, names, false)
			want := buildBlocks(rep, indicators, oldSourceNames(t, f, who, rep, rp), false)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: the links differ:\n got %s\nwant %s", who, blockLinks(got), blockLinks(want))
			}
			for _, b := range got {
				for _, row := range b.Rows {
					more += row.More
					for _, l := range row.Links {
						if l.Label != "" && l.Label[0] != '#' {
							titled++
						}
						if strings.HasSuffix(l.Href, "#updates") {
							progress++
						}
					}
				}
			}
		}
		if titled == 0 || more == 0 || progress != 3 {
			t.Fatalf("the fixture shows %d titled links, %d more and %d updates: it proves nothing", titled, more, progress)
		}
	})
}

func blockLinks(bs []*indicatorBlock) string {
	s := ""
	for _, b := range bs {
		for _, row := range b.Rows {
			if len(row.Links) > 0 {
				s += row.Code + ":"
				for _, l := range row.Links {
					s += " " + l.Href + "=" + l.Label
				}
				s += " +" + itoa(int64(row.More)) + "; "
			}
		}
	}
	return s
}
