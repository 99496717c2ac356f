package http

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/go-pdf/fpdf"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// anGiangPDF is a plan of another province as a PDF with a text layer: a
// two-column header, prose and a ruled task table.
func anGiangPDF(t *testing.T) []byte {
	font, err := os.ReadFile("../document/fonts/LiberationSerif-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(25, 20, 20)
	p.AddUTF8FontFromBytes("S", "", font)
	p.SetFont("S", "", 11)
	p.AddPage()
	p.MultiCell(65, 5.5, "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 45/KH-UBND", "", "C", false)
	p.SetXY(95, 20)
	p.MultiCell(95, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Giang, ngày 10 tháng 3 năm 2021", "", "C", false)
	p.SetXY(25, 45)
	for _, l := range []string{"KẾ HOẠCH", "Thông tin đối ngoại tỉnh An Giang năm 2021", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
		"Giới thiệu hình ảnh An Giang đến bạn bè quốc tế.", "II. NHIỆM VỤ CỤ THỂ"} {
		p.MultiCell(0, 6, l, "", "L", false)
	}
	widths := []float64{12, 60, 35, 35, 23}
	for _, row := range [][]string{
		{"STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"},
		{"1", "Phát hành tờ gấp song ngữ Việt - Khmer cho cư dân biên giới", "Sở Thông tin và Truyền thông", "Hội Nông dân tỉnh An Giang", "Quý III/2021"},
	} {
		x, y := 25.0, p.GetY()
		for k, c := range row {
			p.SetXY(x, y)
			p.CellFormat(widths[k], 16, "", "1", 0, "", false, 0, "")
			p.SetXY(x+1, y)
			p.MultiCell(widths[k]-2, 5, c, "", "L", false)
			x += widths[k]
		}
		p.SetXY(25, y+16)
	}
	for _, l := range []string{"III. TỔ CHỨC THỰC HIỆN", "1. Sở Thông tin và Truyền thông", "Theo dõi, tổng hợp kết quả.", "Nơi nhận:", "- Lưu: VT.",
		"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thanh Bình"} {
		p.MultiCell(0, 6, l, "", "L", false)
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBrowserImportPDFOtherProvince: a coordinator uploads another
// province's plan as a PDF, sees it beside its source text with the
// unknown unit flagged at its line, matches the unit, corrects the title,
// and stores it.
func TestBrowserImportPDFOtherProvince(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		base := serve(t, f.h)
		file := filepath.Join(t.TempDir(), "ke-hoach-an-giang-2021.pdf")
		if err := os.WriteFile(file, anGiangPDF(t), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx := newBrowser(t, bin)
		css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
		count := func(sel string) int {
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
			if err != nil {
				t.Fatalf("count %s: %v", sel, err)
			}
			return n
		}
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/plans/import"),
			chromedp.WaitVisible(css(`#username`)),
			chromedp.SendKeys(css(`#username`), "coordinator"),
			chromedp.SendKeys(css(`#password`), testPassword),
			chromedp.Click(css(`form.login button[type=submit]`)),
			chromedp.WaitVisible(css(`#file`)),
			chromedp.SetUploadFiles(css(`#file`), []string{file}),
			chromedp.Click(css(`form[action="/plans/import"] button[type=submit]`)),
			chromedp.WaitVisible(css(`#confirm-form`)),
		); err != nil {
			t.Fatalf("log in and preview: %v", err)
		}
		screenshot(t, ctx, "preview")
		if n := count(".source-lines li.warned"); n == 0 {
			t.Fatal("no source line carries a warning")
		}
		number, err := chromedp.Run(ctx, chromedp.Value(css(`#h_number`)))
		if err != nil || number != "45/KH-UBND" {
			t.Fatalf("number field %q, %v", number, err)
		}
		// The unknown unit's warning links to its line in the source.
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`[...document.querySelectorAll('.warning-list li')].find(li => li.textContent.includes('Hội Nông dân')).querySelector('a').getAttribute('href')`))
		if err != nil {
			t.Fatalf("warning link: %v", err)
		}
		line, err := chromedp.Run(ctx, chromedp.Text(css(href+` .tx`)))
		if err != nil || !bytes.Contains([]byte(line), []byte("Hội Nông dân")) {
			t.Fatalf("the warning points at %s: %q, %v", href, line, err)
		}
		// Match the unit, correct the title, store.
		field, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`[...document.querySelectorAll('table.matches tbody tr')].find(tr => tr.querySelector('label').textContent.includes('Hội Nông dân')).querySelector('select').id`))
		if err != nil {
			t.Fatalf("unit select: %v", err)
		}
		if err := chromedp.Do(ctx,
			chromedp.SetValue(css(`#`+field), "u:"+itoa(f.units["so-ngoai-vu"].ID)),
			chromedp.SetValue(css(`#h_title`), "Thông tin đối ngoại tỉnh An Giang năm 2021 (bản nhập)"),
			chromedp.Click(css(`#confirm`)),
			chromedp.WaitVisible(css(`article.document`)),
		); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		screenshot(t, ctx, "plan")
		if n := count(".doc-kind"); n != 1 {
			t.Errorf("plan page: %d titles", n)
		}
		plans, _, _ := sqlstore.NewPlanService(db).FindPlans(sqltest.SystemContext(), ttdn.PlanFilter{Limit: 5})
		if len(plans) != 1 {
			t.Fatalf("%d plans stored", len(plans))
		}
		p, err := sqlstore.NewPlanService(db).FindPlanByID(sqltest.SystemContext(), plans[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != "Thông tin đối ngoại tỉnh An Giang năm 2021 (bản nhập)" || p.Number != "45/KH-UBND" || len(p.Tasks) != 1 {
			t.Fatalf("stored %q %q with %d tasks", p.Title, p.Number, len(p.Tasks))
		}
		if c := p.Tasks[0].Coordinating; len(c) != 1 || c[0].ID != f.units["so-ngoai-vu"].ID || p.Tasks[0].Deadline.ISO() != "2021-09-30" {
			t.Errorf("task: coordinating %+v, deadline %v", c, p.Tasks[0].Deadline)
		}
	})
}
