package document

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"ttdn"
)

// The press-opinion digest ("tổng hợp dư luận báo chí trong và ngoài
// nước") as DOCX and PDF, with the national header of Nghị định 30 and the
// same fonts as the reports: a summary paragraph, then one table per
// breakdown and the top stories.

// DigestTitle is the digest's heading.
const DigestTitle = "TỔNG HỢP DƯ LUẬN BÁO CHÍ TRONG VÀ NGOÀI NƯỚC"

// DigestSpan returns "ngày 14/11/2025" or "từ ngày 08/11/2025 đến ngày
// 14/11/2025".
func DigestSpan(d *ttdn.PressDigest) string {
	if d.Kind == ttdn.DigestWeekly {
		first := ttdn.DateOf(d.Day.Time(time.UTC).AddDate(0, 0, -6))
		return "từ ngày " + first.String() + " đến ngày " + d.Day.String()
	}
	return "ngày " + d.Day.String()
}

// DigestSummary is the digest's opening paragraph.
func DigestSummary(d *ttdn.PressDigest) string {
	return fmt.Sprintf("Trong thời gian %s, hệ thống theo dõi %s tin bài; %s tin bài liên quan đến địa phương "+
		"(%s trong nước, %s nước ngoài), trong đó %s tin bài cần xử lý, phản bác.", DigestSpan(d),
		FormatNumber(int64(d.Articles)), FormatNumber(int64(d.Hits)), FormatNumber(int64(d.Domestic)),
		FormatNumber(int64(d.Foreign)), FormatNumber(int64(d.NeedsAction)))
}

// DigestTable is one table of the digest: a heading and rows of cells.
type DigestTable struct {
	Heading string
	Columns []string
	Rows    [][]string
}

// DigestTables returns the breakdown tables and the top stories.
func DigestTables(d *ttdn.PressDigest) []DigestTable {
	counts := func(h string, list []ttdn.Count) DigestTable {
		t := DigestTable{Heading: h, Columns: []string{"STT", "Nội dung", "Số tin bài"}}
		for i, c := range list {
			t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), c.Label, FormatNumber(int64(c.Count))})
		}
		return t
	}
	stories := DigestTable{Heading: "5. Các vấn đề được nhiều báo đưa tin", Columns: []string{"STT", "Câu chuyện", "Số tin bài", "Số báo"}}
	for i, s := range d.TopStories {
		stories.Rows = append(stories.Rows, []string{strconv.Itoa(i + 1), s.Title, strconv.Itoa(s.Articles), strconv.Itoa(s.Outlets)})
	}
	return []DigestTable{counts("1. Theo chuyên đề", d.ByTheme), counts("2. Theo nguồn tin", d.BySource),
		counts("3. Theo ngôn ngữ", d.ByLanguage), counts("4. Theo sắc thái", d.ByTone), stories}
}

// WriteDigestDOCX writes the digest as a Word document.
func WriteDigestDOCX(w io.Writer, d *ttdn.PressDigest) error {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para(&b, pp{align: "center"}, run{text: NationalName, bold: true, size: headerSize})
	para(&b, pp{align: "center"}, run{text: NationalMotto, bold: true, underline: true, size: bodySize})
	para(&b, pp{align: "center", before: 360}, run{text: DigestTitle, bold: true, size: bodySize})
	para(&b, pp{align: "center", after: 240}, run{text: "(" + DigestSpan(d) + ")", italic: true, size: bodySize})
	para(&b, pp{align: "both", indent: true, after: 120}, run{text: DigestSummary(d), size: bodySize})
	for _, t := range DigestTables(d) {
		para(&b, pp{before: 120, after: 60}, run{text: t.Heading, bold: true, size: bodySize})
		digestDOCXTable(&b, t)
	}
	endBody(&b)
	return writePackage(w, b.String())
}

func digestDOCXTable(b *strings.Builder, t DigestTable) {
	docxListTable(b, digestWidths(len(t.Columns), textWidth), t.Columns, t.Rows)
}

// digestWidths gives the number columns a fixed share and the text column
// the rest.
func digestWidths(n, total int) []int {
	small := total / 8
	w := make([]int, n)
	for i := range w {
		w[i] = small
	}
	w[1] = total - small*(n-1)
	return w
}

// WriteDigestPDF writes the digest as an A4 PDF.
func WriteDigestPDF(w io.Writer, d *ttdn.PressDigest) error {
	pdf := newPDF(DigestTitle, "", "B", "I")
	pdf.SetFont(FontName, "B", 12)
	pdf.CellFormat(0, 6, NationalName, "", 1, "C", false, 0, "")
	pdf.CellFormat(0, 6, NationalMotto, "", 1, "C", false, 0, "")
	pdf.Ln(6)
	pdf.SetFont(FontName, "B", 13)
	pdf.MultiCell(0, 7, DigestTitle, "", "C", false)
	pdf.SetFont(FontName, "I", 12)
	pdf.CellFormat(0, 7, "("+DigestSpan(d)+")", "", 1, "C", false, 0, "")
	pdf.SetFont(FontName, "", 12)
	pdf.MultiCell(0, 6, "    "+DigestSummary(d), "", "J", false)
	for _, t := range DigestTables(d) {
		pdf.Ln(3)
		pdf.SetFont(FontName, "B", 12)
		pdf.CellFormat(0, 7, t.Heading, "", 1, "L", false, 0, "")
		digestPDFTable(pdf, t)
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

func digestPDFTable(pdf *fpdf.Fpdf, t DigestTable) {
	full := 165.0
	widths := make([]float64, len(t.Columns))
	for i := range widths {
		widths[i] = 18
	}
	widths[1] = full - 18*float64(len(t.Columns)-1)
	pdfListTable(pdf, widths, t.Columns, t.Rows)
}

// centred is n centred alignments.
func centred(n int) []string {
	a := make([]string, n)
	for i := range a {
		a[i] = "C"
	}
	return a
}
