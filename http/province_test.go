package http

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// tayNinhWords are the ways the shipped example's name can appear.
var tayNinhWords = []string{"Tây Ninh", "TÂY NINH", "Tay Ninh", "tayninh"}

// TestAnotherProvince: an instance started as shipped (the Tây Ninh
// example) is set up for Lào Cai by its admin on the first-run page,
// imports a plan of Lào Cai resolving ≥ 95% of its unit mentions, and then
// no page — in Vietnamese or English, for the admin or the coordinator —
// and no document says "Tây Ninh".
func TestAnotherProvince(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		sqltest.MustSeed(t, db) // what serve does on its first start
		if err := sqltest.SeedAgain(db); err != nil {
			t.Fatal(err)
		}
		if err := sqlstore.SeedWatchTerms(ctx, db); err != nil {
			t.Fatal(err)
		}
		cfg := newServer(db).cfg
		cfg.Budgets, cfg.Difficulties = sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db)
		f := &fixture{db: db, srv: NewServer(cfg), users: map[string]*ttdn.User{}, sessions: map[string]string{}, units: map[string]*ttdn.Unit{}}
		f.h = f.srv.Handler()
		add := func(name string, role ttdn.Role, unit string) {
			u := &ttdn.User{Username: name, Name: "Người dùng " + name, Role: role}
			if unit != "" {
				u.UnitID = sqltest.MustFindUnit(t, db, unit).ID
			}
			f.users[name] = sqltest.MustCreateUser(t, db, u, testPassword)
			f.sessions[name] = sqltest.MustCreateSession(t, db, u)
		}
		add("admin", ttdn.RoleAdmin, "")
		// First run: the admin is asked to set the province up.
		home := f.do(f.request(http.MethodGet, "/units", "admin", nil)).Body.String()
		if !strings.Contains(home, `href="/setup/province"`) || !strings.Contains(home, "Chưa thiết lập tỉnh") {
			t.Fatal("no first-run banner for the admin")
		}
		form := url.Values{"province": {"Yên Bái"}, "communes": {"Phường Lào Cai\nXã Bát Xát\nPhường Sa Pa\nXã Y Tý"}}
		if w := f.do(f.request(http.MethodPost, "/setup/province", "admin", form)); w.Code != http.StatusSeeOther {
			t.Fatalf("setup: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		f.srv.forgetProvince()
		add("coordinator", ttdn.RoleCoordinator, "so-vhttdl")
		add("officer", ttdn.RoleUnitOfficer, "cong-an")
		add("finance", ttdn.RoleFinance, "so-tai-chinh")
		f.units["cong-an"] = sqltest.MustFindUnit(t, db, "cong-an")

		plan, err := os.ReadFile("../planparse/testdata/province/lao-cai-2026.txt")
		if err != nil {
			t.Fatal(err)
		}
		page := f.do(f.upload("coordinator", "ke-hoach-lao-cai-2026.txt", plan)).Body.String()
		v := previewForm(t, page)
		if w := f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v)); w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		plans, _, _ := sqlstore.NewPlanService(db).FindPlans(sqltest.SystemContext(), ttdn.PlanFilter{Limit: 1})
		if f.plan, err = sqlstore.NewPlanService(db).FindPlanByID(sqltest.SystemContext(), plans[0].ID); err != nil {
			t.Fatal(err)
		}
		var total, resolved int
		for _, slot := range refSlots(f.plan, "vi") {
			total++
			if slot.ref.Resolved() {
				resolved++
			}
		}
		if total < 30 || float64(resolved) < 0.95*float64(total) {
			t.Fatalf("%d of %d unit mentions resolved", resolved, total)
		}
		t.Logf("Lào Cai plan: %d of %d unit mentions resolved", resolved, total)

		f.ids = map[string]int64{"activity": 999999999}
		walked := 0
		for _, who := range []string{"admin", "coordinator"} {
			for _, lang := range []string{"vi", "en"} {
				for _, pattern := range f.srv.Routes() {
					method, path := f.permPath(pattern)
					// The setup page lists all 34 provinces, Tây Ninh among them.
					if method != http.MethodGet || strings.HasPrefix(path, "/assets/") || path == "/setup/province" {
						continue
					}
					paths := []string{path}
					if strings.Contains(pattern, "{format}") {
						paths = append(paths, strings.Replace(path, "/csv", "/docx", 1), strings.Replace(path, "/csv", "/xlsx", 1))
					}
					for _, p := range paths {
						r := f.request(http.MethodGet, p, who, nil)
						r.AddCookie(&http.Cookie{Name: "lang", Value: lang})
						res := f.do(r)
						if res.Code != http.StatusOK {
							continue
						}
						walked++
						if word := tayNinhIn(res.Body.Bytes()); word != "" {
							t.Errorf("%s (%s, %s) says %q", p, who, lang, word)
						}
					}
				}
			}
		}
		if walked < 80 {
			t.Fatalf("only %d pages walked", walked)
		}
		// The documents the province signs: the appraisal's seal and place line.
		var buf bytes.Buffer
		e := &ttdn.BudgetEstimate{ID: 1, Year: 2026, Title: "Dự toán", Status: ttdn.BudgetForwarded}
		if err := writeAppraisalDOCX(&buf, &budgetView{E: e, UnitName: "Công an tỉnh"}, ttdn.Date{Year: 2026, Month: 3, Day: 2}, f.srv.province(r0())); err != nil {
			t.Fatal(err)
		}
		body := docxBody(t, buf.Bytes())
		if !strings.Contains(body, "ỦY BAN NHÂN DÂN TỈNH LÀO CAI") || !strings.Contains(body, "Lào Cai, ngày 02 tháng 3 năm 2026") {
			t.Errorf("appraisal header: %s", body[:min(len(body), 600)])
		}
		if word := tayNinhIn([]byte(body)); word != "" {
			t.Errorf("the appraisal says %q", word)
		}
	})
}

// r0 is a request for the server's province cache.
func r0() *http.Request { return (&http.Request{}).WithContext(context.Background()) }

// tayNinhIn returns the first of tayNinhWords in a page or document (a
// DOCX or XLSX is read inside its zip), or "".
func tayNinhIn(body []byte) string {
	text := string(body)
	if z, err := zip.NewReader(bytes.NewReader(body), int64(len(body))); err == nil {
		text = ""
		for _, f := range z.File {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			text += string(b)
		}
	}
	for _, w := range tayNinhWords {
		if strings.Contains(text, w) {
			return w
		}
	}
	return ""
}

func docxBody(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			return string(b)
		}
	}
	t.Fatal("no document.xml")
	return ""
}
