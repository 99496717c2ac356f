package http

import (
	"bytes"
	"context"
	"encoding/base64"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"ttdn"
	"ttdn/seed"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// upload builds the multipart preview request of the import form.
func (f *fixture) upload(who, name string, data []byte) *http.Request {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField(csrfField, sessionCSRF(f.sessions[who]))
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/plans/import", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	return r
}

func (f *fixture) planCount(t *testing.T) int {
	t.Helper()
	_, n, err := sqlstore.NewPlanService(f.db).FindPlans(sqltest.SystemContext(), ttdn.PlanFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

var (
	hiddenRE = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)
	selectRE = regexp.MustCompile(`<select id="(m_[0-9a-f]+)"`)
)

// previewForm collects the fields the preview page would post back.
func previewForm(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], htmlUnescape(m[2]))
	}
	for _, m := range selectRE.FindAllStringSubmatch(page, -1) {
		sel := page[strings.Index(page, m[0]):]
		sel = sel[:strings.Index(sel, "</select>")]
		val := ""
		if i := strings.Index(sel, `" selected>`); i >= 0 {
			j := strings.LastIndex(sel[:i], `value="`)
			val = sel[j+len(`value="`) : i]
		}
		v.Set(m[1], val)
	}
	v.Set("classification", "internal")
	return v
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#43;", "+", "&#34;", `"`, "&amp;", "&", "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// TestImport checks the two-step import: the preview stores nothing, the
// confirmation stores the plan with the user's unit choices.
func TestImport(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		w := f.do(f.upload("coordinator", seed.Plan2019Name, seed.Plan2019))
		page := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("preview: %d\n%s", w.Code, snippet(page))
		}
		for _, s := range []string{"chưa được lưu", "(giữ nguyên như văn bản)", `name="data"`, "III.6", "V.15"} {
			if !strings.Contains(page, s) {
				t.Errorf("preview lacks %q", s)
			}
		}
		if n := f.planCount(t); n != 0 {
			t.Fatalf("preview stored %d plans", n)
		}
		v := previewForm(t, page)
		if len(v) < 10 {
			t.Fatalf("preview form has only %d fields", len(v))
		}
		// Re-point one name to Sở Ngoại vụ: the stored plan must follow.
		var field string
		for k, vals := range v {
			if strings.HasPrefix(k, "m_") && vals[0] == "u:"+itoa(f.units["bdbp"].ID) {
				field = k
			}
		}
		if field == "" {
			t.Fatal("no select matched to BĐBP")
		}
		v.Set(field, "u:"+itoa(f.units["so-ngoai-vu"].ID))
		v.Set("classification", "public")
		w = f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		plans, _, _ := sqlstore.NewPlanService(db).FindPlans(sqltest.SystemContext(), ttdn.PlanFilter{Limit: 5})
		if len(plans) != 1 || w.Header().Get("Location") != "/plans/"+itoa(plans[0].ID) {
			t.Fatalf("stored %d plans, redirect %q", len(plans), w.Header().Get("Location"))
		}
		p, err := sqlstore.NewPlanService(db).FindPlanByID(sqltest.SystemContext(), plans[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Classification != ttdn.Public || len(p.Tasks) != 6 || len(p.Responsibilities) != 15 {
			t.Errorf("stored plan: %v, %d tasks, %d responsibilities", p.Classification, len(p.Tasks), len(p.Responsibilities))
		}
		for _, ref := range p.Tasks[4].Executing { // III.5: BĐBP, now Sở Ngoại vụ
			if ref.ID == f.units["bdbp"].ID {
				t.Errorf("III.5 still names BĐBP: %+v", ref)
			}
		}
	})
}

// TestBadUploads: every bad file gets its clear message on the upload form
// and nothing is stored.
func TestBadUploads(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		f.srv.cfg.MaxUploadBytes = 64 << 10
		f.h = f.srv.Handler()
		win1258 := []byte("K\xc8 HO\xb7CH C\xd4NG T\xc1C TH\xd4NG TIN \xd0\xd6I NGO\xb7I n\xe3m 2019\r\n")
		cases := []struct {
			name, file string
			data       []byte
			status     int
			want       string
		}{
			{"empty", "ke-hoach.txt", nil, http.StatusUnprocessableEntity, "rỗng"},
			{"too large by body", "ke-hoach.txt", bytes.Repeat([]byte("a"), 200<<10), http.StatusRequestEntityTooLarge, "vượt quá giới hạn"},
			{"too large by file", "ke-hoach.txt", bytes.Repeat([]byte("a"), 70<<10), http.StatusRequestEntityTooLarge, "vượt quá giới hạn 64 KB"},
			{"windows-1258", "ke-hoach.txt", win1258, http.StatusUnprocessableEntity, "Windows-1258"},
			{"not a plan", "thu.txt", []byte("Kính gửi anh chị,\n\nHẹn gặp lại vào thứ Hai.\n"), http.StatusUnprocessableEntity, "thu.txt"},
			{"not docx", "ke-hoach.docx", []byte("this is no zip"), http.StatusUnprocessableEntity, "ke-hoach.docx"},
			{"wrong kind", "ke-hoach.odt", []byte("PK\x03\x04"), http.StatusUnprocessableEntity, ".docx"},
			{"damaged pdf", "ke-hoach.pdf", []byte("%PDF-1.4"), http.StatusUnprocessableEntity, "PDF hỏng"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				w := f.do(f.upload("coordinator", c.file, c.data))
				body := w.Body.String()
				if w.Code != c.status || !strings.Contains(body, c.want) || !strings.Contains(body, `enctype="multipart/form-data"`) {
					t.Errorf("status %d (want %d), message %q present: %v\n%s", w.Code, c.status, c.want, strings.Contains(body, c.want), snippet(body))
				}
			})
		}
		if n := f.planCount(t); n != 0 {
			t.Fatalf("bad uploads stored %d plans", n)
		}
		// A confirmation carrying a tampered file is refused the same way.
		v := form("name", "ke-hoach.txt", "data", base64.StdEncoding.EncodeToString(win1258), "classification", "internal")
		w := f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v))
		if w.Code != http.StatusUnprocessableEntity || f.planCount(t) != 0 {
			t.Errorf("tampered confirm: %d", w.Code)
		}
	})
}

// TestStaleTaskEdit: a save based on an old version is refused with the
// conflict message, and what the user typed stays on the form.
func TestStaleTaskEdit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		task := f.plan.Tasks[5] // III.6: Công an tỉnh executes
		edit := func(who, title string, version int) *httptest.ResponseRecorder {
			v := form("version", itoa(int64(version)), "title", title, "status", "in_progress", "percent", "40",
				"deadline", "05/12/2019", "deadline_text", "")
			for _, ref := range task.Lead {
				v.Add("lead", refValue(ref))
			}
			for _, ref := range task.Executing {
				v.Add("executing", refValue(ref))
			}
			return f.do(f.request(http.MethodPost, "/tasks/"+itoa(task.ID)+"/edit", who, v))
		}
		// The unit that executes the task reports progress; it never rewrites it.
		if w := edit("officer", "Bản cập nhật của Công an", task.Version); w.Code != http.StatusForbidden {
			t.Fatalf("officer's rewrite: %d, want 403\n%s", w.Code, snippet(w.Body.String()))
		}
		if w := edit("coordinator", "Bản cập nhật của điều phối", task.Version); w.Code != http.StatusSeeOther {
			t.Fatalf("first save: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		w := edit("coordinator", "Bản sửa dựa trên phiên bản cũ", task.Version)
		body := w.Body.String()
		if w.Code != http.StatusConflict {
			t.Fatalf("stale save: %d, want 409\n%s", w.Code, snippet(body))
		}
		if !strings.Contains(body, "Bản sửa dựa trên phiên bản cũ") || !strings.Contains(body, `value="05/12/2019"`) {
			t.Errorf("stale save lost the typed values\n%s", snippet(body))
		}
		if !strings.Contains(body, `class="banner error"`) || !strings.Contains(body, "Những gì bạn vừa nhập vẫn được giữ nguyên") {
			t.Errorf("stale save lacks the conflict message\n%s", snippet(body))
		}
		stored, _ := sqlstore.NewTaskService(db).FindTaskByID(context.Background(), task.ID)
		if stored != nil && stored.Title == "Bản sửa dựa trên phiên bản cũ" {
			t.Error("the stale save was stored")
		}
	})
}
