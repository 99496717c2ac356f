package http

import (
	"net/http"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// mustActivity stores a press conference of Sở TTTT as the coordinator.
func (f *fixture) mustActivity(tb testing.TB) *ttdn.Activity {
	tb.Helper()
	a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo định kỳ quý II", StartDate: ttdn.Date{Year: 2019, Month: 6, Day: 20},
		UnitIDs: []int64{f.units["so-tttt"].ID}, Themes: []string{"campuchia"}, Classification: ttdn.Internal,
		Details: &ttdn.PressDetails{Speaker: "Phó Chủ tịch UBND tỉnh", Reporters: 25}}
	if err := sqlstore.NewActivityService(f.db).CreateActivity(sqltest.UserContext(f.users["coordinator"]), a); err != nil {
		tb.Fatal(err)
	}
	return a
}

// TestExecutionScenarios runs the scenario table of issue 3's pages on
// every engine.
func TestExecutionScenarios(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		f.ids = map[string]int64{"activity": f.mustActivity(t).ID}
		csvOK := "ma_nhiem_vu;trang_thai;ty_le;ngay;noi_dung\nIII.1;Đang thực hiện;40;15/06/2019;Đã tổ chức hội nghị\n"
		f.run(t, []scenario{
			// Log-in first, everywhere.
			{name: "anonymous dashboard", path: "/dashboard", status: http.StatusSeeOther, contains: []string{"/login?next=%2Fdashboard"}},
			{name: "anonymous task", path: "/tasks/{task}", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous activities", path: "/activities", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous attachment", path: "/attachments/1", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous progress post", method: "POST", path: "/tasks/{task}/progress", form: form("text", "x"), status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "home is the user's work", path: "/", who: "coordinator", status: http.StatusOK, contains: []string{"Việc của tôi", "Báo cáo chờ duyệt", `href="/dashboard"`}},

			// Dashboard.
			{name: "dashboard", path: "/dashboard", who: "coordinator", status: http.StatusOK,
				contains: []string{"<svg", `id="kpi-total"`, "Tiến độ theo mục của kế hoạch", "Hoạt động theo loại", `data-key="III.1"`, "Họp báo"}},
			{name: "dashboard by plan", path: "/dashboard?plan={plan}", who: "officer", status: http.StatusOK, contains: []string{"Tiến độ theo đơn vị", "Tiến trình thực hiện nhiệm vụ"}},
			{name: "dashboard missing plan", path: "/dashboard?plan=999999", who: "officer", status: http.StatusNotFound},
			{name: "dashboard english", path: "/dashboard", who: "officer", header: map[string]string{"Cookie": "lang=en; " + sessionCookie + "=" + f.sessions["officer"]},
				status: http.StatusOK, contains: []string{"Progress by plan item", "Activities by type"}},

			// Task page and progress updates.
			{name: "task page", path: "/tasks/{task}", who: "officer", status: http.StatusOK,
				contains: []string{"III.1", "Số ngày chưa cập nhật", "Chưa cập nhật lần nào", "Đóng góp của đơn vị phối hợp"}, absent: []string{`id="progress-form"`}},
			{name: "task page own unit has form", path: "/tasks/{task:III.6}", who: "officer", status: http.StatusOK,
				contains: []string{`id="progress-form"`, `enctype="multipart/form-data"`, `name="files"`}},
			{name: "task missing", path: "/tasks/999999", who: "officer", status: http.StatusNotFound},
			{name: "officer cannot add update to another unit's task", method: "POST", path: "/tasks/{task}/progress", who: "officer",
				form: form("text", "Cập nhật trái phép"), status: http.StatusForbidden},
			{name: "progress csrf missing", method: "POST", path: "/tasks/{task}/progress", who: "coordinator", form: form(csrfField, "", "text", "x"), status: http.StatusForbidden},
			{name: "progress bad date keeps text", method: "POST", path: "/tasks/{task}/progress", who: "coordinator",
				form: form("text", "Đã tổ chức tập huấn cho 40 cán bộ", "date", "31/02/2019"), status: http.StatusUnprocessableEntity,
				contains: []string{"Ngày &#34;31/02/2019&#34; không hợp lệ", "Đã tổ chức tập huấn cho 40 cán bộ"}},
			{name: "progress bad percent", method: "POST", path: "/tasks/{task}/progress", who: "coordinator",
				form: form("text", "x", "percent", "150"), status: http.StatusUnprocessableEntity, contains: []string{"từ 0 đến 100"}},
			{name: "progress future date", method: "POST", path: "/tasks/{task}/progress", who: "coordinator",
				form: form("text", "x", "date", "01/01/2030"), status: http.StatusUnprocessableEntity, contains: []string{"ở tương lai"}},
			{name: "progress added", method: "POST", path: "/tasks/{task}/progress", who: "coordinator",
				form: form("text", "Đã ban hành văn bản hướng dẫn", "status", "in_progress", "percent", "30"), status: http.StatusSeeOther, contains: []string{"/tasks/{task}#updates"}},
			{name: "task page shows update", path: "/tasks/{task}", who: "officer", status: http.StatusOK,
				contains: []string{"Đã ban hành văn bản hướng dẫn", "30%", "0 ngày"}},
			{name: "officer contributes as coordinating unit", method: "POST", path: "/tasks/{task:III.6}/progress", who: "officer",
				form: form("text", "Công an tỉnh đã phối hợp"), status: http.StatusSeeOther},

			// The plan's task list, bulk update, CSV.
			{name: "plan task list", path: "/plans/{plan}/tasks", who: "coordinator", status: http.StatusOK,
				contains: []string{`name="task"`, "bulk_status", "III.6", "format=csv"}},
			{name: "plan task list filtered", path: "/plans/{plan}/tasks?status=in_progress", who: "coordinator", status: http.StatusOK,
				contains: []string{"III.1"}, absent: []string{">III.6<"}},
			{name: "plan task list duties", path: "/plans/{plan}/tasks?kind=duty&q=V.15", who: "officer", status: http.StatusOK, contains: []string{"V.15.1"}},
			{name: "plan tasks csv", path: "/plans/{plan}/tasks?format=csv", who: "coordinator", status: http.StatusOK, contains: []string{"Mục,Nội dung nhiệm vụ", "III.1"}},
			{name: "plan tasks xlsx", path: "/plans/{plan}/tasks?format=xlsx", who: "coordinator", status: http.StatusOK, contains: []string{"PK"}},
			{name: "bulk nothing ticked", method: "POST", path: "/plans/{plan}/tasks/bulk", who: "coordinator", form: form("bulk_status", "done"),
				status: http.StatusUnprocessableEntity, contains: []string{"đánh dấu ít nhất một"}},
			{name: "bulk nothing to do", method: "POST", path: "/plans/{plan}/tasks/bulk", who: "coordinator", form: form("task", "{task}"),
				status: http.StatusUnprocessableEntity, contains: []string{"Hãy chọn trạng thái mới"}},
			{name: "bulk officer other unit", method: "POST", path: "/plans/{plan}/tasks/bulk", who: "officer",
				form: form("task", "{task}", "bulk_status", "done"), status: http.StatusForbidden},
			{name: "bulk ok", method: "POST", path: "/plans/{plan}/tasks/bulk", who: "coordinator",
				form: form("task", "{task:III.2}", "task", "{task:III.3}", "bulk_status", "in_progress", "bulk_text", "Đang triển khai"), status: http.StatusSeeOther},
			{name: "csv form", path: "/plans/{plan}/progress-csv", who: "coordinator", status: http.StatusOK, contains: []string{`name="file"`, "ma_nhiem_vu"}},
			{name: "csv template", path: "/plans/{plan}/progress-csv?template=1", who: "coordinator", status: http.StatusOK, contains: []string{"ma_nhiem_vu", "III.6"}},
			{name: "csv preview", method: "POST", path: "/plans/{plan}/progress-csv", who: "coordinator", form: form("csv", csvOK, "name", "cap-nhat.csv"),
				status: http.StatusOK, contains: []string{`id="confirm-form"`, "→", "40%"}},
			{name: "csv wrong columns", method: "POST", path: "/plans/{plan}/progress-csv", who: "coordinator", form: form("csv", "task;mau_sac\nIII.1;do\n"),
				status: http.StatusUnprocessableEntity, contains: []string{"không được hỗ trợ"}, absent: []string{`id="confirm-form"`}},
			{name: "csv unknown task", method: "POST", path: "/plans/{plan}/progress-csv", who: "coordinator", form: form("csv", "ma_nhiem_vu;ty_le\nIII.99;50\n"),
				status: http.StatusUnprocessableEntity, contains: []string{"III.99", `class="row-error"`}, absent: []string{`id="confirm-form"`}},
			{name: "csv confirm with errors", method: "POST", path: "/plans/{plan}/progress-csv/confirm", who: "coordinator", form: form("csv", "ma_nhiem_vu;ty_le\nIII.1;500\n"),
				status: http.StatusUnprocessableEntity, contains: []string{"0–100"}},
			{name: "csv confirm", method: "POST", path: "/plans/{plan}/progress-csv/confirm", who: "coordinator", form: form("csv", csvOK),
				status: http.StatusSeeOther, contains: []string{"/plans/{plan}/tasks"}},

			// Activities.
			{name: "activity list", path: "/activities", who: "officer", status: http.StatusOK, contains: []string{"Họp báo định kỳ quý II", "format=xlsx"}},
			{name: "activity list filter", path: "/activities?type=training", who: "officer", status: http.StatusOK, contains: []string{"Không có hoạt động nào phù hợp."}},
			{name: "activity list bad date", path: "/activities?from=32/13/2019", who: "officer", status: http.StatusUnprocessableEntity, contains: []string{"32/13/2019"}},
			{name: "activity csv", path: "/activities?format=csv", who: "officer", status: http.StatusOK, contains: []string{"Họp báo định kỳ quý II"}},
			{name: "activity xlsx", path: "/activities?format=xlsx", who: "officer", status: http.StatusOK, contains: []string{"PK"}},
			{name: "activity types", path: "/activities/new", who: "officer", status: http.StatusOK, contains: []string{"/activities/new?type=training"}},
			{name: "activity form training", path: "/activities/new?type=training", who: "officer", status: http.StatusOK, contains: []string{`name="att_unit"`, `name="expected"`}},
			{name: "activity view", path: "/activities/{activity}", who: "officer", status: http.StatusOK, contains: []string{"Phó Chủ tịch UBND tỉnh", "25"}},
			{name: "activity create bad date", method: "POST", path: "/activities/new", who: "coordinator",
				form:   form("type", "training", "title", "Tập huấn kỹ năng", "start", "hôm qua", "units", "{unit:so-tttt}", "classification", "internal"),
				status: http.StatusUnprocessableEntity, contains: []string{"không hợp lệ", `value="Tập huấn kỹ năng"`}},
			{name: "activity create training", method: "POST", path: "/activities/new", who: "coordinator",
				form: form("type", "training", "title", "Tập huấn nghiệp vụ TTĐN", "start", "10/05/2019", "units", "{unit:so-tttt}", "classification", "internal",
					"topic", "Kỹ năng phát ngôn", "att_unit", "{unit:cong-an}", "att_count", "3", "att_names", "", "expected", "{unit:cong-an}", "expected", "{unit:bdbp}"),
				status: http.StatusSeeOther, contains: []string{"/activities/"}},
			{name: "activity officer other unit", method: "POST", path: "/activities/new", who: "officer",
				form:   form("type", "fair", "title", "Hội chợ", "start", "10/05/2019", "units", "{unit:so-tttt}", "classification", "internal"),
				status: http.StatusForbidden},
			{name: "activity edit conflict keeps input", method: "POST", path: "/activities/{activity}/edit", who: "coordinator",
				form:   form("version", "0", "title", "Tên mới của tôi", "start", "20/06/2019", "units", "{unit:so-tttt}", "classification", "internal", "reporters", "30"),
				status: http.StatusConflict, contains: []string{"Tên mới của tôi", "Bấm Lưu lần nữa"[0:0] + "bấm Lưu lần nữa"}},
			{name: "channels", path: "/channels", who: "officer", status: http.StatusOK, contains: []string{`id="channel-list"`}, absent: []string{`id="channel-form"`}},
			{name: "channel create officer", method: "POST", path: "/channels", who: "officer", form: form("code", "trang-moi", "name", "Trang mới", "kind", "portal"), status: http.StatusForbidden},
			{name: "channel create bad url", method: "POST", path: "/channels", who: "coordinator", form: form("code", "trang-moi", "name", "Trang mới", "kind", "portal", "url", "ftp://x"),
				status: http.StatusUnprocessableEntity, contains: []string{"ftp://x", `value="Trang mới"`}},

			// Units: staleness and contacts.
			{name: "unit directory", path: "/units?q=cong+an", who: "officer", status: http.StatusOK, contains: []string{"Công an tỉnh"}},
			{name: "unit page contacts", path: "/units/{unit:cong-an}", who: "officer", status: http.StatusOK, contains: []string{"Cán bộ đầu mối", `action="/units/{unit:cong-an}/contacts"`, `id="unit-staleness"`}},
			{name: "unit tasks csv", path: "/units/{unit:so-tttt}?format=csv", who: "officer", status: http.StatusOK, contains: []string{"III.1"}},
			{name: "contact save", method: "POST", path: "/units/{unit:cong-an}/contacts", who: "officer",
				form: form("role", "spokesperson", "name", "Đại tá Nguyễn Văn A", "phone", "0276 3822 000"), status: http.StatusSeeOther},
			{name: "contact other unit", method: "POST", path: "/units/{unit:so-tttt}/contacts", who: "officer",
				form: form("role", "spokesperson", "name", "X"), status: http.StatusForbidden},
			{name: "contact bad email keeps input", method: "POST", path: "/units/{unit:cong-an}/contacts", who: "officer",
				form: form("role", "ttdn_officer", "name", "Thiếu tá Trần B", "email", "khong-hop-le"), status: http.StatusUnprocessableEntity, contains: []string{"Thiếu tá Trần B"}},

			// Notifications.
			{name: "notifications", path: "/notifications", who: "officer", status: http.StatusOK, contains: []string{"Thông báo"}},
			{name: "notifications read all", method: "POST", path: "/notifications/read-all", who: "officer", form: form(), status: http.StatusSeeOther},
		})
	})
}
