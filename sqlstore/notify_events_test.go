package sqlstore_test

import (
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// notices returns the workflow notices of u, newest first, as "subject:
// text → link".
func notices(t *testing.T, db *sqlstore.DB, u *ttdn.User) []string {
	t.Helper()
	list, _, err := sqlstore.NewNotificationService(db).FindNotifications(as(u), ttdn.NotificationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range list {
		out = append(out, n.Subject+": "+n.Text+" → "+n.Link)
	}
	return out
}

func hasNotice(list []string, subject, link string) bool {
	for _, n := range list {
		if strings.HasPrefix(n, subject+":") && strings.HasSuffix(n, "→ "+link) {
			return true
		}
	}
	return false
}

// TestWorkflowEventsNotify: a full cycle — a report submitted late, then
// returned and accepted; an estimate submitted, appraised and forwarded; a
// difficulty raised, grouped and forwarded — reaches each person who acts
// next or should know, with a link to the place, and never the actor.
func TestWorkflowEventsNotify(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		finance := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "tham-dinh", Name: "Thẩm định", Role: ttdn.RoleFinance,
			UnitID: w.taiChinh.ID}, "")
		w.clock(2019, 6, 1, 9, 0)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		nv := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		w.clock(2019, 6, 22, 9, 0)
		nv = w.mustStep(t, w.officerNV, nv, ttdn.ActSubmit, "")
		report := "/reports/" + itoaTest(int(nv.ID))
		if got := notices(t, db, w.coordinator); !hasNotice(got, "Báo cáo chờ duyệt", report) || !strings.Contains(got[0], "nộp muộn") {
			t.Errorf("coordinator after a late submission: %q", got)
		}
		nv = w.mustStep(t, w.coordinator, nv, ttdn.ActReturn, "Bổ sung số liệu.")
		nv = w.mustStep(t, w.officerNV, nv, ttdn.ActSubmit, "")
		w.mustStep(t, w.coordinator, nv, ttdn.ActAccept, "")
		got := notices(t, db, w.officerNV)
		if !hasNotice(got, "Báo cáo bị trả lại", report) || !hasNotice(got, "Báo cáo đã được chấp nhận", report) ||
			!strings.Contains(strings.Join(got, "\n"), "Bổ sung số liệu.") {
			t.Errorf("unit officer: %q", got)
		}
		if hasNotice(got, "Báo cáo chờ duyệt", report) {
			t.Error("the submitter was told of their own submission")
		}

		budgets := sqlstore.NewBudgetService(db)
		e := &ttdn.BudgetEstimate{UnitID: w.ngoaiVu.ID, Year: 2019, PlanID: w.plan.ID, Title: "Dự toán đón phóng viên nước ngoài",
			Justification: "Theo kế hoạch", Lines: []*ttdn.BudgetLine{{Item: "Đón đoàn", Quantity: 1, UnitOfMeasure: "đoàn",
				UnitPrice: 20_000_000, Source: ttdn.FundProvincial}}}
		if err := budgets.CreateBudgetEstimate(as(w.officerNV), e); err != nil {
			t.Fatal(err)
		}
		e, err := budgets.AdvanceBudgetEstimate(as(w.officerNV), e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepSubmit})
		if err != nil {
			t.Fatal(err)
		}
		budget := "/budgets/" + itoaTest(int(e.ID))
		if got := notices(t, db, finance); !hasNotice(got, "Dự toán chờ thẩm định", budget) {
			t.Errorf("finance after submission: %q", got)
		}
		amount := ttdn.Money(18_000_000)
		e, err = budgets.AppraiseBudgetEstimate(as(finance), e.ID, ttdn.BudgetAppraisal{Version: e.Version,
			Lines: []ttdn.LineAppraisal{{LineID: e.Lines[0].ID, Amount: amount}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := budgets.AdvanceBudgetEstimate(as(finance), e.ID, ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepForward}); err != nil {
			t.Fatal(err)
		}
		if got := notices(t, db, w.leader); !hasNotice(got, "Dự toán chờ phê duyệt", budget) {
			t.Errorf("leader after forwarding: %q", got)
		}

		diffs := sqlstore.NewDifficultyService(db)
		d := &ttdn.Difficulty{UnitID: w.ngoaiVu.ID, Title: "Thiếu phiên dịch tiếng Khmer", Text: "Không có người dịch."}
		if err := diffs.CreateDifficulty(as(w.officerNV), d); err != nil {
			t.Fatal(err)
		}
		if got := notices(t, db, w.coordinator); !hasNotice(got, "Khó khăn, vướng mắc mới", "/difficulties/"+itoaTest(int(d.ID))) {
			t.Errorf("coordinator after a difficulty: %q", got)
		}
		g := &ttdn.DifficultyGroup{Title: "Nhân lực dịch thuật", Proposal: "Đề nghị bổ sung biên chế.", MemberIDs: []int64{d.ID}}
		if err := diffs.GroupDifficulties(as(w.coordinator), g); err != nil {
			t.Fatal(err)
		}
		if _, err := diffs.ForwardDifficultyGroup(as(w.coordinator), g.ID, ttdn.DifficultyForward{Version: g.Version,
			Date: ttdn.Date{Year: 2019, Month: 7, Day: 1}}); err != nil {
			t.Fatal(err)
		}
		group := "/difficulty-groups/" + itoaTest(int(g.ID))
		if got := notices(t, db, w.officerNV); !hasNotice(got, "Khó khăn đã được tổng hợp", group) || !hasNotice(got, "Kiến nghị đã được chuyển", group) {
			t.Errorf("unit officer after grouping and forwarding: %q", got)
		}
		if got := notices(t, db, w.leader); !hasNotice(got, "Kiến nghị đã được chuyển", group) {
			t.Errorf("leader after forwarding: %q", got)
		}
		if got := notices(t, db, w.officerTC); len(got) != 0 {
			t.Errorf("an uninvolved unit was told: %q", got)
		}
	})
}
