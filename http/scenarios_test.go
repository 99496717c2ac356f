package http

import (
	"net/http"
	"net/url"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// TestScenarios runs the HTTP scenario table on every engine: the real
// server on real data, through httptest.
func TestScenarios(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		f.run(t, []scenario{
			// Anonymous visitors go to the log-in page; the API answers 401.
			{name: "anonymous plans", path: "/plans", status: http.StatusSeeOther, contains: []string{"/login?next=%2Fplans"}},
			{name: "anonymous home", path: "/", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "login page", path: "/login", status: http.StatusOK, contains: []string{`name="csrf_token"`, "Đăng nhập"}},
			{name: "anonymous api", path: "/api/v1/plans", status: http.StatusUnauthorized, contains: []string{`"code": "unauthorized"`, `"message"`}},
			{name: "bad token api", path: "/api/v1/plans", header: map[string]string{"Authorization": "Bearer nope"}, status: http.StatusUnauthorized, contains: []string{`"unauthorized"`}},
			{name: "health", path: "/healthz", status: http.StatusOK, contains: []string{"ok"}},
			{name: "openapi", path: "/api/v1/openapi.json", status: http.StatusOK, contains: []string{`"openapi": "3.1.0"`, "/tasks"}},
			{name: "asset", path: "/assets/style.css", status: http.StatusOK, contains: []string{"--navy"}},
			{name: "unknown page", path: "/no-such-page", who: "coordinator", status: http.StatusNotFound, contains: []string{"Không tìm thấy trang"}},

			// Log-in: one message for every failure, the username kept.
			{name: "login wrong password", method: "POST", path: "/login", form: form("username", "coordinator", "password", "sai-mat-khau-roi", csrfField, fixedCSRF),
				header: map[string]string{"Cookie": csrfCookie + "=" + fixedCSRF}, status: http.StatusUnauthorized,
				contains: []string{"Tên đăng nhập hoặc mật khẩu không đúng.", `value="coordinator"`}},
			{name: "login unknown user", method: "POST", path: "/login", form: form("username", "khong-co", "password", testPassword, csrfField, fixedCSRF),
				header: map[string]string{"Cookie": csrfCookie + "=" + fixedCSRF}, status: http.StatusUnauthorized,
				contains: []string{"Tên đăng nhập hoặc mật khẩu không đúng."}},
			{name: "login without csrf", method: "POST", path: "/login", form: form("username", "coordinator", "password", testPassword, csrfField, ""),
				status: http.StatusForbidden, contains: []string{"Biểu mẫu đã hết hạn"}},
			{name: "login ok", method: "POST", path: "/login", form: form("username", "coordinator", "password", testPassword, csrfField, fixedCSRF, "next", "/units"),
				header: map[string]string{"Cookie": csrfCookie + "=" + fixedCSRF}, status: http.StatusSeeOther, contains: []string{"/units"}},

			// CSRF: a missing or wrong token, or a cross-site request, is refused.
			{name: "csrf missing", method: "POST", path: "/tasks/{task}/edit", who: "coordinator", form: form(csrfField, "", "title", "x"),
				status: http.StatusForbidden, contains: []string{"Biểu mẫu đã hết hạn"}},
			{name: "csrf wrong", method: "POST", path: "/tasks/{task}/edit", who: "coordinator", form: form(csrfField, "abc", "title", "x"),
				status: http.StatusForbidden},
			{name: "csrf cross-site", method: "POST", path: "/tasks/{task}/edit", who: "coordinator", form: form("title", "x"),
				header: map[string]string{"Sec-Fetch-Site": "cross-site"}, status: http.StatusForbidden},
			{name: "csrf foreign origin", method: "POST", path: "/logout", who: "coordinator", form: form(),
				header: map[string]string{"Origin": "https://evil.example"}, status: http.StatusForbidden},

			// Pages.
			{name: "plan list", path: "/plans", who: "coordinator", status: http.StatusOK,
				contains: []string{"Công tác thông tin đối ngoại tỉnh Tây Ninh năm 2019", "2019", `href="/plans/{plan}"`}},
			{name: "plan list filter none", path: "/plans?year=2020", who: "coordinator", status: http.StatusOK, contains: []string{"Không có kế hoạch nào phù hợp."}},
			{name: "plan list search folded", path: "/plans?q=tay+ninh", who: "officer", status: http.StatusOK, contains: []string{`href="/plans/{plan}"`}},
			{name: "plan view", path: "/plans/{plan}", who: "officer", status: http.StatusOK,
				contains: []string{"Quyết định số 368/QĐ-TTg ngày 28/02/2013", "III.6", "V.15", "20/06", "05/12", "Nguyễn Thanh Ngọc", `href="/units/{unit:so-tttt}"`}},
			{name: "plan view by unit", path: "/plans/{plan}?view=units", who: "officer", status: http.StatusOK,
				contains: []string{`class="unit-block"`, "Chủ trì", "Phối hợp"}},
			{name: "plan view english", path: "/plans/{plan}", who: "officer", header: map[string]string{"Cookie": "lang=en; " + sessionCookie + "=" + f.sessions["officer"]},
				status: http.StatusOK, contains: []string{"Legal bases", "Lead unit", "Log out"}},
			{name: "plan missing", path: "/plans/999999", who: "officer", status: http.StatusNotFound},
			{name: "plan bad id", path: "/plans/abc", who: "officer", status: http.StatusNotFound},
			{name: "unit list search folded", path: "/units?q=so+thong+tin", who: "officer", status: http.StatusOK, contains: []string{"Sở Thông tin và Truyền thông"}},
			{name: "unit list kind", path: "/units?kind=police", who: "officer", status: http.StatusOK, contains: []string{"Công an tỉnh"}, absent: []string{"Sở Tài chính"}},
			{name: "unit page", path: "/units/{unit:so-tttt}", who: "officer", status: http.StatusOK,
				contains: []string{"Sở Văn hóa, Thể thao và Du lịch", "III.1", "III.2", "Phối hợp"}},
			{name: "unit page via group", path: "/units/{unit:so-tai-chinh}", who: "officer", status: http.StatusOK,
				contains: []string{"III.1", "qua nhóm: Các sở, ban, ngành tỉnh"}},
			{name: "unit page plan selector", path: "/units/{unit:so-tttt}?plan=999999", who: "officer", status: http.StatusOK,
				contains: []string{`<select id="unit-plan" name="plan">`, " selected>2019", "III.1"}},

			// Roles.
			{name: "officer cannot import", path: "/plans/import", who: "officer", status: http.StatusForbidden},
			{name: "officer cannot edit plan", method: "POST", path: "/plans/{plan}/edit", who: "officer",
				form: form("version", "1", "title", "x", "year", "2019"), status: http.StatusForbidden},
			{name: "officer cannot see users", path: "/users", who: "officer", status: http.StatusForbidden},
			{name: "officer cannot edit another unit's task", path: "/tasks/{task}/edit", who: "officer", status: http.StatusForbidden},
			{name: "officer cannot post another unit's task", method: "POST", path: "/tasks/{task}/edit", who: "officer",
				form: form("version", "1", "title", "Sửa trái phép", "status", "done"), status: http.StatusForbidden},
			{name: "officer may not rewrite own unit's task", path: "/tasks/{task:III.6}/edit", who: "officer", status: http.StatusForbidden},
			{name: "coordinator edits a task form", path: "/tasks/{task:III.6}/edit", who: "coordinator", status: http.StatusOK, contains: []string{`name="percent"`, `name="classification"`}},
			{name: "coordinator task form", path: "/tasks/{task}/edit", who: "coordinator", status: http.StatusOK, contains: []string{`name="version"`, `name="lead"`}},
			{name: "admin users", path: "/users", who: "admin", status: http.StatusOK, contains: []string{"coordinator", "officer"}},
			{name: "admin new user form", path: "/users/new", who: "admin", status: http.StatusOK, contains: []string{`name="password"`}},
			{name: "admin create user bad password", method: "POST", path: "/users/new", who: "admin",
				form:   form("username", "can-bo-moi", "name", "Cán bộ mới", "role", "coordinator", "password", "ngan"),
				status: http.StatusUnprocessableEntity, contains: []string{"ít nhất 10 ký tự", `value="can-bo-moi"`, `value="Cán bộ mới"`}},
			{name: "admin create user", method: "POST", path: "/users/new", who: "admin",
				form:   form("username", "can-bo-moi", "name", "Cán bộ mới", "role", "coordinator", "password", "mot-mat-khau-dai"),
				status: http.StatusSeeOther, contains: []string{"/users"}},

			// API.
			{name: "api plans", path: "/api/v1/plans?year=2019", who: bearer, status: http.StatusOK, contains: []string{`"items": [`, `"total": 1`, `"number"`}},
			{name: "api plan", path: "/api/v1/plans/{plan}", who: bearer, status: http.StatusOK,
				contains: []string{`"tasks": [`, `"responsibilities": [`, `"legal_bases": [`, `"report_schedule"`, `"executing"`}},
			{name: "api plan missing", path: "/api/v1/plans/999999", who: bearer, status: http.StatusNotFound, contains: []string{`"code": "not_found"`}},
			{name: "api units", path: "/api/v1/units?q=cong+an", who: bearer, status: http.StatusOK, contains: []string{`"items"`, "Công an tỉnh"}},
			{name: "api tasks by unit", path: "/api/v1/tasks?unit={unit:so-tttt}&role=executing", who: bearer, status: http.StatusOK, contains: []string{`"ref": "III.1"`}},
			{name: "api tasks bad role", path: "/api/v1/tasks?role=boss", who: bearer, status: http.StatusBadRequest, contains: []string{`"code": "invalid"`}},
			{name: "api unknown", path: "/api/v1/nothing", who: bearer, status: http.StatusNotFound, contains: []string{`"not_found"`}},
			{name: "api ignores cookies", path: "/api/v1/plans", who: "coordinator", status: http.StatusUnauthorized},
		})
	})
}

const fixedCSRF = "0123456789abcdef0123456789abcdef0123"
