package http

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// testPDF returns a small, well-formed one-page PDF saying text.
func testPDF(text string) []byte {
	var b bytes.Buffer
	stream := fmt.Sprintf("BT /F1 18 Tf 20 100 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// upload posts a progress update with files as who.
func (f *fixture) uploadEvidence(t *testing.T, taskID int64, who string, fields map[string]string, files map[string][]byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField(csrfField, sessionCSRF(f.sessions[who]))
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("files", name)
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/tasks/"+itoa(taskID)+"/progress", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	return f.do(r)
}

func (f *fixture) task(ref string) *ttdn.Task {
	for _, t := range f.plan.Tasks {
		if t.Ref == ref {
			return t
		}
	}
	panic("no task " + ref)
}

// lastAttachment returns the newest attachment of the task's updates.
func (f *fixture) lastAttachment(t *testing.T, taskID int64) *ttdn.Attachment {
	t.Helper()
	ups, _, err := sqlstore.NewProgressService(f.db).FindProgressUpdates(sqltest.SystemContext(), ttdn.ProgressFilter{TaskID: &taskID})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range ups {
		if len(u.Attachments) > 0 {
			return u.Attachments[0]
		}
	}
	t.Fatal("no attachment stored")
	return nil
}

// TestEvidence records progress with files: a real PDF is stored and served
// as a download; a disguised or oversized file is refused with the typed
// text kept and nothing stored; a secret task's file is invisible to a unit
// officer of another unit.
func TestEvidence(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		own := f.task("III.6") // Công an tỉnh takes part
		w := f.uploadEvidence(t, own.ID, "officer", map[string]string{"text": "Đã tổ chức hội nghị", "percent": "50"},
			map[string][]byte{"bien-ban hội nghị.pdf": testPDF("Bien ban")})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("upload: %d %s", w.Code, snippet(w.Body.String()))
		}
		a := f.lastAttachment(t, own.ID)
		w = f.do(f.request(http.MethodGet, "/attachments/"+itoa(a.ID), "officer", nil))
		h := w.Header()
		if w.Code != http.StatusOK || h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !strings.Contains(h.Get("Content-Disposition"), "h%E1%BB%99i") ||
			!bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF-")) {
			t.Fatalf("download: %d %v", w.Code, h)
		}
		page := f.do(f.request(http.MethodGet, "/tasks/"+itoa(own.ID), "officer", nil)).Body.String()
		if !strings.Contains(page, `href="/attachments/`+itoa(a.ID)+`"`) {
			t.Error("task page lacks the download link")
		}

		before := f.updateCount(t, own.ID)
		w = f.uploadEvidence(t, own.ID, "officer", map[string]string{"text": "Nội dung tôi đã gõ"},
			map[string][]byte{"bao-cao.pdf": []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "HTML") || !strings.Contains(w.Body.String(), "Nội dung tôi đã gõ") {
			t.Errorf("disguised HTML: %d %s", w.Code, snippet(w.Body.String()))
		}
		limit := int64(1 << 10)
		if _, err := sqlstore.NewSettingsService(db).UpdateSettings(sqltest.SystemContext(), ttdn.SettingsUpdate{AttachmentMaxBytes: &limit}); err != nil {
			t.Fatal(err)
		}
		big := append(testPDF("Lon"), bytes.Repeat([]byte("%"), 4<<10)...)
		w = f.uploadEvidence(t, own.ID, "officer", map[string]string{"text": "Tệp lớn"}, map[string][]byte{"lon.pdf": big})
		if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "quá lớn") || !strings.Contains(w.Body.String(), "Tệp lớn") {
			t.Errorf("oversized: %d %s", w.Code, snippet(w.Body.String()))
		}
		if n := f.updateCount(t, own.ID); n != before {
			t.Errorf("refused uploads stored updates: %d → %d", before, n)
		}

		// A secret task of another unit: its evidence does not exist for the officer.
		other := f.task("III.1")
		w = f.uploadEvidence(t, other.ID, "coordinator", map[string]string{"text": "Tài liệu mật"}, map[string][]byte{"mat.pdf": testPDF("Mat")})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("coordinator upload: %d %s", w.Code, snippet(w.Body.String()))
		}
		secret := ttdn.Secret
		cur, _ := sqlstore.NewTaskService(db).FindTaskByID(sqltest.SystemContext(), other.ID)
		if _, err := sqlstore.NewTaskService(db).UpdateTask(sqltest.SystemContext(), other.ID, ttdn.TaskUpdate{Version: cur.Version, Classification: &secret}); err != nil {
			t.Fatal(err)
		}
		sa := f.lastAttachment(t, other.ID)
		if w := f.do(f.request(http.MethodGet, "/attachments/"+itoa(sa.ID), "officer", nil)); w.Code != http.StatusNotFound {
			t.Errorf("officer read a secret attachment: %d", w.Code)
		}
		if w := f.do(f.request(http.MethodGet, "/attachments/"+itoa(sa.ID), "coordinator", nil)); w.Code != http.StatusOK {
			t.Errorf("coordinator cannot read the secret attachment: %d", w.Code)
		}
	})
}

func (f *fixture) updateCount(t *testing.T, taskID int64) int {
	_, n, err := sqlstore.NewProgressService(f.db).FindProgressUpdates(sqltest.SystemContext(), ttdn.ProgressFilter{TaskID: &taskID})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPlanLifecycleScenarios walks the seed plan through its life: issue,
// amend with a reason, close, copy to next year, and the tree of links.
func TestPlanLifecycleScenarios(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		v := itoa(int64(f.plan.Version))
		next := itoa(int64(f.plan.Version + 1))
		f.run(t, []scenario{
			{name: "draft shows issue form", path: "/plans/{plan}", who: "coordinator", status: http.StatusOK, contains: []string{`action="/plans/{plan}/issue"`, `action="/plans/{plan}/copy"`}},
			{name: "officer sees no lifecycle", path: "/plans/{plan}", who: "officer", status: http.StatusOK, absent: []string{`action="/plans/{plan}/issue"`}},
			{name: "officer cannot issue", method: "POST", path: "/plans/{plan}/issue", who: "officer",
				form: form("version", v, "number", "79/KH-UBND", "issued_on", "10/01/2019", "signer", "Nguyễn Thanh Ngọc"), status: http.StatusForbidden},
			{name: "issue without number", method: "POST", path: "/plans/{plan}/issue", who: "coordinator",
				form: form("version", v, "number", "", "issued_on", "10/01/2019", "signer", "Nguyễn Thanh Ngọc"), status: http.StatusUnprocessableEntity,
				contains: []string{"cần số, ký hiệu", `value="Nguyễn Thanh Ngọc"`}},
			{name: "issue bad date", method: "POST", path: "/plans/{plan}/issue", who: "coordinator",
				form: form("version", v, "number", "79/KH-UBND", "issued_on", "10/13/2019", "signer", "Nguyễn Thanh Ngọc"), status: http.StatusUnprocessableEntity},
			{name: "issue", method: "POST", path: "/plans/{plan}/issue", who: "coordinator",
				form: form("version", v, "number", "79/KH-UBND", "issued_on", "10/01/2019", "signer", "Nguyễn Thanh Ngọc"), status: http.StatusSeeOther},
			{name: "issued plan edit is an amendment", path: "/plans/{plan}/edit", who: "coordinator", status: http.StatusOK, contains: []string{`name="reason"`, `name="amend"`}},
			{name: "amend without reason", method: "POST", path: "/plans/{plan}/edit", who: "coordinator",
				form: form("amend", "1", "version", next, "title", "Kế hoạch điều chỉnh", "year", "2019", "classification", "internal"), status: http.StatusUnprocessableEntity,
				contains: []string{"Kế hoạch điều chỉnh"}},
			{name: "free edit of issued plan refused", method: "POST", path: "/plans/{plan}/edit", who: "coordinator",
				form: form("version", next, "title", "Sửa thẳng", "year", "2019", "classification", "internal"), status: http.StatusUnprocessableEntity, contains: []string{"điều chỉnh"}},
			{name: "amend", method: "POST", path: "/plans/{plan}/edit", who: "coordinator",
				form: form("amend", "1", "reason", "Bổ sung nhiệm vụ theo chỉ đạo", "version", next, "number", "79/KH-UBND", "issued_on", "10/01/2019", "signer", "Nguyễn Thanh Ngọc",
					"title", "Công tác thông tin đối ngoại tỉnh Tây Ninh năm 2019 (điều chỉnh)", "year", "2019", "classification", "internal"), status: http.StatusSeeOther},
			{name: "history", path: "/plans/{plan}", who: "officer", status: http.StatusOK, contains: []string{"Lịch sử kế hoạch", "Bổ sung nhiệm vụ theo chỉ đạo", "Ban hành"}},
			{name: "links", method: "POST", path: "/plans/{plan}/links", who: "coordinator", form: form("links", "235/KH-UBND | Kế hoạch TTĐN giai đoạn 2017-2020\n#abc"),
				status: http.StatusUnprocessableEntity, contains: []string{"#abc"}},
			{name: "links ok", method: "POST", path: "/plans/{plan}/links", who: "coordinator", form: form("links", "235/KH-UBND | Kế hoạch TTĐN giai đoạn 2017-2020"), status: http.StatusSeeOther},
			{name: "tree", path: "/plans/{plan}/tree", who: "officer", status: http.StatusOK, contains: []string{"235/KH-UBND", "Các kế hoạch triển khai"}},
			{name: "plan shows implements", path: "/plans/{plan}", who: "officer", status: http.StatusOK, contains: []string{"Triển khai thực hiện", "235/KH-UBND"}},
			{name: "copy bad year", method: "POST", path: "/plans/{plan}/copy", who: "coordinator", form: form("year", "năm sau"), status: http.StatusUnprocessableEntity},
			{name: "copy", method: "POST", path: "/plans/{plan}/copy", who: "coordinator", form: form("year", "2020"), status: http.StatusSeeOther, contains: []string{"/plans/"}},
			{name: "close", method: "POST", path: "/plans/{plan}/close", who: "coordinator", form: form("version", itoa(int64(f.plan.Version+2))), status: http.StatusSeeOther},
			{name: "closed plan list", path: "/plans?year=2020", who: "coordinator", status: http.StatusOK, contains: []string{"2020", "Dự thảo"}},
		})
	})
}
