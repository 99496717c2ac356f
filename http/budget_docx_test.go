package http

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"ttdn"
)

// TestAppraisalDOCX checks the appraisal opens as a .docx whose text has
// the Nghị định 30 header, the lines and the totals.
func TestAppraisalDOCX(t *testing.T) {
	appraised := ttdn.Money(40_000_000)
	e := &ttdn.BudgetEstimate{ID: 7, Year: 2019, Title: "Dự toán <TTĐN> & in ấn", Revision: 3, Status: ttdn.BudgetForwarded,
		Lines: []*ttdn.BudgetLine{{Item: "Tập huấn", Quantity: 2, UnitOfMeasure: "lớp", UnitPrice: 25_000_000, Amount: 50_000_000,
			Appraised: &appraised, AppraisalComment: "Tối đa 20 triệu"}}}
	v := &budgetView{E: e, UnitName: "Công an tỉnh", Total: 50_000_000, Appraised: appraised}
	var buf bytes.Buffer
	if err := writeAppraisalDOCX(&buf, v, ttdn.Date{Year: 2019, Month: 2, Day: 5}, tayNinh()); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var body string
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			r, _ := f.Open()
			b, _ := io.ReadAll(r)
			body = string(b)
		}
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 05 tháng 02 năm 2019",
		"BÁO CÁO", "Công an tỉnh", "50.000.000", "40.000.000", "Tối đa 20 triệu", "Dự toán &lt;TTĐN&gt; &amp; in ấn", "Nơi nhận:", "GIÁM ĐỐC"} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	// The superior body heads the issuing one; no internal counters.
	if up, sd := strings.Index(body, "ỦY BAN NHÂN DÂN TỈNH"), strings.Index(body, "SỞ TÀI CHÍNH"); up < 0 || sd < 0 || up > sd {
		t.Errorf("the superior body is not above SỞ TÀI CHÍNH (%d, %d)", up, sd)
	}
	if strings.Contains(body, "lần sửa") {
		t.Error("the appraisal prints the revision counter")
	}
}
