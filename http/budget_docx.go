package http

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"net/http"
	"strings"

	"ttdn"
	"ttdn/directory"
)

// The appraisal goes out as an administrative document laid out per Nghị
// định 30/2020/NĐ-CP: issuing body and number on the left, Quốc hiệu and
// Tiêu ngữ on the right, place and date, document type and summary, body,
// the table of lines, recipients and signature. The consolidated report's
// DOCX writer (package document) takes only a ConsolidatedReport, so this
// small writer builds the few WordprocessingML parts itself.

func (s *Server) handleBudgetAppraisalDOCX(w http.ResponseWriter, r *http.Request) {
	v, err := s.newBudgetView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := writeAppraisalDOCX(&buf, v, ttdn.DateOf(s.now().In(vietnam)), s.province(r)); err != nil {
		s.renderError(w, r, ttdn.Errorf(ttdn.EINTERNAL, "Không tạo được tệp: %v", "The file could not be made: %v", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	h.Set("Content-Disposition", ttdn.ContentDisposition(fmt.Sprintf("tham-dinh-du-toan-%d.docx", v.E.ID)))
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

const docxTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

// writeAppraisalDOCX writes the appraisal of v dated on as a .docx.
func writeAppraisalDOCX(w *bytes.Buffer, v *budgetView, on ttdn.Date, p directory.ProvinceInfo) error {
	z := zip.NewWriter(w)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", docxTypes}, {"_rels/.rels", docxRels}, {"word/document.xml", appraisalXML(v, on, p)},
	} {
		f, err := z.Create(part.name)
		if err != nil {
			return err
		}
		if _, err := f.Write([]byte(part.body)); err != nil {
			return err
		}
	}
	return z.Close()
}

// appraisalXML is the document body.
func appraisalXML(v *budgetView, on ttdn.Date, p directory.ProvinceInfo) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	month := fmt.Sprintf("%d", on.Month)
	if on.Month < 3 {
		month = "0" + month
	}
	// Nghị định 30/2020: the superior body above the issuing one.
	docTable(&b, false, []int{3800, 5500}, [][]string{
		{strings.ToUpper(translate("vi", "app.org", p.Place())), "**" + document30Name},
		{"**SỞ TÀI CHÍNH", "**" + document30Motto},
		{"Số:        /BC-STC", ""},
		{"", fmt.Sprintf("_%s, ngày %02d tháng %s năm %d", p.Name, on.Day, month, on.Year)},
	})
	docPara(&b, "center", true, false, "BÁO CÁO")
	docPara(&b, "center", true, false, fmt.Sprintf("Kết quả thẩm định dự toán kinh phí thông tin đối ngoại năm %d của %s", v.E.Year, v.UnitName))
	docPara(&b, "both", false, false, fmt.Sprintf("Căn cứ dự toán “%s” do %s lập, Sở Tài chính báo cáo kết quả thẩm định như sau:",
		v.E.Title, v.UnitName))
	rows := [][]string{{"**STT", "**Nội dung chi", "**ĐVT", "**Số lượng", "**Đơn giá (đồng)", "**Dự toán (đồng)", "**Thẩm định (đồng)", "**Ý kiến"}}
	for i, l := range v.E.Lines {
		appraised := ""
		if l.Appraised != nil {
			appraised = l.Appraised.Digits()
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), l.Item, l.UnitOfMeasure, ttdn.Money(l.Quantity).Digits(), l.UnitPrice.Digits(),
			l.Amount.Digits(), appraised, l.AppraisalComment})
	}
	rows = append(rows, []string{"", "**Tổng cộng", "", "", "", "**" + v.Total.Digits(), "**" + v.Appraised.Digits(), ""})
	docTable(&b, true, []int{500, 2600, 700, 800, 1200, 1300, 1300, 1500}, rows)
	docPara(&b, "both", false, false, fmt.Sprintf("Tổng dự toán đơn vị đề nghị: %s; tổng kinh phí thẩm định: %s.", v.Total, v.Appraised))
	if v.E.Note != "" {
		docPara(&b, "both", false, false, "Ý kiến của Sở Tài chính: "+v.E.Note)
	}
	if v.E.Status == ttdn.BudgetApproved {
		docPara(&b, "both", false, false, fmt.Sprintf("Đã được %s phê duyệt tại Quyết định số %s ngày %s.", v.E.Approval.Body, v.E.Approval.Number, v.E.Approval.Date))
	}
	docTable(&b, false, []int{4600, 4700}, [][]string{
		{"**_Nơi nhận:", "**GIÁM ĐỐC"},
		{"- " + v.UnitName + ";", ""},
		{"- UBND tỉnh (b/c);", ""},
		{"- Lưu: VT, STC.", ""},
	})
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

// Quốc hiệu and Tiêu ngữ (Nghị định 30/2020, phụ lục I).
const (
	document30Name  = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	document30Motto = "Độc lập - Tự do - Hạnh phúc"
)

// docPara writes a paragraph in Times New Roman 14.
func docPara(b *strings.Builder, align string, bold, italic bool, text string) {
	fmt.Fprintf(b, `<w:p><w:pPr><w:jc w:val="%s"/><w:spacing w:after="120"/></w:pPr>`, align)
	docRun(b, bold, italic, 28, text)
	b.WriteString(`</w:p>`)
}

func docRun(b *strings.Builder, bold, italic bool, size int, text string) {
	b.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>`)
	if bold {
		b.WriteString(`<w:b/>`)
	}
	if italic {
		b.WriteString(`<w:i/>`)
	}
	fmt.Fprintf(b, `<w:sz w:val="%d"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, size, html.EscapeString(text))
}

// docTable writes a table; a cell starting "**" is bold, then "_" italic.
func docTable(b *strings.Builder, borders bool, widths []int, rows [][]string) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>`)
	if borders {
		b.WriteString(`<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>`)
	}
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, wd)
	}
	b.WriteString(`</w:tblGrid>`)
	size, align := 26, "center"
	if borders {
		size, align = 22, "left"
	}
	for _, row := range rows {
		b.WriteString(`<w:tr>`)
		for i, c := range row {
			bold := strings.HasPrefix(c, "**")
			c = strings.TrimPrefix(c, "**")
			italic := strings.HasPrefix(c, "_")
			c = strings.TrimPrefix(c, "_")
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="%s"/></w:pPr>`, widths[i], align)
			docRun(b, bold, italic, size, c)
			b.WriteString(`</w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}
