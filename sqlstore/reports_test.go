package sqlstore_test

import (
	"slices"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustActivity logs an activity organised by unit as the system.
func mustActivity(t *testing.T, db *sqlstore.DB, a *ttdn.Activity) *ttdn.Activity {
	t.Helper()
	if err := sqlstore.NewActivityService(db).CreateActivity(sqltest.SystemContext(), a); err != nil {
		t.Fatalf("create activity: %v", err)
	}
	return a
}

func TestPrefillFromRegistry(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		ch := &ttdn.Channel{Code: "bao-tay-ninh", Name: "Báo Tây Ninh", Kind: ttdn.ChannelNewspaper, Languages: []string{"vi"}, Active: true}
		if err := sqlstore.NewChannelService(db).CreateChannel(sqltest.SystemContext(), ch); err != nil {
			t.Fatal(err)
		}
		nv := []int64{w.ngoaiVu.ID}
		in1 := mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo quý I", StartDate: date(2019, 3, 1), UnitIDs: nv})
		in2 := mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo quý II", StartDate: date(2019, 6, 14), UnitIDs: nv})
		mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo sau kỳ", StartDate: date(2019, 6, 15), UnitIDs: nv})
		mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo trước kỳ", StartDate: date(2018, 12, 14), UnitIDs: nv})
		// Organised by another unit, Sở Ngoại vụ only takes part: not counted for it.
		mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo của Sở Tài chính",
			StartDate: date(2019, 4, 1), UnitIDs: []int64{w.taiChinh.ID, w.ngoaiVu.ID}})
		art := mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityMedia, Title: "Bài viết tiếng Anh", StartDate: date(2019, 5, 2),
			UnitIDs: nv, Details: &ttdn.MediaDetails{Format: ttdn.FormatArticle, ChannelID: ch.ID, Language: "en"}})
		mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityDelegation, Title: "Đoàn phóng viên Campuchia", StartDate: date(2019, 4, 10),
			UnitIDs: nv, Details: &ttdn.DelegationDetails{Incoming: true, Articles: 4, Members: []ttdn.DelegationMember{
				{Name: "Sok", Nationality: "Campuchia"}, {Name: "Dara", Nationality: "Campuchia"}, {Name: "Lee", Nationality: "Hàn Quốc"}}}})

		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		r := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		pc := r.Find("press_conferences", "", "")
		if pc == nil || pc.Computed == nil || *pc.Computed != 2 || !slices.Equal(pc.SourceIDs, []int64{in1.ID, in2.ID}) {
			t.Fatalf("press conferences: %+v", pc)
		}
		if pc.Source != "2 họp báo từ 15/12/2018 đến 14/06/2019" {
			t.Fatalf("source %q", pc.Source)
		}
		if v := r.Find("articles", ttdn.ByLanguage, "en"); v == nil || v.Value() != 1 || v.SourceIDs[0] != art.ID {
			t.Fatalf("articles in English: %+v", v)
		}
		if v := r.Find("articles", ttdn.ByChannel, "Báo Tây Ninh"); v == nil || v.Value() != 1 {
			t.Fatalf("articles on Báo Tây Ninh: %+v", v)
		}
		if v := r.Find("foreign_reporters", ttdn.ByCountry, "Campuchia"); v == nil || v.Value() != 2 {
			t.Fatalf("reporters from Cambodia: %+v", v)
		}
		if v := r.Find("delegation_articles", "", ""); v == nil || v.Value() != 4 {
			t.Fatalf("delegation articles: %+v", v)
		}
		if v := r.Find("budget_spent", "", ""); v == nil || v.Computed != nil {
			t.Fatalf("budget is typed by the unit, not computed: %+v", v)
		}
		// Another press conference logged later: refreshing counts it, a correction stays.
		r, err := w.reports.UpdateUnitReport(as(w.officerNV), r.ID, ttdn.UnitReportUpdate{Version: r.Version,
			Values: []ttdn.ValueInput{{Code: "delegation_articles", Number: i64(5), Note: "Thêm 1 bài đăng muộn"}}})
		if err != nil {
			t.Fatal(err)
		}
		mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo bổ sung", StartDate: date(2019, 5, 5), UnitIDs: nv})
		r, err = w.reports.RefreshPrefill(as(w.officerNV), r.ID, r.Version)
		if err != nil {
			t.Fatal(err)
		}
		if v := r.Find("press_conferences", "", ""); *v.Computed != 3 {
			t.Fatalf("after refresh: %+v", v)
		}
		if v := r.Find("delegation_articles", "", ""); v.Value() != 5 || *v.Computed != 4 || v.Note == "" {
			t.Fatalf("correction lost on refresh: %+v", v)
		}
	})
}

func TestPrefillFromProgress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		var taskID int64
		for _, task := range w.plan.Tasks {
			if slices.Contains(task.UnitIDs(), w.ngoaiVu.ID) {
				taskID = task.ID
			}
		}
		if taskID == 0 {
			t.Fatal("no seed task names Sở Ngoại vụ")
		}
		progress := sqlstore.NewProgressService(db)
		done := ttdn.TaskDone
		for _, u := range []*ttdn.ProgressUpdate{
			{TaskID: taskID, UnitID: w.ngoaiVu.ID, Date: date(2019, 2, 1), Text: "Đã phối hợp tổng hợp dư luận báo chí nước ngoài."},
			{TaskID: taskID, UnitID: w.ngoaiVu.ID, Date: date(2019, 5, 1), Text: "Hoàn thành.", Status: &done},
			{TaskID: taskID, UnitID: w.ngoaiVu.ID, Date: date(2019, 7, 1), Text: "Ngoài kỳ."},
		} {
			if err := progress.AddProgressUpdate(sqltest.SystemContext(), u); err != nil {
				t.Fatal(err)
			}
		}
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		r := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		if !strings.Contains(r.Narrative.Results, "dư luận báo chí nước ngoài") || strings.Contains(r.Narrative.Results, "Ngoài kỳ") {
			t.Fatalf("results draft: %q", r.Narrative.Results)
		}
		v := r.Find("tasks_completed", "", "")
		if v == nil || v.Value() != 1 || !strings.Contains(v.Source, "từ 15/12/2018 đến 14/06/2019") {
			t.Fatalf("tasks completed: %+v", v)
		}
	})
}

func TestReportWorkflow(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		w.clock(2019, 6, 1, 9, 0)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		nv := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		tc := w.mustStart(t, w.officerTC, rp, w.taiChinh)

		// One unit may not touch another's report.
		_, err := w.reports.Transition(as(w.officerTC), nv.ID, ttdn.ActSubmit, nv.Version, "")
		wantCode(t, err, ttdn.ENOTFOUND)

		w.clock(2019, 6, 20, 23, 59) // last minute of the due date, Vietnam time
		nv = w.mustStep(t, w.officerNV, nv, ttdn.ActSubmit, "")
		if nv.Status != ttdn.ReportSubmitted || nv.Late {
			t.Fatalf("on-time submission: %s late=%v", nv.Status, nv.Late)
		}
		w.clock(2019, 6, 21, 0, 1)
		tc = w.mustStep(t, w.officerTC, tc, ttdn.ActSubmit, "")
		if !tc.Late {
			t.Fatal("a submission after the due date is late")
		}
		// Acting out of turn: an officer accepting.
		_, err = w.reports.Transition(as(w.officerNV), nv.ID, ttdn.ActAccept, nv.Version, "")
		wantCode(t, err, ttdn.EFORBIDDEN)
		_, err = w.reports.Transition(as(w.coordinator), nv.ID, ttdn.ActReturn, nv.Version, "  ")
		wantCode(t, err, ttdn.EINVALID)
		nv = w.mustStep(t, w.coordinator, nv, ttdn.ActReturn, "Bổ sung số liệu đoàn phóng viên nước ngoài.")
		if nv.Status != ttdn.ReportReturned || nv.Comment == "" {
			t.Fatalf("returned: %+v", nv)
		}
		nv, err = w.reports.UpdateUnitReport(as(w.officerNV), nv.ID, ttdn.UnitReportUpdate{Version: nv.Version,
			Values: []ttdn.ValueInput{{Code: "press_delegations", Number: i64(2), Note: "Bổ sung theo ý kiến Sở"}}})
		if err != nil {
			t.Fatal(err)
		}
		w.clock(2019, 6, 25, 8, 0)
		nv = w.mustStep(t, w.officerNV, nv, ttdn.ActSubmit, "")
		if nv.Status != ttdn.ReportResubmitted || nv.Late {
			t.Fatalf("resubmitted after a return keeps its first submission's timeliness: %s late=%v", nv.Status, nv.Late)
		}
		nv = w.mustStep(t, w.coordinator, nv, ttdn.ActAccept, "")
		tc = w.mustStep(t, w.coordinator, tc, ttdn.ActAccept, "")
		if !nv.Locked() || !tc.Locked() {
			t.Fatal("accepted reports are locked")
		}

		// Refused after lock, nothing changed.
		before := mustInt(t, db, `SELECT COUNT(*) FROM audit_events`)
		_, err = w.reports.UpdateUnitReport(as(w.officerNV), nv.ID, ttdn.UnitReportUpdate{Version: nv.Version,
			Narrative: &ttdn.Narrative{Results: "Sửa sau khi khóa"}})
		wantCode(t, err, ttdn.EINVALID)
		_, err = w.reports.Transition(as(w.officerNV), nv.ID, ttdn.ActSubmit, nv.Version, "")
		wantCode(t, err, ttdn.EINVALID)
		if !strings.Contains(ttdn.ErrorMessage(err, "vi"), "khóa") {
			t.Fatalf("message %q", ttdn.ErrorMessage(err, "vi"))
		}
		_, err = w.reports.Transition(as(w.coordinator), nv.ID, ttdn.ActReopen, nv.Version, "")
		wantCode(t, err, ttdn.EINVALID)
		if after := mustInt(t, db, `SELECT COUNT(*) FROM audit_events`); after != before {
			t.Fatalf("refusals wrote %d audit events", after-before)
		}

		nv = w.mustStep(t, w.coordinator, nv, ttdn.ActReopen, "Sai số liệu kinh phí, cần sửa.")
		if nv.Status != ttdn.ReportReturned || nv.Comment != "Sai số liệu kinh phí, cần sửa." {
			t.Fatalf("reopened: %+v", nv)
		}
		events, err := w.reports.FindReportEvents(as(w.coordinator), nv.ID)
		if err != nil {
			t.Fatal(err)
		}
		var acts []string
		for _, e := range events {
			acts = append(acts, string(e.Action))
		}
		if strings.Join(acts, ",") != "submit,return,submit,accept,reopen" || events[4].Comment == "" {
			t.Fatalf("history %v", acts)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE entity = 'unit_report' AND action = 'reopen'`); n != 1 {
			t.Fatalf("reopen audited %d times", n)
		}
	})
}

func TestReportBadInputChangesNothing(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		note := &ttdn.Indicator{Code: "notable", Name: "Hoạt động nổi bật", ValueType: ttdn.ValueText}
		if err := w.indicators.CreateIndicator(as(w.coordinator), note); err != nil {
			t.Fatal(err)
		}
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		r := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		bad := []ttdn.ValueInput{
			{Code: "budget_spent", Raw: str("năm triệu")},                              // text in a VND field
			{Code: "press_delegations", Number: i64(-1)},                               // a negative count
			{Code: "training_attendees", Raw: str("12,5")},                             // not a whole number
			{Code: "notable", Number: i64(3)},                                          // a number in a text field
			{Code: "press_conferences", Number: i64(7)},                                // a correction without a note
			{Code: "khong-ton-tai", Number: i64(1)},                                    // unknown indicator
			{Code: "articles", Breakdown: ttdn.ByCountry, Item: "Lào", Number: i64(1)}, // breakdown it does not have
		}
		for _, in := range bad {
			upd := ttdn.UnitReportUpdate{Version: r.Version, Narrative: &ttdn.Narrative{Results: "không được lưu"},
				Values: []ttdn.ValueInput{{Code: "budget_estimated", Raw: str("1.500.000 đ")}, in}}
			_, err := w.reports.UpdateUnitReport(as(w.officerNV), r.ID, upd)
			wantCode(t, err, ttdn.EINVALID)
		}
		got, err := w.reports.FindUnitReportByID(as(w.officerNV), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != r.Version || got.Narrative.Results != r.Narrative.Results || got.Find("budget_estimated", "", "").Reported != nil {
			t.Fatalf("a refused update changed the report: version %d → %d", r.Version, got.Version)
		}
		got, err = w.reports.UpdateUnitReport(as(w.officerNV), r.ID, ttdn.UnitReportUpdate{Version: r.Version,
			Values: []ttdn.ValueInput{{Code: "budget_estimated", Raw: str("1.500.000 đ")}, {Code: "notable", Text: str("Đón đoàn Campuchia")}}})
		if err != nil {
			t.Fatal(err)
		}
		if v := got.Find("budget_estimated", "", ""); v.Value() != 1500000 {
			t.Fatalf("VND parsed as %d", v.Value())
		}
		_, err = w.reports.UpdateUnitReport(as(w.officerNV), r.ID, ttdn.UnitReportUpdate{Version: r.Version})
		wantCode(t, err, ttdn.ECONFLICT)
	})
}
