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

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// postFiles posts files (name → content, in order) to path as who, in the
// form field "files".
func (f *fixture) postFiles(path, who string, names []string, data [][]byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField(csrfField, sessionCSRF(f.sessions[who]))
	for i, name := range names {
		fw, _ := mw.CreateFormFile("files", name)
		_, _ = fw.Write(data[i])
	}
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, path, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	return f.do(r)
}

// TestFilesAllOrNone: several files sent in one form are stored together or
// not at all — a disguised second file leaves the first unstored — for
// every owner that takes files through a form.
func TestFilesAllOrNone(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		a := f.mustActivity(t)
		pdf := testPDF("Ke hoach")
		w := f.postFiles("/activities/"+itoa(a.ID)+"/files", "coordinator", []string{"a.pdf", "b.png"}, [][]byte{pdf, pdf})
		if w.Code < 400 || w.Code >= 500 {
			t.Fatalf("a disguised second file: %d", w.Code)
		}
		files, err := sqlstore.NewAttachmentService(db).FindAttachments(sqltest.SystemContext(), ttdn.ResourceActivity, a.ID)
		if err != nil || len(files) != 0 {
			t.Fatalf("%d files stored after a refused upload, %v", len(files), err)
		}
		if w := f.postFiles("/activities/"+itoa(a.ID)+"/files", "coordinator", []string{"a.pdf", "b.pdf"}, [][]byte{pdf, testPDF("B")}); w.Code != http.StatusSeeOther {
			t.Fatalf("two good files: %d %s", w.Code, snippet(w.Body.String()))
		}
		if files, _ = sqlstore.NewAttachmentService(db).FindAttachments(sqltest.SystemContext(), ttdn.ResourceActivity, a.ID); len(files) != 2 {
			t.Fatalf("%d files stored, want 2", len(files))
		}
	})
}

var fileDeleteForm = regexp.MustCompile(`action="/attachments/(\d+)/delete"`)

// TestRemoveFile: whoever may edit an activity removes a file from its page
// (asked to confirm); the file is gone, the audit log says so; someone who
// may only read the activity is offered no button and is refused; the
// evidence of a progress update cannot be removed by anyone.
func TestRemoveFile(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		a := f.mustActivity(t)
		if w := f.postFiles("/activities/"+itoa(a.ID)+"/files", "coordinator", []string{"nham.pdf"}, [][]byte{testPDF("Nham")}); w.Code != http.StatusSeeOther {
			t.Fatalf("upload: %d", w.Code)
		}
		page := f.do(f.request(http.MethodGet, "/activities/"+itoa(a.ID), "coordinator", nil)).Body.String()
		m := fileDeleteForm.FindStringSubmatch(page)
		if m == nil || !strings.Contains(page, `data-confirm="Xóa tệp này?`) {
			t.Fatalf("the editor's page offers no removal\n%s", snippet(page))
		}
		id := m[1]
		reader := f.do(f.request(http.MethodGet, "/activities/"+itoa(a.ID), "finance", nil))
		if reader.Code != http.StatusOK || !strings.Contains(reader.Body.String(), "nham.pdf") {
			t.Fatalf("finance reads the activity: %d", reader.Code)
		} else if fileDeleteForm.MatchString(reader.Body.String()) {
			t.Error("a reader who may not edit is offered the removal")
		}
		if w := f.do(f.request(http.MethodPost, "/attachments/"+id+"/delete", "finance", url.Values{})); w.Code < 400 || w.Code >= 500 {
			t.Fatalf("a reader removes a file: %d", w.Code)
		}
		if w := f.do(f.request(http.MethodGet, "/attachments/"+id, "coordinator", nil)); w.Code != http.StatusOK {
			t.Fatalf("the file went after a refused removal: %d", w.Code)
		}
		w := f.do(f.request(http.MethodPost, "/attachments/"+id+"/delete", "coordinator", url.Values{}))
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/activities/"+itoa(a.ID)+"#files" {
			t.Fatalf("removal: %d → %s", w.Code, w.Header().Get("Location"))
		}
		if w := f.do(f.request(http.MethodGet, "/attachments/"+id, "coordinator", nil)); w.Code != http.StatusNotFound {
			t.Fatalf("a removed file answers %d", w.Code)
		}
		kind := string(ttdn.ResourceAttachment)
		action := "delete"
		if _, n, err := sqlstore.NewAuditService(db).FindAuditEvents(sqltest.SystemContext(), ttdn.AuditFilter{Entity: &kind, Action: &action}); err != nil || n != 1 {
			t.Errorf("%d audit rows of the removal, %v", n, err)
		}

		// A progress update's evidence records a step taken.
		own := f.task("III.6")
		if w := f.uploadEvidence(t, own.ID, "officer", map[string]string{"text": "Đã tổ chức", "percent": "40"},
			map[string][]byte{"bien-ban.pdf": testPDF("Bien ban")}); w.Code != http.StatusSeeOther {
			t.Fatalf("evidence: %d", w.Code)
		}
		ev := f.lastAttachment(t, own.ID)
		for _, who := range []string{"officer", "coordinator"} {
			if w := f.do(f.request(http.MethodPost, "/attachments/"+itoa(ev.ID)+"/delete", who, url.Values{})); w.Code < 400 || w.Code >= 500 {
				t.Errorf("%s removes progress evidence: %d", who, w.Code)
			}
		}
		if w := f.do(f.request(http.MethodGet, "/attachments/"+itoa(ev.ID), "officer", nil)); w.Code != http.StatusOK {
			t.Errorf("progress evidence after refused removals: %d", w.Code)
		}
	})
}
