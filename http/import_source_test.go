package http

import (
	"bytes"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestImportPreviewSideBySide: the preview shows the source text line by
// line with each warning at its line, links from the plan to the source,
// and header and task fields that the confirmation applies.
func TestImportPreviewSideBySide(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		src, err := os.ReadFile("../planparse/testdata/ke-hoach-2020-web.txt")
		if err != nil {
			t.Fatal(err)
		}
		w := f.do(f.upload("coordinator", "ke-hoach-2020.txt", src))
		page := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("preview: %d\n%s", w.Code, snippet(page))
		}
		lines := strings.Split(string(src), "\n")
		line := func(part string) string {
			for i, l := range lines {
				if strings.Contains(l, part) {
					return itoa(int64(i + 1))
				}
			}
			t.Fatalf("no line with %q", part)
			return ""
		}
		unknown := line("Hiệp hội Du lịch tỉnh")
		for _, want := range []string{
			`<li id="src-` + unknown + `" class="warned">`,
			`href="#src-` + unknown + `"`,
			`<span class="warn-note" role="note">⚠ Nhiệm vụ III.1: không nhận ra đơn vị “Hiệp hội Du lịch tỉnh”`,
			`<li id="src-` + line("31/02/2020") + `" class="warned">`,
			`name="h_title" value="Công tác thông tin đối ngoại tỉnh Tây Ninh năm 2020"`,
			`name="h_number" value="79/KH-UBND"`,
			`name="t0_title"`, `name="t2_deadline" value="31/02/2020"`,
			`<a class="src-link" href="#src-` + line("1. Tổ chức họp báo") + `"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("preview lacks %q", want)
			}
		}
		v := previewForm(t, page)
		// A bad year is refused, nothing stored, what was typed kept.
		v.Set("h_year", "hai nghìn")
		w = f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Năm &#34;hai nghìn&#34; không hợp lệ") ||
			!strings.Contains(w.Body.String(), `value="hai nghìn"`) || f.planCount(t) != 0 {
			t.Fatalf("bad year: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		v.Set("h_year", "2020")
		v.Set("h_title", "Thông tin đối ngoại năm 2020 (đã sửa)")
		v.Set("h_issued_on", "16/01/2020")
		v.Set("t2_deadline", "Quý III/2020")
		v.Set("t0_product", "Họp báo quý")
		w = f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", v))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		plans, _, _ := sqlstore.NewPlanService(db).FindPlans(sqltest.SystemContext(), ttdn.PlanFilter{Limit: 5})
		p, err := sqlstore.NewPlanService(db).FindPlanByID(sqltest.SystemContext(), plans[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != "Thông tin đối ngoại năm 2020 (đã sửa)" || p.IssuedOn.ISO() != "2020-01-16" || p.Number != "79/KH-UBND" {
			t.Errorf("header edits: %q %v %q", p.Title, p.IssuedOn, p.Number)
		}
		if t2 := p.Tasks[2]; t2.DeadlineText != "Quý III/2020" || t2.Deadline.ISO() != "2020-09-30" || p.Tasks[0].Product != "Họp báo quý" {
			t.Errorf("task edits: %q %v %q", t2.DeadlineText, t2.Deadline, p.Tasks[0].Product)
		}
		if page := f.do(f.request(http.MethodGet, "/plans/"+itoa(p.ID), "coordinator", nil)).Body.String(); !strings.Contains(page, `<dd class="task-product">Họp báo quý</dd>`) {
			t.Errorf("plan page lacks the product\n%s", snippet(page))
		}
	})
}

// TestImportPDF: a PDF with a text layer is read, previewed and stored.
func TestImportPDF(t *testing.T) {
	font, err := os.ReadFile("../document/fonts/LiberationSerif-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("S", "", font)
	pdf.SetFont("S", "", 11)
	pdf.AddPage()
	for _, l := range []string{"Số: 45/KH-UBND", "An Giang, ngày 10 tháng 3 năm 2021", "KẾ HOẠCH", "Thông tin đối ngoại tỉnh An Giang năm 2021",
		"I. NHIỆM VỤ", "1. Xây dựng chuyên mục tiếng Anh trên Cổng thông tin điện tử tỉnh.", "- Đơn vị thực hiện: Sở Thông tin và Truyền thông.",
		"- Thời hạn: Quý III/2021.", "II. TỔ CHỨC THỰC HIỆN", "1. Sở Ngoại vụ", "Phối hợp thực hiện."} {
		pdf.MultiCell(0, 6, l, "", "L", false)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		w := f.do(f.upload("coordinator", "an-giang.pdf", b.Bytes()))
		page := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(page, `name="h_number" value="45/KH-UBND"`) || !strings.Contains(page, "Quý III/2021") {
			t.Fatalf("pdf preview: %d\n%s", w.Code, snippet(page))
		}
		w = f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", previewForm(t, page)))
		if w.Code != http.StatusSeeOther || f.planCount(t) != 1 {
			t.Fatalf("pdf confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
	})
}

// TestImportDecision: a plan issued as a decision's attachment is stored
// with the decision, which the preview and the plan page show.
func TestImportDecision(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ HỒ CHÍ MINH | Độc lập - Tự do - Hạnh phúc\n" +
		"Số: 1234/QĐ-UBND | Thành phố Hồ Chí Minh, ngày 20 tháng 4 năm 2020\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch thông tin đối ngoại năm 2020\n" +
		"Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;\nQUYẾT ĐỊNH:\n" +
		"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thông tin đối ngoại năm 2020.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n" +
		"Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thanh Liêm\n" +
		"KẾ HOẠCH\nThông tin đối ngoại năm 2020\nI. NHIỆM VỤ\n1. Tổ chức họp báo quốc tế.\n- Đơn vị chủ trì: Sở Ngoại vụ.\n- Thời hạn: Quý III/2020.\n" +
		"II. TỔ CHỨC THỰC HIỆN\n1. Sở Thông tin và Truyền thông\nTheo dõi, tổng hợp.\n"
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		w := f.do(f.upload("coordinator", "qd-1234.txt", []byte(text)))
		page := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(page, `id="pv-decision">Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 20/04/2020, người ký Lê Thanh Liêm`) {
			t.Fatalf("preview: %d\n%s", w.Code, snippet(page))
		}
		w = f.do(f.request(http.MethodPost, "/plans/import/confirm", "coordinator", previewForm(t, page)))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		page = f.do(f.request(http.MethodGet, w.Header().Get("Location"), "coordinator", nil)).Body.String()
		if !strings.Contains(page, `<p class="doc-decision">(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 20/04/2020)</p>`) {
			t.Errorf("plan page lacks the decision\n%s", snippet(page))
		}
	})
}
