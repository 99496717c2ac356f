package document_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ttdn"
	"ttdn/document"
)

func i64(n int64) *int64 { return &n }

// report is a consolidated report as storage returns it, issued.
func report() *ttdn.ConsolidatedReport {
	articles := &ttdn.Indicator{Code: "articles", Name: "Tin, bài thông tin đối ngoại", ValueType: ttdn.ValueCount, Unit: "tin, bài"}
	budget := &ttdn.Indicator{Code: "budget_spent", Name: "Kinh phí đã sử dụng", ValueType: ttdn.ValueVND, Unit: "đồng"}
	return &ttdn.ConsolidatedReport{
		Status: ttdn.ConsolidatedIssued, Number: "125/BC-SVHTTDL", IssuedOn: ttdn.Date{Year: 2019, Month: 12, Day: 5},
		Issuer: "UBND TỈNH TÂY NINH", IssuingUnit: "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", Place: "Tây Ninh",
		Summary:     "Kết quả công tác thông tin đối ngoại năm 2019",
		Narrative:   ttdn.Narrative{Results: "Các sở, ngành triển khai nghiêm túc Kế hoạch; quảng bá hình ảnh Tây Ninh đến bạn bè quốc tế."},
		SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", Signer: "Nguyễn Thị Hồng Ngọc",
		Recipients: []string{"Bộ Văn hóa, Thể thao và Du lịch (b/c);", "UBND tỉnh (b/c);", "Lưu: VT."},
		Period:     &ttdn.ReportPeriod{Name: "năm 2019", DueDate: ttdn.Date{Year: 2019, Month: 12, Day: 5}},
		Totals: []*ttdn.IndicatorTotal{
			{Indicator: articles, Value: 7, Previous: i64(4), Units: 2, Rows: []*ttdn.BreakdownTotal{
				{Breakdown: ttdn.ByLanguage, Item: "en", Value: 4, Previous: i64(1)}}},
			{Indicator: budget, Value: 15000000, Units: 2},
		},
		UnitNarratives: []*ttdn.UnitNarrative{{Key: "shortcomings", Heading: "Hạn chế", Units: []ttdn.UnitText{
			{UnitName: "Sở Ngoại vụ", Text: "Thiếu phóng viên tiếng Khmer."}}}},
		Difficulties: []string{},
	}
}

// docxText returns the text of word/document.xml, paragraph by paragraph.
func docxText(t *testing.T, data []byte) []string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	var doc []byte
	for _, f := range z.File {
		names[f.Name] = true
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/styles.xml"} {
		if !names[want] {
			t.Fatalf("missing part %s", want)
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var paras []string
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.CharData:
			cur.Write(tok)
		case xml.EndElement:
			if tok.Name.Local == "p" {
				paras = append(paras, cur.String())
				cur.Reset()
			}
		}
	}
	return paras
}

func TestDOCXLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := document.WriteDOCX(&buf, report()); err != nil {
		t.Fatal(err)
	}
	paras := docxText(t, buf.Bytes())
	// Nghị định 30's parts, in order.
	order := []string{"UBND TỈNH TÂY NINH", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Số: 125/BC-SVHTTDL",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tây Ninh, ngày 05 tháng 12 năm 2019",
		"BÁO CÁO", "Kết quả công tác thông tin đối ngoại năm 2019", "I. KẾT QUẢ THỰC HIỆN",
		"quảng bá hình ảnh Tây Ninh", "Chỉ tiêu", "Tin, bài thông tin đối ngoại", "15.000.000",
		"Sở Ngoại vụ: Thiếu phóng viên tiếng Khmer.", "Nơi nhận:", "- Bộ Văn hóa, Thể thao và Du lịch (b/c);",
		"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Hồng Ngọc"}
	at := 0
	for _, want := range order {
		found := false
		for ; at < len(paras); at++ {
			if strings.Contains(paras[at], want) {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("%q missing or out of order; paragraphs: %q", want, paras)
		}
	}
}

func TestDOCXFormatting(t *testing.T) {
	var buf bytes.Buffer
	if err := document.WriteDOCX(&buf, report()); err != nil {
		t.Fatal(err)
	}
	z, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	var doc, styles string
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case "word/document.xml":
			doc = string(b)
		case "word/styles.xml":
			styles = string(b)
		}
	}
	for _, want := range []string{`<w:u w:val="single"/>`, `<w:i/>`, `w:w="11906" w:h="16838"`, `w:left="1701"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	motto := strings.Index(doc, document.NationalMotto)
	if u := strings.LastIndex(doc[:motto], `<w:u w:val="single"/>`); u < 0 || motto-u > 200 {
		t.Error("the motto is not underlined")
	}
	if !strings.Contains(styles, `w:ascii="Times New Roman"`) || !strings.Contains(styles, `<w:sz w:val="28"/>`) {
		t.Error("default font is not Times New Roman 14 pt")
	}
}

func TestDraftHeader(t *testing.T) {
	c := report()
	c.Number, c.IssuedOn, c.Status = "", ttdn.Date{}, ttdn.ConsolidatedDraft
	if got := document.NumberLine(c); got != "Số:        /BC-SVHTTDL" {
		t.Errorf("draft number %q", got)
	}
	if got := document.PlaceDate(c); !strings.HasPrefix(got, "Tây Ninh, ngày ") || !strings.HasSuffix(got, "năm 2019") {
		t.Errorf("draft date %q", got)
	}
	c.IssuedOn = ttdn.Date{Year: 2020, Month: 2, Day: 3}
	if got := document.PlaceDate(c); got != "Tây Ninh, ngày 03 tháng 02 năm 2020" {
		t.Errorf("date %q", got)
	}
}

func TestPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := document.WritePDF(&buf, report()); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("starts with %q", b[:8])
	}
	if !bytes.Contains(b, []byte("/FontFile2")) || !bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(document.FontName))) {
		t.Fatal("the font is not embedded")
	}
}

func TestXLSXAndCSV(t *testing.T) {
	c := report()
	units := []*ttdn.UnitReport{{UnitName: "Sở Ngoại vụ", Status: ttdn.ReportAccepted, Late: true,
		Values:    []*ttdn.ReportValue{{Code: "articles", Computed: i64(3), Reported: i64(5), Note: "Thêm 2 bài"}},
		Narrative: ttdn.Narrative{Results: "Đón 2 đoàn phóng viên."}}}
	var buf bytes.Buffer
	if err := document.WriteXLSX(&buf, c, units); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "Tổng hợp" || sheets[1] != "Sở Ngoại vụ" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, _ := f.GetRows("Tổng hợp")
	if rows[2][2] != "Tin, bài thông tin đối ngoại" || rows[2][6] != "7" || rows[3][4] != "en" || rows[4][6] != "15000000" {
		t.Fatalf("summary rows %q", rows)
	}
	unit, _ := f.GetRows("Sở Ngoại vụ")
	if !strings.Contains(unit[0][0], "nộp muộn") || unit[2][4] != "5" || unit[2][5] != "3" || unit[2][7] != "Thêm 2 bài" {
		t.Fatalf("unit rows %q", unit)
	}
	buf.Reset()
	if err := document.WriteCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Tin, bài thông tin đối ngoại") || !strings.Contains(buf.String(), "15000000") {
		t.Fatalf("csv %q", buf.String())
	}
}

// TestRowsNameLanguages: a "trong đó" row by language names the language,
// every language ttdn names, never its code.
func TestRowsNameLanguages(t *testing.T) {
	for _, code := range []string{"vi", "en", "km", "zh", "fr", "lo"} {
		c := &ttdn.ConsolidatedReport{Totals: []*ttdn.IndicatorTotal{{Indicator: &ttdn.Indicator{Name: "Tin, bài", Unit: "tin, bài"},
			Value: 3, Rows: []*ttdn.BreakdownTotal{{Breakdown: ttdn.ByLanguage, Item: code, Value: 3}, {Breakdown: ttdn.ByChannel, Item: "Báo Tây Ninh", Value: 1}}}}}
		rows := document.Rows(c)
		want := "trong đó: " + ttdn.LanguageName(code, false) + " (theo ngôn ngữ)"
		if len(rows) != 3 || rows[1].Name != want || want == "trong đó: "+code+" (theo ngôn ngữ)" {
			t.Errorf("%s: rows %q, want %q", code, rows[1].Name, want)
		}
		if rows[2].Name != "trong đó: Báo Tây Ninh (theo kênh)" {
			t.Errorf("channel row %q", rows[2].Name)
		}
	}
}
