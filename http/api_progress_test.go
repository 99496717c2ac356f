package http

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIProgress records progress as JSON and with an evidence file as
// multipart, as the unit officer, and reads it back.
func TestAPIProgress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		var task *ttdn.Task
		for _, tk := range f.plan.Tasks {
			for _, ref := range append(tk.Lead, tk.Executing...) {
				if ref.ID == f.units["cong-an"].ID && task == nil {
					task = tk
				}
			}
		}
		if task == nil {
			t.Fatal("no task of Công an tỉnh in the seed plan")
		}
		path := "/api/v1/tasks/" + itoa(task.ID) + "/progress"
		a := f.officer.call("POST", path, map[string]any{"date": "2019-06-05", "text": "Đã tổ chức 2 buổi họp báo", "percent": 40, "status": "in_progress"}).want(t, http.StatusCreated)
		if a.str("date") != "2019-06-05" {
			t.Fatalf("progress: %s", a.raw)
		}
		if tk := f.officer.call("GET", "/api/v1/tasks/"+itoa(task.ID), nil).want(t, http.StatusOK); tk.body["percent"].(float64) != 40 {
			t.Fatalf("the task's percent did not move: %s", tk.raw)
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.WriteField("text", "Biên bản họp báo")
		_ = mw.WriteField("percent", "60")
		fw, _ := mw.CreateFormFile("files", "bien-ban.pdf")
		_, _ = fw.Write([]byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
		_ = mw.Close()
		r := httptest.NewRequest("POST", path, &buf)
		r.Header.Set("Authorization", "Bearer "+f.officer.token)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, r)
		ans := &apiAnswer{status: w.Code, header: w.Header(), raw: w.Body.Bytes()}
		f.officer.validate("POST", path, ans)
		ans.want(t, http.StatusCreated)
		if atts, _ := ans.body["attachments"].([]any); len(atts) != 1 {
			t.Fatalf("evidence not stored: %s", ans.raw)
		}
		l := f.officer.call("GET", path, nil).want(t, http.StatusOK)
		if l.body["total"].(float64) != 2 {
			t.Fatalf("updates: %s", l.raw)
		}
	})
}
