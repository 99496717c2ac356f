package http

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestReportFiles: the officer of Công an tỉnh attaches the signed report
// (PDF) and a photo to the unit's report; the report page lists them; the
// officer, the coordinator and a leader download them; another unit's
// officer, the finance department and the administrator get 404 for both the page and the
// file; the upload is audited; a disguised file is refused and an accepted
// report takes no more files.
func TestReportFiles(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
		rep := f.mustReport(t, rp, "cong-an", "officer")
		path := "/reports/" + itoa(rep.ID)
		post := func(who, name string, data []byte) *httptest.ResponseRecorder {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			_ = mw.WriteField(csrfField, sessionCSRF(f.sessions[who]))
			fw, _ := mw.CreateFormFile("files", name)
			_, _ = fw.Write(data)
			_ = mw.Close()
			r := httptest.NewRequest(http.MethodPost, path+"/files", &body)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
			return f.do(r)
		}
		pdf := testPDF("Báo cáo 6 tháng đầu năm 2019 — đã ký, đóng dấu")
		if w := post("officer", "bao-cao-da-ky.pdf", pdf); w.Code != http.StatusSeeOther {
			t.Fatalf("upload: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		if w := post("officer", "anh.png", pdf); w.Code != http.StatusUnprocessableEntity && w.Code != http.StatusBadRequest {
			t.Fatalf("a PDF named .png: %d", w.Code)
		}
		if w := post("nv", "x.pdf", pdf); w.Code != http.StatusNotFound {
			t.Fatalf("another unit's officer uploading: %d", w.Code)
		}
		if w := post("leader", "x.pdf", pdf); w.Code != http.StatusForbidden {
			t.Fatalf("a leader uploading: %d", w.Code)
		}
		page := f.do(f.request(http.MethodGet, path, "officer", nil)).Body.String()
		i := strings.Index(page, `href="/attachments/`)
		if i < 0 || !strings.Contains(page, "bao-cao-da-ky.pdf") || strings.Contains(page, "anh.png") {
			t.Fatalf("the report page lists no file, or the refused one\n%s", snippet(page))
		}
		link := page[i+len(`href="`):]
		link = link[:strings.Index(link, `"`)]
		for who, want := range map[string]int{"officer": 200, "coordinator": 200, "leader": 200, "nv": 404, "finance": 404, "admin": 404} {
			w := f.do(f.request(http.MethodGet, link, who, nil))
			if w.Code != want || want == 200 && !bytes.Equal(w.Body.Bytes(), pdf) {
				t.Errorf("%s downloads %s: %d, want %d", who, link, w.Code, want)
			}
		}
		if w := f.do(f.request(http.MethodGet, path, "nv", nil)); w.Code != http.StatusNotFound {
			t.Errorf("another unit's officer opens the report: %d", w.Code)
		}
		action := "create"
		kind := string(ttdn.ResourceAttachment)
		events, _, err := sqlstore.NewAuditService(db).FindAuditEvents(sqltest.SystemContext(), ttdn.AuditFilter{Action: &action, Entity: &kind})
		if err != nil || len(events) != 1 || events[0].Username != "officer" {
			t.Fatalf("audit of the upload: %d events, %v", len(events), err)
		}
		// Submitted, then accepted: the files stay, no more are added.
		svc := sqlstore.NewUnitReportService(db)
		step := func(who string, act ttdn.ReportAction) {
			t.Helper()
			cur, err := svc.FindUnitReportByID(sqltest.UserContext(f.users[who]), rep.ID)
			if err == nil {
				_, err = svc.Transition(sqltest.UserContext(f.users[who]), rep.ID, act, cur.Version, "")
			}
			if err != nil {
				t.Fatalf("%s: %v", act, err)
			}
		}
		step("officer", ttdn.ActSubmit)
		if w := post("officer", "anh-hop-bao.pdf", pdf); w.Code != http.StatusSeeOther {
			t.Fatalf("a file after submitting: %d", w.Code)
		}
		step("coordinator", ttdn.ActAccept)
		if w := post("officer", "muon.pdf", pdf); w.Code != http.StatusConflict {
			t.Fatalf("a file on an accepted report: %d", w.Code)
		}
		if got, _ := sqlstore.NewAttachmentService(db).FindAttachments(sqltest.UserContext(f.users["coordinator"]), ttdn.ResourceUnitReport, rep.ID); len(got) != 2 {
			t.Fatalf("%d files on the report, want 2", len(got))
		}
	})
}
