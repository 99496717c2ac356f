package http

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserExecution drives issue 3's flows in a real browser, with the
// page's JavaScript on: (a) record progress with a PDF and download it,
// (b) register a training with attendance for several units, (c) bulk-update
// tasks from a CSV through its preview, (d) see the numbers on the
// dashboard change accordingly.
func TestBrowserExecution(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		base := serve(t, f.h)
		dir := t.TempDir()
		pdf := filepath.Join(dir, "bien-ban-hoi-nghi.pdf")
		csvFile := filepath.Join(dir, "cap-nhat.csv")
		if err := os.WriteFile(pdf, testPDF("Bien ban hoi nghi"), 0o600); err != nil {
			t.Fatal(err)
		}
		csv := "ma_nhiem_vu;trang_thai;ty_le;ngay;noi_dung\nIII.2;Hoàn thành;100;20/06/2019;Đã hoàn thành\nIII.3;Đang thực hiện;60;20/06/2019;Đang triển khai\n"
		if err := os.WriteFile(csvFile, []byte(csv), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx := newBrowser(t, bin)
		css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
		text := func(sel string) string {
			s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
			if err != nil {
				t.Fatalf("text %s: %v", sel, err)
			}
			return strings.TrimSpace(s)
		}
		must := func(step string, actions ...chromedp.Action[chromedp.Void]) {
			if err := chromedp.Do(ctx, actions...); err != nil {
				t.Fatalf("%s: %v", step, err)
			}
		}
		must("log in",
			chromedp.Navigate(base+"/dashboard"),
			chromedp.WaitVisible(css(`#username`)),
			chromedp.SendKeys(css(`#username`), "coordinator"),
			chromedp.SendKeys(css(`#password`), testPassword),
			chromedp.Click(css(`form.login button[type=submit]`)),
			chromedp.WaitVisible(css(`#kpi-total`)))
		doneBefore := text(`#kpi-done`)
		meanBefore := text(`#by-section tr[data-key="III.2"] .mean`)
		screenshot(t, ctx, "dashboard-before")

		// (a) progress with evidence.
		task := f.task("III.1")
		must("record progress",
			chromedp.Navigate(base+"/tasks/"+itoa(task.ID)),
			chromedp.WaitVisible(css(`#progress-form`)),
			chromedp.SendKeys(css(`#text`), "Đã tổ chức hội nghị triển khai kế hoạch"),
			chromedp.SetValue(css(`#percent`), "40"),
			chromedp.SetUploadFiles(css(`#files`), []string{pdf}),
			chromedp.Click(css(`#progress-form button[type=submit]`)),
			chromedp.WaitVisible(css(`.banner.ok`)))
		if got := text(`#updates .update`); !strings.Contains(got, "Đã tổ chức hội nghị") || !strings.Contains(got, "bien-ban-hoi-nghi.pdf") {
			t.Errorf("update on the task page: %q", got)
		}
		if got := text(`#task-percent`); got != "40%" {
			t.Errorf("task percent %q, want 40%%", got)
		}
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#updates .files a").getAttribute("href")`))
		if err != nil || !strings.HasPrefix(href, "/attachments/") {
			t.Fatalf("download link %q: %v", href, err)
		}
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`fetch(`+strconv.Quote(href)+`).then(r => r.ok && r.headers.get("content-disposition").startsWith("attachment") && r.headers.get("content-type") === "application/pdf")`,
			func(p *runtime.EvaluateParams) { yes := true; p.AwaitPromise = &yes }))
		if err != nil || !ok {
			t.Errorf("downloading the evidence: ok=%v err=%v", ok, err)
		}
		screenshot(t, ctx, "task")

		// (b) a training with attendance for several units.
		must("register training",
			chromedp.Navigate(base+"/activities/new?type=training"),
			chromedp.WaitVisible(css(`#activity-form`)),
			chromedp.SendKeys(css(`#title`), "Tập huấn nghiệp vụ thông tin đối ngoại 2019"),
			chromedp.SetValue(css(`#start`), "12/06/2019"),
			chromedp.SendKeys(css(`#topic`), "Kỹ năng phát ngôn"),
			chromedp.SetValue(css(`#attendance tbody tr:nth-child(1) select`), itoa(f.units["cong-an"].ID)),
			chromedp.SetValue(css(`#attendance tbody tr:nth-child(1) input[name=att_count]`), "3"),
			chromedp.SetValue(css(`#attendance tbody tr:nth-child(2) select`), itoa(f.units["bdbp"].ID)),
			chromedp.SetValue(css(`#attendance tbody tr:nth-child(2) input[name=att_count]`), "2"),
			chromedp.SetValue(css(`#attendance tbody tr:nth-child(3) select`), itoa(f.units["so-ngoai-vu"].ID)),
			chromedp.SetValue(css(`#attendance tbody tr:nth-child(3) input[name=att_count]`), "4"),
			chromedp.Click(css(`#activity-form button[type=submit]`)),
			chromedp.WaitVisible(css(`#details`)))
		if got := text(`#attendance caption`); !strings.Contains(got, "9") {
			t.Errorf("attendance total: %q", got)
		}
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#attendance tbody tr").length`)); n != 3 {
			t.Errorf("attendance rows: %d, want 3", n)
		}

		// (c) bulk update from a CSV through the preview.
		plan := itoa(f.plan.ID)
		must("csv preview",
			chromedp.Navigate(base+"/plans/"+plan+"/progress-csv"),
			chromedp.WaitVisible(css(`#csv-form`)),
			chromedp.SetUploadFiles(css(`#file`), []string{csvFile}),
			chromedp.Click(css(`#csv-form button[type=submit]`)),
			chromedp.WaitVisible(css(`#confirm-form`)))
		if got := text(`#preview-rows`); !strings.Contains(got, "→") || !strings.Contains(got, "100%") {
			t.Errorf("preview: %q", got)
		}
		if f.taskStatus(t, "III.2") != "not_started" {
			t.Error("the preview changed a task")
		}
		screenshot(t, ctx, "csv-preview")
		must("csv confirm", chromedp.Click(css(`#confirm`)), chromedp.WaitVisible(css(`.banner.ok`)))
		if s := f.taskStatus(t, "III.2"); s != "done" {
			t.Errorf("III.2 after the CSV: %s", s)
		}

		// (d) the dashboard's tables follow.
		must("dashboard", chromedp.Navigate(base+"/dashboard"), chromedp.WaitVisible(css(`#kpi-total`)))
		doneAfter, meanAfter := text(`#kpi-done`), text(`#by-section tr[data-key="III.2"] .mean`)
		if doneAfter == doneBefore || meanAfter != "100%" || meanBefore == meanAfter {
			t.Errorf("dashboard: done %s → %s, III.2 mean %s → %s", doneBefore, doneAfter, meanBefore, meanAfter)
		}
		if got := text(`#activities-stats tr[data-key="training"] td`); got != "1" {
			t.Errorf("trainings on the dashboard: %q, want 1", got)
		}
		t.Logf("dashboard: done %s → %s; III.2 mean %s → %s", doneBefore, doneAfter, meanBefore, meanAfter)
		screenshot(t, ctx, "dashboard")
	})
}

func (f *fixture) taskStatus(t *testing.T, ref string) string {
	cur, err := sqlstore.NewTaskService(f.db).FindTaskByID(sqltest.SystemContext(), f.task(ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	return string(cur.Status)
}
