package http

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserReportingCycle drives issue 4's whole cycle in a real browser:
// the coordinator opens the half-year period; Công an tỉnh submits on time
// and Sở Ngoại vụ late (the clock moves past the due date); the coordinator
// returns the first, it is resubmitted, both are accepted; the coordinator
// writes the consolidated narrative, issues the report and exports it. The
// DOCX is then read as XML and the XLSX read back.
func TestBrowserReportingCycle(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		f.previousYear(t)
		f.mustActivityOf(t, "so-ngoai-vu", "Họp báo giới thiệu Festival biên giới", ttdn.Date{Year: 2019, Month: 5, Day: 3})
		base := serve(t, f.h)
		b := &reportBrowser{t: t, ctx: newBrowser(t, bin), base: base}

		// The coordinator opens the period with its defaults.
		b.login("coordinator", "/reports/periods/new?plan="+itoa(f.plan.ID))
		if got := b.value(`#due_date`); got != "20/06/2019" {
			t.Errorf("default due date %q, want 20/06/2019", got)
		}
		b.must("open the period", chromedp.Click(chromedp.CSS(`#open-submit`)), chromedp.WaitVisible(chromedp.CSS(`#kpi-expected`)))
		periodURL := b.location()
		if n, _ := strconv.Atoi(b.text(`#kpi-expected`)); n < 2 {
			t.Fatalf("expected units: %d", n)
		}

		// Công an tỉnh reports on time, with its press conference counted.
		b.login("officer", periodURL)
		b.startReport(f.units["cong-an"].ID)
		if got := b.text(`tr[data-key="press_conferences||"] td.source`); !strings.Contains(got, "Họp báo về an ninh biên giới") {
			t.Errorf("source of press conferences: %q", got)
		}
		b.must("fill the report",
			chromedp.SetValue(chromedp.CSS(`tr[data-key="documents_issued||"] input[name=row_value]`), "3"),
			chromedp.SetValue(chromedp.CSS(`#results`), "Công an tỉnh đã tổ chức họp báo về an ninh biên giới."),
			chromedp.SetValue(chromedp.CSS(`#recommendations`), "Đề nghị tăng cường tập huấn phát ngôn."))
		screenshot(t, b.ctx, "unit-report-form")
		b.must("submit", chromedp.Click(chromedp.CSS(`#submit-report`)), chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)))
		congAnURL := b.location()
		if b.count(`#late-mark`) != 0 || b.text(`#report-status`) != "Đã gửi" {
			t.Errorf("on-time report: status %q, late marks %d", b.text(`#report-status`), b.count(`#late-mark`))
		}

		// Past the due date, Sở Ngoại vụ reports: accepted, marked late.
		f.clock.set(2019, 6, 25, 10)
		b.login("nv", periodURL)
		b.startReport(f.units["so-ngoai-vu"].ID)
		if b.count(`#overdue-note`) != 1 {
			t.Error("no overdue note before a late submission")
		}
		b.must("late submit", chromedp.SetValue(chromedp.CSS(`#results`), "Sở Ngoại vụ đã phối hợp đón đoàn phóng viên."),
			chromedp.Click(chromedp.CSS(`#submit-report`)), chromedp.WaitVisible(chromedp.CSS(`#late-mark`)))
		if got := b.text(`.banner.ok`); !strings.Contains(got, "NỘP MUỘN") {
			t.Errorf("late confirmation: %q", got)
		}
		nvURL := b.location()

		// The coordinator returns Công an tỉnh's report; it comes back.
		b.login("coordinator", congAnURL)
		b.must("return", chromedp.SendKeys(chromedp.CSS(`#comment`), "Đề nghị bổ sung số lượt phát ngôn."),
			chromedp.Click(chromedp.CSS(`#return`)), chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)))
		b.login("officer", congAnURL)
		if got := b.text(`#return-comment`); !strings.Contains(got, "bổ sung số lượt phát ngôn") {
			t.Errorf("return comment: %q", got)
		}
		b.must("resubmit", chromedp.SetValue(chromedp.CSS(`#results`), "Công an tỉnh đã tổ chức họp báo và 2 lượt phát ngôn."),
			chromedp.Click(chromedp.CSS(`#submit-report`)), chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)))
		if got := b.text(`#report-status`); got != "Đã gửi lại" {
			t.Errorf("after resubmission: %q", got)
		}

		// Both accepted, then locked.
		b.login("coordinator", congAnURL)
		for _, u := range []string{congAnURL, nvURL} {
			b.must("accept", chromedp.Navigate(b.base+u), chromedp.WaitVisible(chromedp.CSS(`#accept`)),
				chromedp.Click(chromedp.CSS(`#accept`)), chromedp.WaitVisible(chromedp.CSS(`#locked-note`)))
		}
		b.must("period", chromedp.Navigate(b.base+periodURL), chromedp.WaitVisible(chromedp.CSS(`#kpi-accepted`)))
		if b.text(`#kpi-accepted`) != "2" || b.text(`#kpi-late`) != "1" {
			t.Errorf("period: accepted %s, late %s", b.text(`#kpi-accepted`), b.text(`#kpi-late`))
		}
		screenshot(t, b.ctx, "period")
		b.must("matrix", chromedp.Navigate(b.base+"/reports/completeness?plan="+itoa(f.plan.ID)), chromedp.WaitVisible(chromedp.CSS(`#matrix`)))
		if got := b.text(`#matrix tr[data-unit="` + itoa(f.units["so-ngoai-vu"].ID) + `"]`); !strings.Contains(got, "Muộn") {
			t.Errorf("matrix row of Sở Ngoại vụ: %q", got)
		}
		b.shot(`#main`, "matrix")
		b.must("back to the period", chromedp.Navigate(b.base+periodURL), chromedp.WaitVisible(chromedp.CSS(`#consolidated-link`)))

		// The consolidated report: narrative, comparison, issue, export.
		b.must("consolidated", chromedp.Click(chromedp.CSS(`#consolidated-link`)), chromedp.WaitVisible(chromedp.CSS(`#cons-form`)),
			chromedp.SetValue(chromedp.CSS(`#results`), "Sáu tháng đầu năm 2019, các sở, ngành đã triển khai đồng bộ công tác thông tin đối ngoại."),
			chromedp.Click(chromedp.CSS(`#cons-save`)), chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)))
		if b.count(`#comparison svg`) == 0 || !strings.Contains(b.text(`#comparison`), "2018") {
			t.Errorf("no previous-year comparison: %q", b.text(`#comparison`))
		}
		screenshot(t, b.ctx, "consolidated")
		b.shot(`#comparison`, "comparison")
		b.must("issue", chromedp.SetValue(chromedp.CSS(`#number`), "125/BC-SVHTTDL"), chromedp.SetValue(chromedp.CSS(`#issue-date`), "05/07/2019"),
			chromedp.Click(chromedp.CSS(`#issue-submit`)), chromedp.WaitVisible(chromedp.CSS(`#cons-status.cons-issued`)))
		if got := b.text(`#cons-status`); got != "Đã ban hành" {
			t.Errorf("after issuing: %q", got)
		}
		checkDOCX(t, b.download(`#export-docx`, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
		checkXLSX(t, b.download(`#export-xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
	})
}

// previousYear stores the 2018 half-year with Công an tỉnh's accepted
// report (one press conference), for the comparison.
func (f *reportingFixture) previousYear(tb testing.TB) {
	tb.Helper()
	f.clock.set(2018, 6, 5, 9)
	f.mustActivityOf(tb, "cong-an", "Họp báo 6 tháng đầu năm 2018", ttdn.Date{Year: 2018, Month: 4, Day: 2})
	rp := f.mustOpenPeriod(tb, ttdn.PeriodHalfYear, 2018, 1)
	f.mustReport(tb, rp, "cong-an", "officer", ttdn.ActSubmit, ttdn.ActAccept)
	f.clock.set(2019, 6, 10, 9)
}

func (f *reportingFixture) mustActivityOf(tb testing.TB, unit, title string, day ttdn.Date) {
	tb.Helper()
	a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: title, StartDate: day, UnitIDs: []int64{f.units[unit].ID},
		Classification: ttdn.Internal, Details: &ttdn.PressDetails{Speaker: "Lãnh đạo đơn vị", Reporters: 10}}
	if err := sqlstore.NewActivityService(f.db).CreateActivity(sqltest.UserContext(f.users["coordinator"]), a); err != nil {
		tb.Fatal(err)
	}
}

// reportBrowser wraps the few chromedp steps the cycle repeats.
type reportBrowser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b *reportBrowser) must(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// login logs in as user (after logging out whoever was) and lands on next.
func (b *reportBrowser) login(user, next string) {
	b.t.Helper()
	if b.count(`form[action="/logout"] button`) > 0 {
		b.must("log out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`#username`)))
	}
	if strings.HasPrefix(next, b.base) {
		next = strings.TrimPrefix(next, b.base)
	}
	b.must("log in as "+user, chromedp.Navigate(b.base+"/login?next="+url.QueryEscape(next)), chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), user), chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
		chromedp.Click(chromedp.CSS(`form.login button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`nav.main`)))
}

// startReport starts (or opens) the unit's report from the period page.
func (b *reportBrowser) startReport(unitID int64) {
	b.t.Helper()
	row := `#unit-reports tr[data-unit="` + itoa(unitID) + `"]`
	b.must("start the report", chromedp.WaitVisible(chromedp.CSS(row)), chromedp.Click(chromedp.CSS(row+` button`)),
		chromedp.WaitVisible(chromedp.CSS(`#report-form`)))
}

func (b *reportBrowser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (b *reportBrowser) value(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("value %s: %v", sel, err)
	}
	return s
}

func (b *reportBrowser) count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	if err != nil {
		b.t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

func (b *reportBrowser) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.SplitN(strings.TrimPrefix(loc, b.base), "#", 2)[0]
}

// shot saves one element's picture beside the page screenshots.
func (b *reportBrowser) shot(sel, label string) {
	path := os.Getenv("TTDN_TEST_SCREENSHOT")
	if path == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err == nil {
		err = os.WriteFile(strings.TrimSuffix(path, filepath.Ext(path))+"-"+filepath.Base(b.t.Name())+"-"+label+".png", png, 0o600)
	}
	if err != nil {
		b.t.Errorf("screenshot %s: %v", sel, err)
	}
}

// download fetches the link's file with the browser's session and checks
// that it comes as an attachment of the content type.
func (b *reportBrowser) download(sel, contentType string) []byte {
	b.t.Helper()
	js := `(async () => { const a = document.querySelector(` + strconv.Quote(sel) + `); const r = await fetch(a.href);
		const bytes = new Uint8Array(await r.arrayBuffer()); let s = ""; for (const x of bytes) s += String.fromCharCode(x);
		return JSON.stringify({status: r.status, type: r.headers.get("content-type"), disposition: r.headers.get("content-disposition"), data: btoa(s)}); })()`
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, func(p *runtime.EvaluateParams) { yes := true; p.AwaitPromise = &yes }))
	if err != nil {
		b.t.Fatalf("download %s: %v", sel, err)
	}
	var got struct {
		Status                  int
		Type, Disposition, Data string
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		b.t.Fatal(err)
	}
	if got.Status != 200 || got.Type != contentType || !strings.HasPrefix(got.Disposition, "attachment;") {
		b.t.Errorf("download %s: status %d, type %q, disposition %q", sel, got.Status, got.Type, got.Disposition)
	}
	data, err := base64.StdEncoding.DecodeString(got.Data)
	if err != nil {
		b.t.Fatal(err)
	}
	return data
}

// checkDOCX reads word/document.xml and checks the parts Nghị định
// 30/2020 requires are present, in order, with Vietnamese text intact.
func checkDOCX(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("docx: %v", err)
	}
	var text string
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			text = docxText(t, zf)
		}
	}
	// The header is a two-column table: issuing body and number on the
	// left, Quốc hiệu, Tiêu ngữ, place and date on the right.
	parts := []string{"UBND TỈNH TÂY NINH", "Số: 125/BC-SVHTTDL", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 05 tháng 7 năm 2019", "BÁO CÁO",
		"Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2019", "I. KẾT QUẢ THỰC HIỆN",
		"Sáu tháng đầu năm 2019, các sở, ngành đã triển khai đồng bộ công tác thông tin đối ngoại.", "Họp báo",
		"Nơi nhận", "PHÓ GIÁM ĐỐC"}
	at := 0
	for _, p := range parts {
		i := strings.Index(text[at:], p)
		if i < 0 {
			t.Errorf("docx: %q missing or out of order (after byte %d)\n%s", p, at, text[:min(len(text), 3000)])
			return
		}
		at += i + len(p)
	}
}

// docxText joins the document's text runs, a line per paragraph.
func docxText(t *testing.T, zf *zip.File) string {
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var b strings.Builder
	dec := xml.NewDecoder(rc)
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		} else if err != nil {
			t.Fatalf("docx xml: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			inText = el.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if el.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(el)
			}
		}
	}
}

// checkXLSX reads the workbook back: the summary sheet sums both units'
// press conferences, keeps Công an tỉnh's typed figure, and each unit has
// its sheet with its narrative.
func checkXLSX(t *testing.T, data []byte) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) != 3 || sheets[0] != "Tổng hợp" {
		t.Fatalf("xlsx sheets: %q", sheets)
	}
	rows, err := x.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"press_conferences": "2", "documents_issued": "3"}
	for _, row := range rows {
		if len(row) > 6 && row[3] == "" {
			if v, ok := want[row[1]]; ok && row[6] == v {
				delete(want, row[1])
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("xlsx summary lacks %v\n%q", want, rows)
	}
	found := false
	for _, s := range sheets[1:] {
		rows, _ := x.GetRows(s)
		for _, row := range rows {
			found = found || strings.Contains(strings.Join(row, " "), "Công an tỉnh đã tổ chức họp báo và 2 lượt phát ngôn.")
		}
	}
	if !found {
		t.Errorf("no unit sheet holds Công an tỉnh's narrative: %q", sheets)
	}
}
