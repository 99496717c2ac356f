package sqlstore_test

import (
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPrefillCases: rebuttal cases feed indicator 10 of the report of the
// unit responsible for them — count by verdict and topic, clarified,
// countered and the mean response time — and "detected" counts the cases
// the unit's own people opened; a case outside the window counts nowhere.
// The consolidated report sums the counts and takes the mean of the
// units' response times, not their sum.
func TestPrefillCases(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		cases := sqlstore.NewCaseService(db)
		monitorNV := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "theo-doi-nv", Name: "Theo dõi", Role: ttdn.RoleMonitor,
			UnitID: w.ngoaiVu.ID}, "")
		// run takes a case detected at day 10:00 through to a response
		// published after minutes, led by lead's officer.
		run := func(day ttdn.Date, v ttdn.Verdict, topic ttdn.CaseTopic, lead *ttdn.Unit, officer *ttdn.User, minutes int) *ttdn.Case {
			t.Helper()
			at := day.Time(ttdn.VietnamZone()).Add(10 * time.Hour)
			db.Now = func() time.Time { return at }
			c := &ttdn.Case{Claim: "Thông tin sai sự thật ngày " + day.String(), DetectedAt: at, Source: ttdn.CaseSource{Outlet: "Facebook"}}
			if err := cases.OpenCase(as(monitorNV), c, nil); err != nil {
				t.Fatal(err)
			}
			c, err := cases.AssessCase(as(monitorNV), c.ID, ttdn.CaseAssessment{Version: c.Version, Claim: c.Claim, Verdict: v,
				Severity: ttdn.SeverityMedium, Topics: []ttdn.CaseTopic{topic, ttdn.TopicBorder}})
			if err != nil {
				t.Fatal(err)
			}
			if c, err = cases.AssignCase(as(monitorNV), c.ID, ttdn.CaseAssignment{Version: c.Version, LeadUnitID: lead.ID}); err != nil {
				t.Fatal(err)
			}
			if minutes == 0 {
				return c
			}
			r := &ttdn.CaseResponse{Kind: ttdn.ResponseArticle, Title: "Phản bác", Body: "Sự thật là…"}
			if err := cases.DraftResponse(as(officer), c.ID, r); err != nil {
				t.Fatal(err)
			}
			if r, err = cases.UpdateResponse(as(officer), r.ID, ttdn.ResponseUpdate{Version: r.Version, Submit: true}); err != nil {
				t.Fatal(err)
			}
			if r, err = cases.ReviewResponse(as(w.leader), r.ID, ttdn.ResponseReview{Version: r.Version, Approve: true}); err != nil {
				t.Fatal(err)
			}
			db.Now = func() time.Time { return at.Add(3 * time.Hour) }
			if _, err = cases.PublishResponse(as(officer), r.ID, ttdn.ResponsePublication{Version: r.Version, Where: "Cổng TTĐT",
				At: at.Add(time.Duration(minutes) * time.Minute)}); err != nil {
				t.Fatal(err)
			}
			return c
		}
		c1 := run(date(2019, 3, 1), ttdn.VerdictFalse, ttdn.TopicCambodia, w.ngoaiVu, w.officerNV, 90)
		c2 := run(date(2019, 4, 1), ttdn.VerdictUnverified, ttdn.TopicReligion, w.taiChinh, w.officerTC, 30)
		run(date(2019, 7, 1), ttdn.VerdictFalse, ttdn.TopicLand, w.ngoaiVu, w.officerNV, 0) // after the window

		w.clock(2019, 6, 16, 8, 0)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		nv := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		tc := w.mustStart(t, w.officerTC, rp, w.taiChinh)
		check := func(r *ttdn.UnitReport, code string, b ttdn.Breakdown, item string, want int64, ids ...int64) {
			t.Helper()
			v := r.Find(code, b, item)
			if v == nil || v.Computed == nil || *v.Computed != want || len(v.SourceIDs) != len(ids) {
				t.Errorf("%s %s %q: %+v, want %d from %v", code, b, item, v, want, ids)
				return
			}
			for i, id := range ids {
				if v.SourceIDs[i] != id {
					t.Errorf("%s cites %v, want %v", code, v.SourceIDs, ids)
				}
			}
		}
		check(nv, "false_info_cases", "", "", 1, c1.ID)
		check(nv, "false_info_cases", ttdn.ByVerdict, "Sai sự thật", 1, c1.ID)
		check(nv, "false_info_cases", ttdn.ByTopic, "Quan hệ Việt Nam – Campuchia", 1, c1.ID)
		check(nv, "false_info_cases", ttdn.ByTopic, "Biên giới, cửa khẩu", 1, c1.ID)
		check(nv, "false_info_clarified", "", "", 1, c1.ID)
		check(nv, "false_info_countered", "", "", 1, c1.ID)
		check(nv, "false_info_response_minutes", "", "", 90, c1.ID)
		check(nv, "false_info_detected", "", "", 2, c1.ID, c2.ID) // both opened by Sở Ngoại vụ's monitor
		check(tc, "false_info_cases", ttdn.ByVerdict, "Chưa xác minh", 1, c2.ID)
		check(tc, "false_info_clarified", "", "", 0)
		check(tc, "false_info_response_minutes", "", "", 30, c2.ID)
		check(tc, "false_info_detected", "", "", 0)

		for _, r := range []struct {
			rep *ttdn.UnitReport
			who *ttdn.User
		}{{nv, w.officerNV}, {tc, w.officerTC}} {
			sent := w.mustStep(t, r.who, r.rep, ttdn.ActSubmit, "")
			w.mustStep(t, w.coordinator, sent, ttdn.ActAccept, "")
		}
		cr, err := w.consolidated.FindConsolidatedReport(as(w.coordinator), rp.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, tot := range cr.Totals {
			got[tot.Indicator.Code] = tot.Value
		}
		if got["false_info_cases"] != 2 || got["false_info_countered"] != 2 || got["false_info_response_minutes"] != 60 {
			t.Errorf("consolidated: cases %d, countered %d, response minutes %d (want 2, 2, 60: the mean, not the sum)",
				got["false_info_cases"], got["false_info_countered"], got["false_info_response_minutes"])
		}
	})
}
