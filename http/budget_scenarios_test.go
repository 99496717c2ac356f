package http

import (
	"fmt"
	"net/http"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// newBudgetFixture is the fixture with the budget and difficulty services
// wired, a leader, and an officer of another unit (the border guard).
func newBudgetFixture(t testing.TB, db *sqlstore.DB) *fixture {
	t.Helper()
	f := newFixture(t, db, true)
	cfg := f.srv.cfg
	cfg.Budgets, cfg.Difficulties = sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db)
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	for name, u := range map[string]*ttdn.User{
		"leader":   {Username: "leader", Name: "Lãnh đạo", Role: ttdn.RoleLeader},
		"officer2": {Username: "officer2", Name: "Cán bộ biên phòng", Role: ttdn.RoleUnitOfficer, UnitID: f.units["bdbp"].ID},
	} {
		f.users[name] = sqltest.MustCreateUser(t, db, u, testPassword)
		f.sessions[name] = sqltest.MustCreateSession(t, db, u)
	}
	return f
}

// mustBudget stores a draft of the officer's unit with one line on task
// III.6 and one without a task.
func (f *fixture) mustBudget(t testing.TB) *ttdn.BudgetEstimate {
	t.Helper()
	e := &ttdn.BudgetEstimate{UnitID: f.units["cong-an"].ID, Year: 2019, PlanID: f.plan.ID, Title: "Dự toán TTĐN Công an tỉnh 2019",
		Lines: []*ttdn.BudgetLine{
			{TaskID: f.plan.Tasks[5].ID, Item: "Tập huấn phản bác", Quantity: 2, UnitOfMeasure: "lớp", UnitPrice: 25_000_000, Source: ttdn.FundProvincial},
			{Item: "Văn phòng phẩm", Quantity: 10, UnitOfMeasure: "bộ", UnitPrice: 150_000, Source: ttdn.FundOther},
		}}
	if err := sqlstore.NewBudgetService(f.db).CreateBudgetEstimate(sqltest.UserContext(f.users["officer"]), e); err != nil {
		t.Fatal(err)
	}
	return e
}

func lineForm(kv ...string) map[string][]string {
	v := form(kv...)
	return v
}

// TestBudgetScenarios runs every budget route for every role.
func TestBudgetScenarios(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newBudgetFixture(t, db)
		e := f.mustBudget(t)
		b := fmt.Sprintf("/budgets/%d", e.ID)
		v := fmt.Sprint(e.Version)
		newLine := func(price string) map[string][]string {
			return lineForm("unit", itoa(f.units["cong-an"].ID), "year", "2019", "title", "Dự toán bổ sung", "line_id", "",
				"task", "", "activity", "", "item", "In tờ rơi", "quantity", "1.000", "uom", "tờ", "price", price, "source", "provincial")
		}
		f.run(t, []scenario{
			{name: "anonymous list", path: "/budgets", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "officer list", path: "/budgets", who: "officer", status: http.StatusOK, contains: []string{e.Title, "51.500.000 đ"}},
			{name: "other unit list", path: "/budgets", who: "officer2", status: http.StatusOK, absent: []string{e.Title}},
			{name: "finance list", path: "/budgets", who: "finance", status: http.StatusOK, contains: []string{e.Title}},
			{name: "coordinator list", path: "/budgets?year=2019&sort=total", who: "coordinator", status: http.StatusOK, contains: []string{e.Title}},
			{name: "leader list", path: "/budgets?status=draft", who: "leader", status: http.StatusOK, contains: []string{e.Title}},
			{name: "admin list", path: "/budgets", who: "admin", status: http.StatusOK, absent: []string{e.Title}},
			{name: "list csv", path: "/budgets?format=csv", who: "finance", status: http.StatusOK, contains: []string{e.Title, "51500000"}},
			{name: "list xlsx", path: "/budgets?format=xlsx", who: "coordinator", status: http.StatusOK},
			{name: "officer view", path: b, who: "officer", status: http.StatusOK, contains: []string{"Văn phòng phẩm", "chưa gắn với nhiệm vụ", `id="submit-form"`}, absent: []string{`id="appraise-form"`}},
			{name: "other unit view", path: b, who: "officer2", status: http.StatusNotFound},
			{name: "finance view draft", path: b, who: "finance", status: http.StatusOK, absent: []string{`id="appraise-form"`, `id="submit-form"`}},
			{name: "leader view", path: b, who: "leader", status: http.StatusOK, absent: []string{`id="submit-form"`}},
			{name: "view xlsx", path: b + "?format=xlsx", who: "officer", status: http.StatusOK},
			{name: "appraisal docx", path: b + "/appraisal.docx", who: "finance", status: http.StatusOK},
			{name: "diff", path: b + "/diff", who: "officer", status: http.StatusOK, contains: []string{"Không có thay đổi"}},
			{name: "diff bad", path: b + "/diff?from=9", who: "officer", status: http.StatusNotFound},
			{name: "new form", path: "/budgets/new", who: "officer", status: http.StatusOK, contains: []string{`name="price"`, "III.6"}},
			{name: "edit form", path: b + "/edit", who: "officer", status: http.StatusOK, contains: []string{`value="25.000.000"`}},
			{name: "finance edit form", path: b + "/edit", who: "finance", status: http.StatusForbidden},
			{name: "check warnings", method: "POST", path: "/budgets/new", who: "officer", form: withAction(newLine("3.500"), "check"),
				status: http.StatusOK, contains: []string{"chưa gắn với nhiệm vụ", `value="3.500"`}},
			{name: "text in money", method: "POST", path: "/budgets/new", who: "officer", form: newLine("ba nghìn"),
				status: http.StatusUnprocessableEntity, contains: []string{"Dòng 1", "không hợp lệ", `value="ba nghìn"`}},
			{name: "negative money", method: "POST", path: "/budgets/new", who: "officer", form: newLine("-3.500"),
				status: http.StatusUnprocessableEntity, contains: []string{"không được âm"}},
			{name: "overflow money", method: "POST", path: "/budgets/new", who: "officer", form: newLine("9.000.000.000.000.000"),
				status: http.StatusUnprocessableEntity, contains: []string{"vượt quá giới hạn"}},
			{name: "fraction money", method: "POST", path: "/budgets/new", who: "officer", form: newLine("3.500,5"),
				status: http.StatusUnprocessableEntity, contains: []string{"phần lẻ"}},
			{name: "finance creates", method: "POST", path: "/budgets/new", who: "finance", form: withUnit(newLine("3.500"), f.units["so-tai-chinh"].ID),
				status: http.StatusForbidden},
			{name: "officer other unit", method: "POST", path: "/budgets/new", who: "officer", form: withUnit(newLine("3.500"), f.units["bdbp"].ID),
				status: http.StatusForbidden},
			{name: "officer appraises", method: "POST", path: b + "/appraise", who: "officer",
				form: form("version", v, "line_id", itoa(e.Lines[0].ID), "appraised", "1"), status: http.StatusForbidden, contains: []string{"Chỉ cơ quan tài chính"}},
			{name: "finance edits", method: "POST", path: b + "/edit", who: "finance", form: withVersion(newLine("1"), v), status: http.StatusForbidden},
			{name: "approve a draft", method: "POST", path: b + "/advance", who: "finance",
				form: form("version", v, "step", "approve", "body", "UBND", "number", "1/QĐ", "date", "01/03/2019"), status: http.StatusUnprocessableEntity,
				contains: []string{"chưa thể thực hiện"}},
			{name: "stale submit", method: "POST", path: b + "/advance", who: "officer", form: form("version", "1", "step", "submit"), status: http.StatusConflict},
			{name: "spend on a draft", method: "POST", path: b + "/entries", who: "officer",
				form: form("kind", "spending", "line", itoa(e.Lines[0].ID), "amount", "1.000", "entry_date", "01/04/2019"), status: http.StatusUnprocessableEntity},
			{name: "create", method: "POST", path: "/budgets/new", who: "officer", form: newLine("3.500"), status: http.StatusSeeOther, contains: []string{"/budgets/"}},
			{name: "summary csv", path: "/budgets/summary?by=unit&format=csv", who: "finance", status: http.StatusOK},
			{name: "settings by officer", method: "POST", path: "/budgets/settings", who: "officer", form: form("warn_above_percent", "20"), status: http.StatusForbidden},
			{name: "settings bad", method: "POST", path: "/budgets/settings", who: "coordinator", form: form("warn_above_percent", "nhiều"), status: http.StatusUnprocessableEntity},
			{name: "settings", method: "POST", path: "/budgets/settings", who: "coordinator", form: form("warn_above_percent", "20"), status: http.StatusSeeOther},
			{name: "submit", method: "POST", path: b + "/advance", who: "officer", form: form("version", v, "step", "submit"), status: http.StatusSeeOther},
			{name: "finance sees appraisal form", path: b, who: "finance", status: http.StatusOK, contains: []string{`id="appraise-form"`, `id="return-form"`}},
			{name: "summary", path: "/budgets/summary?by=source", who: "coordinator", status: http.StatusOK, contains: []string{"<svg", `id="budget-settings"`}},
			{name: "officer cannot edit submitted", path: b + "/edit", who: "officer", status: http.StatusUnprocessableEntity},
		})
	})
}

func withAction(v map[string][]string, action string) map[string][]string {
	v["action"] = []string{action}
	return v
}

func withUnit(v map[string][]string, id int64) map[string][]string {
	v["unit"] = []string{itoa(id)}
	return v
}

func withVersion(v map[string][]string, version string) map[string][]string {
	v["version"] = []string{version}
	return v
}

// TestDifficultyScenarios runs every difficulty route for every role.
func TestDifficultyScenarios(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newBudgetFixture(t, db)
		d := &ttdn.Difficulty{UnitID: f.units["cong-an"].ID, Title: "Thiếu phiên dịch tiếng Khmer", Text: "Chưa có người dịch."}
		if err := sqlstore.NewDifficultyService(db).CreateDifficulty(sqltest.UserContext(f.users["officer"]), d); err != nil {
			t.Fatal(err)
		}
		p := fmt.Sprintf("/difficulties/%d", d.ID)
		f.run(t, []scenario{
			{name: "anonymous", path: "/difficulties", status: http.StatusSeeOther},
			{name: "officer list", path: "/difficulties?open=1&sort=oldest", who: "officer", status: http.StatusOK, contains: []string{d.Title}},
			{name: "other unit list", path: "/difficulties", who: "officer2", status: http.StatusOK, absent: []string{d.Title}},
			{name: "coordinator list", path: "/difficulties", who: "coordinator", status: http.StatusOK, contains: []string{d.Title, `id="group-form"`}},
			{name: "leader list", path: "/difficulties", who: "leader", status: http.StatusOK, contains: []string{d.Title}, absent: []string{`id="group-form"`}},
			{name: "finance list", path: "/difficulties", who: "finance", status: http.StatusOK, absent: []string{d.Title}},
			{name: "csv", path: "/difficulties?format=csv", who: "coordinator", status: http.StatusOK, contains: []string{d.Title}},
			{name: "view", path: p, who: "officer", status: http.StatusOK, contains: []string{"Chưa có người dịch."}},
			{name: "other unit view", path: p, who: "officer2", status: http.StatusNotFound},
			{name: "new form", path: "/difficulties/new", who: "officer", status: http.StatusOK, contains: []string{`name="text"`}},
			{name: "edit form", path: p + "/edit", who: "officer", status: http.StatusOK, contains: []string{`value="Thiếu phiên dịch tiếng Khmer"`}},
			{name: "raise empty", method: "POST", path: "/difficulties/new", who: "officer", form: form("unit", itoa(f.units["cong-an"].ID), "title", "", "text", "x"),
				status: http.StatusUnprocessableEntity, contains: []string{"Cần ghi tiêu đề"}},
			{name: "raise for another unit", method: "POST", path: "/difficulties/new", who: "officer", form: form("unit", itoa(f.units["bdbp"].ID), "title", "x", "text", "x"),
				status: http.StatusForbidden},
			{name: "raise", method: "POST", path: "/difficulties/new", who: "officer", form: form("unit", itoa(f.units["cong-an"].ID), "title", "Thiếu kinh phí", "text", "Cần bổ sung."),
				status: http.StatusSeeOther},
			{name: "officer groups", method: "POST", path: "/difficulty-groups", who: "officer", form: form("member", itoa(d.ID), "title", "x"), status: http.StatusForbidden},
			{name: "officer closes", method: "POST", path: p + "/close", who: "officer", form: form("version", "1"), status: http.StatusForbidden},
			{name: "edit", method: "POST", path: p + "/edit", who: "officer", form: form("version", "1", "unit", itoa(f.units["cong-an"].ID), "title", "Thiếu phiên dịch viên tiếng Khmer", "text", "Chưa có người dịch."),
				status: http.StatusSeeOther},
			{name: "group", method: "POST", path: "/difficulty-groups", who: "coordinator", form: form("member", itoa(d.ID), "title", "Dịch thuật", "proposal", "Bố trí phiên dịch."),
				status: http.StatusSeeOther, contains: []string{"/difficulty-groups/"}},
			{name: "officer sees grouped", path: p, who: "officer", status: http.StatusOK, contains: []string{"Bố trí phiên dịch."}},
		})
		groups, _, err := sqlstore.NewDifficultyService(db).FindDifficultyGroups(sqltest.SystemContext(), 0, 10)
		if err != nil || len(groups) != 1 {
			t.Fatalf("groups %v %v", groups, err)
		}
		g := fmt.Sprintf("/difficulty-groups/%d", groups[0].ID)
		f.run(t, []scenario{
			{name: "group view", path: g, who: "coordinator", status: http.StatusOK, contains: []string{`id="forward-form"`}},
			{name: "group view officer", path: g, who: "officer", status: http.StatusOK, absent: []string{`id="forward-form"`}},
			{name: "group view other unit", path: g, who: "officer2", status: http.StatusNotFound},
			{name: "answer too early", method: "POST", path: g + "/answer", who: "coordinator", form: form("version", "1", "text", "x", "date", "01/07/2019"), status: http.StatusUnprocessableEntity},
			{name: "forward bad date", method: "POST", path: g + "/forward", who: "coordinator", form: form("version", "1", "date", "31/02/2019"), status: http.StatusUnprocessableEntity},
			{name: "forward by officer", method: "POST", path: g + "/forward", who: "officer", form: form("version", "1", "date", "01/07/2019"), status: http.StatusForbidden},
			{name: "forward", method: "POST", path: g + "/forward", who: "coordinator", form: form("version", "1", "number", "12/TTr", "date", "01/07/2019"), status: http.StatusSeeOther},
			{name: "answer", method: "POST", path: g + "/answer", who: "coordinator", form: form("version", "2", "text", "Đồng ý bố trí.", "number", "345/UBND", "date", "10/07/2019"), status: http.StatusSeeOther},
			{name: "unit sees answer", path: p, who: "officer", status: http.StatusOK, contains: []string{"Đồng ý bố trí.", "345/UBND"}},
			{name: "close", method: "POST", path: p + "/close", who: "coordinator", form: form("version", "5", "note", "Xong."), status: http.StatusSeeOther},
		})
	})
}
