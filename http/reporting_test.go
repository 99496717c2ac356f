package http

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// reportRow is one value row of the unit report form, as the page sends it.
func reportRow(v url.Values, code, value, note string) url.Values {
	for k, x := range map[string]string{"row_code": code, "row_bd": "", "row_item": "", "row_new": "0", "row_value": value, "row_note": note} {
		v.Add(k, x)
	}
	return v
}

// reportForm builds a save (or submit) of the report at version with one
// value row and the results section.
func reportSave(version, action, code, value, note, results string) url.Values {
	return reportRow(form("version", version, "action", action, "results", results), code, value, note)
}

// TestReportingScenarios runs the scenario table of issue 4's pages on
// every engine: access by role, CSRF, the workflow, and bad input that
// must change nothing.
func TestReportingScenarios(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
		draft := f.mustReport(t, rp, "cong-an", "officer")
		sent := f.mustReport(t, rp, "so-ngoai-vu", "nv", ttdn.ActSubmit)
		f.ids["period"], f.ids["report"], f.ids["sent"] = rp.ID, draft.ID, sent.ID
		f.ids["unit_nv"] = f.units["so-ngoai-vu"].ID
		f.run(t, []scenario{
			// Log-in first.
			{name: "anonymous periods", path: "/reports", status: http.StatusSeeOther, contains: []string{"/login?next=%2Freports"}},
			{name: "anonymous period", path: "/reports/periods/{period}", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous report", path: "/reports/{report}", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous report post", method: "POST", path: "/reports/{report}", form: reportSave("1", "save", "documents_issued", "1", "", ""), status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous completeness", path: "/reports/completeness", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous indicators", path: "/reports/indicators", status: http.StatusSeeOther, contains: []string{"/login"}},
			{name: "anonymous export", path: "/reports/periods/{period}/consolidated/export/docx", status: http.StatusSeeOther, contains: []string{"/login"}},

			// CSRF on every form.
			{name: "report save without csrf", method: "POST", path: "/reports/{report}", who: "officer",
				form: form(csrfField, "", "version", "1", "action", "save"), status: http.StatusForbidden},
			{name: "open period without csrf", method: "POST", path: "/reports/periods/new", who: "coordinator",
				form: form(csrfField, "bad", "plan", "{plan}", "type", "year", "year", "2019"), status: http.StatusForbidden},
			{name: "review without csrf", method: "POST", path: "/reports/{sent}/review", who: "coordinator",
				form: form(csrfField, "", "action", "accept", "version", "2"), status: http.StatusForbidden},

			// Periods.
			{name: "period list", path: "/reports", who: "coordinator", status: http.StatusOK,
				contains: []string{"6 tháng đầu năm 2019", `id="open-period"`, "15/12/2018 – 14/06/2019", "20/06/2019"}},
			{name: "period list officer sees own draft", path: "/reports", who: "officer", status: http.StatusOK,
				contains: []string{"Dự thảo"}, absent: []string{`id="open-period"`}},
			{name: "open form defaults", path: "/reports/periods/new?plan={plan}", who: "coordinator", status: http.StatusOK,
				contains: []string{`value="15/12/2018"`, `value="14/06/2019"`, `value="20/06/2019"`, "Công an tỉnh", "Mở kỳ cho"}},
			{name: "open form year defaults", path: "/reports/periods/new?plan={plan}&type=year&year=2019&recompute=1", who: "coordinator", status: http.StatusOK,
				contains: []string{`value="14/12/2019"`, `value="05/12/2019"`, `value="năm 2019"`}},
			{name: "recompute opens nothing", method: "POST", path: "/reports/periods/new", who: "coordinator",
				form: form("plan", "{plan}", "type", "quarter", "year", "2019", "number", "3", "due_date", "01/01/2019", "recompute", "1"), status: http.StatusOK,
				contains: []string{`value="15/06/2019"`, `value="14/09/2019"`, `value="quý III năm 2019"`}, absent: []string{"01/01/2019"}},
			{name: "officer cannot open a period", method: "POST", path: "/reports/periods/new", who: "officer",
				form: form("plan", "{plan}", "type", "quarter", "year", "2019", "number", "3"), status: http.StatusForbidden},
			{name: "open with a bad date keeps input", method: "POST", path: "/reports/periods/new", who: "coordinator",
				form:   form("plan", "{plan}", "type", "quarter", "year", "2019", "number", "2", "name", "Quý hai thử nghiệm", "due_date", "31/02/2019"),
				status: http.StatusUnprocessableEntity, contains: []string{"không hợp lệ", "Quý hai thử nghiệm", "31/02/2019"}},
			{name: "open twice refused", method: "POST", path: "/reports/periods/new", who: "coordinator",
				form: form("plan", "{plan}", "type", "half_year", "year", "2019", "number", "1"), status: http.StatusConflict, contains: []string{"đã được mở"}},
			{name: "open quarter", method: "POST", path: "/reports/periods/new", who: "coordinator",
				form: form("plan", "{plan}", "type", "quarter", "year", "2019", "number", "2"), status: http.StatusSeeOther, contains: []string{"/reports/periods/"}},
			{name: "period page", path: "/reports/periods/{period}", who: "coordinator", status: http.StatusOK,
				contains: []string{"Công an tỉnh", "Sở Ngoại vụ", `id="kpi-expected"`, `id="reminders-note"`, `id="expected-form"`, "Đã gửi"}},
			{name: "period page officer sees own unit only", path: "/reports/periods/{period}", who: "officer", status: http.StatusOK,
				contains: []string{"Công an tỉnh"}, absent: []string{`data-unit="{unit_nv}"`, `id="expected-form"`}},
			{name: "period missing state filter", path: "/reports/periods/{period}?state=missing", who: "coordinator", status: http.StatusOK,
				contains: []string{"Công an tỉnh"}, absent: []string{`data-unit="{unit_nv}"`}},
			{name: "officer cannot change expected units", method: "POST", path: "/reports/periods/{period}/expected", who: "officer",
				form: form("remove", "{unit_nv}"), status: http.StatusForbidden},
			{name: "expected nothing chosen", method: "POST", path: "/reports/periods/{period}/expected", who: "coordinator",
				form: form(), status: http.StatusUnprocessableEntity, contains: []string{"Hãy chọn đơn vị"}},
			{name: "period edit bad date", method: "POST", path: "/reports/periods/{period}/edit", who: "coordinator",
				form:   form("version", "1", "name", "Kỳ thử", "cutoff_from", "15/12/2018", "cutoff_to", "14/06/2019", "due_date", "hôm qua", "status", "open"),
				status: http.StatusUnprocessableEntity, contains: []string{"hôm qua"}},

			// The unit report: sources, access, bad input.
			{name: "report with sources", path: "/reports/{report}", who: "officer", status: http.StatusOK,
				contains: []string{"Họp báo về an ninh biên giới", "/activities/{activity}", "Hệ thống tính", `id="attachments-note"`, `id="submit-report"`, `id="save-draft"`}},
			{name: "another unit cannot read the draft", path: "/reports/{report}", who: "nv", status: http.StatusNotFound},
			{name: "officer cannot read another unit's report", path: "/reports/{sent}", who: "officer", status: http.StatusNotFound},
			{name: "leader reads without buttons", path: "/reports/{sent}", who: "leader", status: http.StatusOK, absent: []string{`id="accept"`, `id="submit-report"`}},
			{name: "text in a count", method: "POST", path: "/reports/{report}", who: "officer",
				form: reportSave("1", "save", "press_conferences", "abc", "", "Đã tổ chức họp báo định kỳ"), status: http.StatusUnprocessableEntity,
				contains: []string{"phải là số nguyên", `value="abc"`, "Đã tổ chức họp báo định kỳ"}},
			{name: "negative count", method: "POST", path: "/reports/{report}", who: "officer",
				form: reportSave("1", "save", "documents_issued", "-3", "", ""), status: http.StatusUnprocessableEntity, contains: []string{"không được âm", `value="-3"`}},
			{name: "text in a VND field", method: "POST", path: "/reports/{report}", who: "officer",
				form: reportSave("1", "save", "budget_spent", "một triệu", "", ""), status: http.StatusUnprocessableEntity, contains: []string{"số tiền bằng đồng", "một triệu"}},
			{name: "correction needs a note", method: "POST", path: "/reports/{report}", who: "officer",
				form: reportSave("1", "save", "press_conferences", "5", "", ""), status: http.StatusUnprocessableEntity, contains: []string{"ghi chú lý do"}},
			{name: "stale version", method: "POST", path: "/reports/{report}", who: "officer",
				form: reportSave("99", "save", "documents_issued", "2", "", "Nội dung của tôi"), status: http.StatusConflict,
				contains: []string{"người khác thay đổi", "Nội dung của tôi"}},
			{name: "nothing changed by refusals", path: "/reports/{report}", who: "officer", status: http.StatusOK, absent: []string{"abc", "một triệu", "Nội dung của tôi"}},
			{name: "save draft", method: "POST", path: "/reports/{report}", who: "officer",
				form: reportSave("1", "save", "budget_spent", "1.500.000", "", "Kết quả sáu tháng"), status: http.StatusSeeOther, contains: []string{"/reports/{report}"}},
			{name: "draft kept", path: "/reports/{report}", who: "officer", status: http.StatusOK, contains: []string{`value="1.500.000"`, "Kết quả sáu tháng", "Dự thảo"}},
			{name: "submit", method: "POST", path: "/reports/{report}", who: "officer",
				form: reportSave("2", "submit", "budget_spent", "1.500.000", "", "Kết quả sáu tháng"), status: http.StatusSeeOther},
			{name: "submitted on time", path: "/reports/{report}", who: "officer", status: http.StatusOK,
				contains: []string{`class="ontime-mark"`, "Đã gửi"}, absent: []string{`id="late-mark"`, `id="report-form"`}},

			// Review.
			{name: "officer cannot accept", method: "POST", path: "/reports/{report}/review", who: "officer",
				form: form("action", "accept", "version", "4"), status: http.StatusForbidden, contains: []string{"Chỉ cơ quan điều phối"}},
			{name: "return needs a comment", method: "POST", path: "/reports/{report}/review", who: "coordinator",
				form: form("action", "return", "version", "4"), status: http.StatusUnprocessableEntity, contains: []string{"Hãy nêu ý kiến"}},
			{name: "return", method: "POST", path: "/reports/{report}/review", who: "coordinator",
				form: form("action", "return", "version", "4", "comment", "Bổ sung số liệu tập huấn"), status: http.StatusSeeOther},
			{name: "returned shows comment and resubmit", path: "/reports/{report}", who: "officer", status: http.StatusOK,
				contains: []string{"Bổ sung số liệu tập huấn", "Gửi lại báo cáo", `id="return-comment"`}},
			{name: "accept", method: "POST", path: "/reports/{sent}/review", who: "coordinator", form: form("action", "accept", "version", "2"), status: http.StatusSeeOther},
			{name: "locked state", path: "/reports/{sent}", who: "nv", status: http.StatusOK, contains: []string{`id="locked-note"`, "Đã tiếp nhận"}, absent: []string{`id="report-form"`}},
			{name: "submission after lock", method: "POST", path: "/reports/{sent}", who: "nv",
				form: reportSave("3", "submit", "documents_issued", "7", "", "Sửa sau khi khóa"), status: http.StatusUnprocessableEntity,
				contains: []string{"đã được tiếp nhận và khóa"}},
			{name: "reopen needs a reason", method: "POST", path: "/reports/{sent}/review", who: "coordinator", form: form("action", "reopen", "version", "3"),
				status: http.StatusUnprocessableEntity, contains: []string{"Hãy nêu ý kiến"}},
			{name: "unknown review action", method: "POST", path: "/reports/{sent}/review", who: "coordinator", form: form("action", "approve", "version", "3"),
				status: http.StatusUnprocessableEntity},

			// Completeness.
			{name: "completeness matrix", path: "/reports/completeness?plan={plan}", who: "coordinator", status: http.StatusOK,
				contains: []string{`id="matrix"`, "6T/2019", "Chưa nộp", "Đúng hạn", `id="legend"`}},
			{name: "completeness officer own row", path: "/reports/completeness", who: "officer", status: http.StatusOK,
				contains: []string{"Công an tỉnh"}, absent: []string{`data-unit="{unit_nv}"`}},
			{name: "completeness per unit", path: "/reports/completeness?unit={unit_nv}", who: "coordinator", status: http.StatusOK,
				contains: []string{`id="unit-years"`, "6 tháng đầu năm 2019"}},
			// The unit filter offers the units that report (another one too,
			// with one chosen), not the directory's central bodies.
			{name: "completeness unit choices", path: "/reports/completeness?unit={unit_nv}", who: "coordinator", status: http.StatusOK,
				contains: []string{`>Công an tỉnh Tây Ninh</option>`}, absent: []string{`>Bộ Chính trị</option>`}},
			{name: "completeness csv", path: "/reports/completeness?format=csv", who: "coordinator", status: http.StatusOK, contains: []string{"Đơn vị", "6T/2019"}},

			// Indicators.
			{name: "indicator catalogue", path: "/reports/indicators", who: "coordinator", status: http.StatusOK,
				contains: []string{"press_conferences", "Họp báo (sổ hoạt động)", `id="indicator-form"`}},
			{name: "officer sees catalogue without forms", path: "/reports/indicators", who: "officer", status: http.StatusOK, absent: []string{`id="indicator-form"`}},
			{name: "officer cannot add an indicator", method: "POST", path: "/reports/indicators", who: "officer",
				form: form("code", "x_y", "name", "Thử", "value_type", "count"), status: http.StatusForbidden},
			{name: "bad indicator code keeps input", method: "POST", path: "/reports/indicators", who: "coordinator",
				form: form("code", "Tin bài", "name", "Tin bài mới", "value_type", "count"), status: http.StatusUnprocessableEntity,
				contains: []string{"Mã chỉ tiêu", "Tin bài mới"}},
			{name: "add indicator", method: "POST", path: "/reports/indicators", who: "coordinator",
				form: form("code", "social_posts", "name", "Bài đăng mạng xã hội", "value_type", "count", "unit", "bài", "breakdowns", "channel"), status: http.StatusSeeOther},
			{name: "plan indicators", path: "/plans/{plan}/indicators", who: "coordinator", status: http.StatusOK, contains: []string{"Bài đăng mạng xã hội", `name="indicator"`}},
			{name: "plan indicators none chosen", method: "POST", path: "/plans/{plan}/indicators", who: "coordinator", form: form(), status: http.StatusUnprocessableEntity,
				contains: []string{"ít nhất một"}},

			// The consolidated report.
			{name: "consolidated", path: "/reports/periods/{period}/consolidated", who: "coordinator", status: http.StatusOK,
				contains: []string{"BÁO CÁO", `id="no-difficulties"`, "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2019", `id="cons-form"`, `id="export-docx"`}},
			{name: "officer cannot read the consolidated report", path: "/reports/periods/{period}/consolidated", who: "officer", status: http.StatusNotFound},
			{name: "leader reads it without forms", path: "/reports/periods/{period}/consolidated", who: "leader", status: http.StatusOK, absent: []string{`id="cons-form"`}},
			{name: "consolidated csv", path: "/reports/periods/{period}/consolidated/export/csv", who: "coordinator", status: http.StatusOK, contains: []string{"Chỉ tiêu"}},
			{name: "consolidated unknown format", path: "/reports/periods/{period}/consolidated/export/odt", who: "coordinator", status: http.StatusNotFound},
			{name: "issue with a bad number", method: "POST", path: "/reports/periods/{period}/consolidated/issue", who: "coordinator",
				form: form("version", "0", "number", "12/KH-SVHTTDL", "date", "05/07/2019"), status: http.StatusUnprocessableEntity, contains: []string{"không đúng dạng"}},
		})
	})
}

// TestReportingExportHeaders checks each consolidated file's type and a
// Vietnamese-safe attachment name.
func TestReportingExportHeaders(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
		f.mustReport(t, rp, "cong-an", "officer", ttdn.ActSubmit, ttdn.ActAccept)
		for format, ct := range consolidatedFormats {
			w := f.do(f.request("GET", "/reports/periods/"+itoa(rp.ID)+"/consolidated/export/"+format, "coordinator", nil))
			cd := w.Header().Get("Content-Disposition")
			if w.Code != http.StatusOK || w.Header().Get("Content-Type") != ct || w.Body.Len() == 0 {
				t.Errorf("%s: status %d, type %q, %d bytes", format, w.Code, w.Header().Get("Content-Type"), w.Body.Len())
			}
			want := `attachment; filename="B_o c_o t_ng h_p 6 th_ng __u n_m 2019.` + format + `"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20h%E1%BB%A3p%206%20th%C3%A1ng%20%C4%91%E1%BA%A7u%20n%C4%83m%202019.` + format
			if cd != want {
				t.Errorf("%s: Content-Disposition %q", format, cd)
			}
		}
	})
}

// rawKeyRE matches a catalog key shown instead of its text.
var rawKeyRE = regexp.MustCompile(`\b(ureport|compl|cons|period|ind|ind_source|narrative|report_status|report_action|period_type|period_status|value_type|breakdown)\.[a-z_]+`)

// TestReportingEnglish renders every reporting page in English (and in
// Vietnamese) and finds no raw catalog key, including the keys the
// templates build at run time.
func TestReportingEnglish(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
		r := f.mustReport(t, rp, "cong-an", "officer", ttdn.ActSubmit, ttdn.ActReturn)
		id, p := itoa(rp.ID), itoa(f.plan.ID)
		for _, path := range []string{"/reports", "/reports/periods/new?plan=" + p, "/reports/periods/" + id, "/reports/" + itoa(r.ID),
			"/reports/completeness", "/reports/completeness?unit=" + itoa(f.units["cong-an"].ID), "/reports/indicators?retired=1",
			"/plans/" + p + "/indicators", "/reports/periods/" + id + "/consolidated"} {
			for _, lang := range []string{langEN, langVI} {
				req := f.request("GET", path, "coordinator", nil)
				req.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
				w := f.do(req)
				if w.Code != http.StatusOK {
					t.Fatalf("%s (%s): %d", path, lang, w.Code)
				}
				if m := rawKeyRE.FindString(w.Body.String()); m != "" {
					t.Errorf("%s (%s) shows the raw key %q", path, lang, m)
				}
			}
		}
	})
}
