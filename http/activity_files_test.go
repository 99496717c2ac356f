package http

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestActivityFiles: the coordinator attaches a PDF to an activity; it is
// listed on the activity's page and downloads for whoever reads the
// activity; a file of another type than its name says is refused.
func TestActivityFiles(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		a := f.mustActivity(t)
		post := func(who, name string, data []byte) *httptest.ResponseRecorder {
			return f.postFiles("/activities/"+itoa(a.ID)+"/files", who, []string{name}, [][]byte{data})
		}
		pdf := testPDF("Chương trình họp báo")
		if w := post("coordinator", "chuong-trinh.pdf", pdf); w.Code != http.StatusSeeOther {
			t.Fatalf("upload: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		if w := post("coordinator", "anh.png", pdf); w.Code < 400 || w.Code >= 500 {
			t.Fatalf("a PDF named .png: %d", w.Code)
		}
		page := f.do(f.request(http.MethodGet, "/activities/"+itoa(a.ID), "officer", nil)).Body.String()
		i := strings.Index(page, `href="/attachments/`)
		if i < 0 || !strings.Contains(page, "chuong-trinh.pdf") {
			t.Fatalf("the activity page lists no file\n%s", snippet(page))
		}
		link := page[i+len(`href="`):]
		link = link[:strings.Index(link, `"`)]
		w := f.do(f.request(http.MethodGet, link, "officer", nil))
		if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), pdf) {
			t.Fatalf("download %s: %d", link, w.Code)
		}
	})
}
