package http

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// step sends one request as who and checks its status; it returns the
// body and the redirect's target.
func (f *fixture) step(t *testing.T, method, path, who string, form url.Values, status int) (string, string) {
	t.Helper()
	if form != nil { // request adds who's CSRF token: a form reused by another user must not carry it
		form = cloneValues(form)
	}
	w := f.do(f.request(method, path, who, form))
	if w.Code != status {
		t.Fatalf("%s %s as %q: status %d, want %d\n%s", method, path, who, w.Code, status, snippet(w.Body.String()))
	}
	return w.Body.String(), w.Header().Get("Location")
}

var (
	caseLocation     = regexp.MustCompile(`^/cases/(\d+)`)
	responseLocation = regexp.MustCompile(`#response-(\d+)$`)
)

// TestCaseScenario takes the hand-made Mộc Bài item from the review queue
// to a published response over HTTP: the queue offers to open a case, the
// monitor opens, assesses and assigns it to Công an tỉnh, the unit's
// officer drafts and submits a press release, a coordinator approves it
// (the officer may not), the officer marks it published; the case page,
// its report (DOCX, PDF), the list and its export show it. People the case
// does not involve never see it, and refused steps change nothing.
func TestCaseScenario(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		open := "/cases/new?article=" + itoa(item.ID)
		body, _ := f.step(t, "GET", "/press/review", "monitor", nil, http.StatusOK)
		if !strings.Contains(body, `href="`+attrURL(open)+`"`) {
			t.Fatalf("the review queue does not offer to open a case for the item")
		}
		f.step(t, "GET", open, "officer", nil, http.StatusForbidden)
		body, _ = f.step(t, "GET", open, "monitor", nil, http.StatusOK)
		if !strings.Contains(body, item.Title) {
			t.Fatal("the form does not show the item it opens from")
		}
		_, loc := f.step(t, "POST", "/cases/new", "monitor", form("article", itoa(item.ID), "classification", "internal"), http.StatusSeeOther)
		m := caseLocation.FindStringSubmatch(loc)
		if m == nil {
			t.Fatalf("opened to %q", loc)
		}
		page := "/cases/" + m[1]
		body, _ = f.step(t, "GET", "/press/review", "monitor", nil, http.StatusOK)
		if strings.Contains(body, `href="`+attrURL(open)+`"`) || !strings.Contains(body, `data-case-id="`+m[1]+`"`) {
			t.Error("the queue still offers a second case, or does not link the open one")
		}
		body, _ = f.step(t, "POST", "/cases/new", "monitor", form("article", itoa(item.ID), "classification", "internal"), http.StatusConflict)
		if !strings.Contains(body, "đã có vụ việc đang xử lý") {
			t.Errorf("second case: %s", snippet(body))
		}
		f.step(t, "GET", page, "officer", nil, http.StatusNotFound) // not involved yet
		f.step(t, "GET", page, "finance", nil, http.StatusNotFound)

		// Assessment and assignment by the monitor; an empty verdict is refused.
		assess := form("version", "1", "claim", "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn.", "verdict", "", "severity", "high",
			"topic", "border", "classification", "internal")
		body, _ = f.step(t, "POST", page+"/assess", "monitor", assess, http.StatusUnprocessableEntity)
		if !strings.Contains(body, "Hãy chọn kết luận") || !strings.Contains(body, "vô thời hạn") {
			t.Errorf("refused assessment: the message or what was typed is missing: %s", snippet(body))
		}
		assess.Set("verdict", "false")
		f.step(t, "POST", page+"/assess", "officer", assess, http.StatusNotFound)
		f.step(t, "POST", page+"/assess", "monitor", assess, http.StatusSeeOther)
		f.step(t, "POST", page+"/assign", "monitor", form("version", "2", "lead", itoa(f.units["cong-an"].ID),
			"coordinating", itoa(f.units["bdbp"].ID)), http.StatusSeeOther)

		// The officer's home lists the case the unit now works on.
		caseLink := `href="` + page + `"`
		if body, _ = f.step(t, "GET", "/", "officer", nil, http.StatusOK); !strings.Contains(body, caseLink) ||
			!strings.Contains(body, "Vụ việc cần phản bác đơn vị tham gia") {
			t.Errorf("the officer's home does not list the assigned case: %s", snippet(body))
		}

		// The lead unit's officer drafts and submits.
		body, _ = f.step(t, "GET", page, "officer", nil, http.StatusOK)
		if !strings.Contains(body, `id="response-new"`) || strings.Contains(body, `id="assess-form"`) {
			t.Error("the lead officer should draft responses, not assess")
		}
		_, loc = f.step(t, "POST", page+"/responses", "officer", form("kind", "press_release", "title", "Thông cáo về cửa khẩu Mộc Bài",
			"body", "Cửa khẩu Mộc Bài vẫn hoạt động bình thường.", "classification", "internal"), http.StatusSeeOther)
		rm := responseLocation.FindStringSubmatch(loc)
		if rm == nil {
			t.Fatalf("drafted to %q", loc)
		}
		resp := "/case-responses/" + rm[1]
		f.step(t, "POST", resp, "officer", form("version", "1", "case", m[1], "step", "submit", "kind", "press_release",
			"title", "Thông cáo về cửa khẩu Mộc Bài", "body", "Cửa khẩu Mộc Bài vẫn hoạt động bình thường.", "classification", "internal"),
			http.StatusSeeOther)
		f.step(t, "POST", resp+"/review", "officer", form("version", "2", "case", m[1], "decision", "approve"), http.StatusForbidden)
		// The drafted response waits on the approvers' homes, and leaves them once approved.
		for _, who := range []string{"coordinator", "leader"} {
			if body, _ = f.step(t, "GET", "/", who, nil, http.StatusOK); !strings.Contains(body, "Phản hồi vụ việc chờ duyệt") || !strings.Contains(body, caseLink) {
				t.Errorf("%s's home does not list the response to approve: %s", who, snippet(body))
			}
		}
		f.step(t, "POST", resp+"/review", "coordinator", form("version", "2", "case", m[1], "decision", "approve"), http.StatusSeeOther)
		if body, _ = f.step(t, "GET", "/", "leader", nil, http.StatusOK); strings.Contains(body, "Phản hồi vụ việc chờ duyệt") {
			t.Error("an approved response still waits on the leader's home")
		}
		publish := form("version", "3", "case", m[1], "where", "Cổng thông tin điện tử tỉnh", "url", "https://tayninh.example/tin/1",
			"date", "15/11/2025", "time", "25:99")
		body, _ = f.step(t, "POST", resp+"/publish", "officer", publish, http.StatusUnprocessableEntity)
		if !strings.Contains(body, "25:99") || !strings.Contains(body, "Cổng thông tin điện tử tỉnh") {
			t.Errorf("refused publication lost what was typed: %s", snippet(body))
		}
		publish.Set("time", "09:02")
		f.step(t, "POST", resp+"/publish", "officer", publish, http.StatusSeeOther)

		body, _ = f.step(t, "GET", page, "coordinator", nil, http.StatusOK)
		for _, want := range []string{`data-stage="published"`, "23 giờ 2 phút", "Cổng thông tin điện tử tỉnh", "Công an tỉnh"} {
			if !strings.Contains(body, want) {
				t.Errorf("case page lacks %q", want)
			}
		}
		docx := f.do(f.request("GET", page+"/report/docx", "leader", nil))
		pdf := f.do(f.request("GET", page+"/report/pdf", "leader", nil))
		if docx.Code != http.StatusOK || !bytes.HasPrefix(docx.Body.Bytes(), []byte("PK")) || !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF")) {
			t.Errorf("report: DOCX %d, PDF %q", docx.Code, pdf.Body.Bytes()[:min(8, pdf.Body.Len())])
		}
		f.step(t, "GET", page+"/report/docx", "finance", nil, http.StatusNotFound)
		body, _ = f.step(t, "GET", "/cases?verdict=false", "leader", nil, http.StatusOK)
		if !strings.Contains(body, `data-case-id="`+m[1]+`"`) || !strings.Contains(body, `id="kpi-avg">23 giờ 2 phút`) {
			t.Errorf("the list or its figures lack the case: %s", snippet(body))
		}
		if body, _ = f.step(t, "GET", "/cases", "finance", nil, http.StatusOK); strings.Contains(body, `data-case-id="`+m[1]+`"`) {
			t.Error("finance lists an internal case it is not involved in")
		}
		csv, _ := f.step(t, "GET", "/cases?format=csv", "coordinator", nil, http.StatusOK)
		if !strings.Contains(csv, "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn.") || !strings.Contains(csv, "1382") {
			t.Errorf("CSV export: %s", csv)
		}
		xlsx := f.do(f.request("GET", "/cases?format=xlsx", "coordinator", nil))
		if !bytes.HasPrefix(xlsx.Body.Bytes(), []byte("PK")) {
			t.Error("the XLSX export is not a workbook")
		}
		en := f.request("GET", page, "coordinator", nil)
		en.AddCookie(&http.Cookie{Name: langCookie, Value: langEN})
		if w := f.do(en); !strings.Contains(w.Body.String(), "Response published") || !strings.Contains(w.Body.String(), "23 h 2 min") {
			t.Error("the English case page is not in English")
		}
	})
}

// TestCaseByHandWithEvidence opens a case for a Facebook post with a
// screenshot through the multipart form; a form without the claim keeps
// what was typed and stores nothing.
func TestCaseByHandWithEvidence(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		send := func(claim string) *httptest.ResponseRecorder {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			for k, v := range map[string]string{"csrf_token": sessionCSRF(f.sessions["monitor"]), "claim": claim, "url": "https://facebook.example/p/1",
				"platform": "Facebook", "source_title": "Bài đăng về biên giới", "classification": "internal",
				"detected_date": "15/11/2025", "detected_time": "07:45"} {
				_ = mw.WriteField(k, v)
			}
			fw, _ := mw.CreateFormFile("files", "anh-chup.png")
			fw.Write(append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 32)...))
			mw.Close()
			r := httptest.NewRequest("POST", "/cases/new", &buf)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions["monitor"]})
			return f.do(r)
		}
		if w := send(""); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Bài đăng về biên giới") {
			t.Fatalf("no claim: %d %s", w.Code, snippet(w.Body.String()))
		}
		if body, _ := f.step(t, "GET", "/cases", "coordinator", nil, http.StatusOK); strings.Contains(body, "data-case-id") {
			t.Fatal("a refused case was stored")
		}
		w := send("Tây Ninh cấm người dân qua lại biên giới.")
		m := caseLocation.FindStringSubmatch(w.Header().Get("Location"))
		if w.Code != http.StatusSeeOther || m == nil {
			t.Fatalf("by hand: %d %s", w.Code, snippet(w.Body.String()))
		}
		body, _ := f.step(t, "GET", "/cases/"+m[1], "coordinator", nil, http.StatusOK)
		for _, want := range []string{"anh-chup.png", "15/11/2025 07:45", "Facebook", "https://facebook.example/p/1", "Vụ việc mở thủ công"} {
			if !strings.Contains(body, want) {
				t.Errorf("the case page lacks %q", want)
			}
		}
		file := regexp.MustCompile(`/cases/` + m[1] + `/files/(\d+)`).FindString(body)
		if w := f.do(f.request("GET", file, "coordinator", nil)); w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" {
			t.Errorf("evidence download: %d %s", w.Code, w.Header().Get("Content-Type"))
		}
		f.step(t, "GET", file, "officer", nil, http.StatusNotFound)
	})
}

// attrURL escapes a URL as html/template writes it in an attribute.
func attrURL(s string) string { return strings.ReplaceAll(s, "&", "&amp;") }

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, list := range v {
		out[k] = append([]string(nil), list...)
	}
	return out
}
