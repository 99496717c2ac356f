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

// The report of one rebuttal case for the Ban Chỉ đạo, as DOCX and PDF
// with the national header of Nghị định 30: what was detected and when,
// the assessment, the assignment, the stages against their deadlines, the
// responses, the spread and the response time. A secret case is marked
// "MẬT" above the header.

// CaseReport is what the case report needs; http fills it from the
// services.
type CaseReport struct {
	Case      *ttdn.Case
	UnitNames map[int64]string
	Spread    *ttdn.CaseSpread // nil: not followed (a case opened by hand)
	Evidence  []*ttdn.Attachment
	Now       time.Time
	Zone      *time.Location
}

// CaseReportTitle is the report's heading.
const CaseReportTitle = "BÁO CÁO KẾT QUẢ XỬ LÝ VỤ VIỆC THÔNG TIN SAI SỰ THẬT"

// caseTable is a table of the case report; Widths are shares of the text
// width, one per column.
type caseTable struct {
	Columns []string
	Widths  []float64
	Rows    [][]string
}

// caseSection is one numbered part of the case report.
type caseSection struct {
	Heading    string
	Paragraphs []string
	Tables     []caseTable
}

func (r *CaseReport) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	zone := r.Zone
	if zone == nil {
		zone = time.UTC
	}
	return t.In(zone).Format("15:04 ngày 02/01/2006")
}

func (r *CaseReport) unit(id int64) string {
	if id == 0 {
		return "chưa giao"
	}
	if n := r.UnitNames[id]; n != "" {
		return n
	}
	return "đơn vị số " + strconv.FormatInt(id, 10)
}

// Duration writes minutes as "2 giờ 20 phút".
func Duration(minutes int64) string {
	if minutes < 60 {
		return fmt.Sprintf("%d phút", minutes)
	}
	return fmt.Sprintf("%d giờ %d phút", minutes/60, minutes%60)
}

// caseSections returns the body of the report.
func (r *CaseReport) caseSections() []caseSection {
	c := r.Case
	found := r.found()
	var topics []string
	for _, t := range c.Topics {
		topics = append(topics, t.Label())
	}
	assessed := []string{"Nội dung thông tin sai trái: " + orDash(c.Claim),
		"Kết luận: " + c.Verdict.Label() + "; mức độ: " + c.Severity.Label() + "; chủ đề: " + orDash(strings.Join(topics, ", ")) + ".",
		"Độ mật: " + c.Classification.Label() + map[bool]string{true: " (liên quan bí mật nhà nước)", false: ""}[c.TouchesSecrets] + "."}
	if c.Assessment != "" {
		assessed = append(assessed, "Cơ sở đánh giá: "+c.Assessment)
	}
	var coord []string
	for _, id := range c.CoordinatingUnitIDs {
		coord = append(coord, r.unit(id))
	}
	stages := r.stageTable()
	responses := caseTable{Columns: []string{"STT", "Phản hồi", "Trạng thái", "Đăng, phát"}, Widths: []float64{.07, .45, .16, .32}}
	for i, resp := range c.Responses {
		where := ""
		if resp.Status == ttdn.ResponsePublished {
			where = resp.PublishedWhere + ", " + r.when(resp.PublishedAt) + maybe(" (", resp.PublishedURL) + closeIf(resp.PublishedURL)
		}
		responses.Rows = append(responses.Rows, []string{strconv.Itoa(i + 1), resp.Kind.Label() + ": " + resp.Title,
			resp.Status.Label(), where})
	}
	out := []caseSection{
		{Heading: "I. THÔNG TIN PHÁT HIỆN", Paragraphs: found},
		{Heading: "II. ĐÁNH GIÁ", Paragraphs: assessed},
		{Heading: "III. PHÂN CÔNG VÀ TIẾN TRÌNH XỬ LÝ", Paragraphs: []string{"Đơn vị chủ trì: " + r.unit(c.LeadUnitID) +
			"; đơn vị phối hợp: " + orDash(strings.Join(coord, ", ")) + "."}, Tables: []caseTable{stages}},
		{Heading: "IV. PHẢN HỒI", Tables: []caseTable{responses}},
		r.spreadSection(),
		{Heading: "VI. KẾT QUẢ", Paragraphs: r.outcome()},
	}
	if len(c.Responses) == 0 {
		out[3].Tables, out[3].Paragraphs = nil, []string{"Chưa có phản hồi."}
	}
	return out
}

// found is the detection part: the source as kept, when and by whom.
func (r *CaseReport) found() []string {
	c := r.Case
	src := c.Source
	found := []string{"Nguồn: " + orDash(src.Outlet) + originWords(src.Foreign) + "; địa chỉ: " + orDash(src.URL) +
		maybe("; đăng lúc ", r.when(src.Published)) + "."}
	if src.Title != "" {
		found = append(found, "Nội dung khi phát hiện: “"+src.Title+"”"+maybe(" — ", src.Summary))
	}
	found = append(found, "Phát hiện lúc "+r.when(c.DetectedAt)+"; đơn vị phát hiện: "+r.unit(c.UnitID)+".")
	if len(r.Evidence) > 0 {
		var names []string
		for _, a := range r.Evidence {
			names = append(names, a.Name)
		}
		found = append(found, "Bằng chứng lưu kèm: "+strings.Join(names, "; ")+".")
	}
	return found
}

// stageTable lists the stages against their deadlines.
func (r *CaseReport) stageTable() caseTable {
	c := r.Case
	stages := caseTable{Columns: []string{"STT", "Giai đoạn", "Hạn", "Hoàn thành", "Tình trạng"}, Widths: []float64{.07, .27, .25, .25, .16}}
	for i, t := range c.Timings(r.Now) {
		state := ""
		switch {
		case t.Overdue:
			state = "Quá hạn"
		case t.Late:
			state = "Trễ hạn"
		case !t.Reached.IsZero() && !t.Due.IsZero():
			state = "Đúng hạn"
		}
		stages.Rows = append(stages.Rows, []string{strconv.Itoa(i + 1), t.Stage.Label(), r.when(t.Due), r.when(t.Reached), state})
	}
	return stages
}

func (r *CaseReport) spreadSection() caseSection {
	s := caseSection{Heading: "V. MỨC ĐỘ LAN TRUYỀN"}
	sp := r.Spread
	if sp == nil || len(sp.Items) == 0 {
		s.Paragraphs = []string{"Vụ việc không theo dõi lan truyền trên báo chí (mở thủ công)."}
		return s
	}
	s.Paragraphs = []string{fmt.Sprintf("Khi mở vụ việc có %d tin bài về sự kiện; sau khi mở thêm %d tin bài (%d trong nước, %d nước ngoài).",
		len(sp.Items)-sp.After, sp.After, sp.Domestic, sp.Foreign)}
	if len(sp.ByOutlet) > 0 {
		t := caseTable{Columns: []string{"STT", "Cơ quan báo chí", "Số tin bài"}, Widths: []float64{.07, .73, .2}}
		for i, c := range sp.ByOutlet {
			t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), c.Label, FormatNumber(int64(c.Count))})
		}
		s.Tables = []caseTable{t}
	}
	return s
}

func (r *CaseReport) outcome() []string {
	c := r.Case
	var out []string
	if m, ok := c.ResponseMinutes(); ok {
		out = append(out, "Thời gian từ khi phát hiện đến khi đăng, phát phản hồi đầu tiên: "+Duration(m)+".")
	} else {
		out = append(out, "Chưa có phản hồi được đăng, phát.")
	}
	out = append(out, "Giai đoạn hiện tại: "+c.Stage.Label()+maybe("; ghi chú khi kết thúc: ", c.CloseNote)+".")
	return append(out, "Báo cáo lập lúc "+r.when(r.Now)+".")
}

func originWords(foreign bool) string {
	if foreign {
		return " (nước ngoài)"
	}
	return ""
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func maybe(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func closeIf(s string) string {
	if s == "" {
		return ""
	}
	return ")"
}

// caseSubtitle names the case under the title.
func (r *CaseReport) caseSubtitle() string {
	return fmt.Sprintf("(Vụ việc số %d: %s)", r.Case.ID, r.Case.Title)
}

// WriteCaseDOCX writes the case report as a Word document.
func WriteCaseDOCX(w io.Writer, r *CaseReport) error {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	if r.Case.Classification >= ttdn.Secret {
		para(&b, pp{align: "left", after: 120}, run{text: "MẬT", bold: true, size: bodySize})
	}
	para(&b, pp{align: "center"}, run{text: NationalName, bold: true, size: headerSize})
	para(&b, pp{align: "center"}, run{text: NationalMotto, bold: true, underline: true, size: bodySize})
	para(&b, pp{align: "center", before: 360}, run{text: CaseReportTitle, bold: true, size: bodySize})
	para(&b, pp{align: "center", after: 240}, run{text: r.caseSubtitle(), italic: true, size: bodySize})
	for _, s := range r.caseSections() {
		para(&b, pp{before: 120, after: 60}, run{text: s.Heading, bold: true, size: bodySize})
		for _, p := range s.Paragraphs {
			para(&b, pp{align: "both", indent: true, after: 60}, run{text: p, size: bodySize})
		}
		for _, t := range s.Tables {
			caseDOCXTable(&b, t)
		}
	}
	endBody(&b)
	return writePackage(w, b.String())
}

// WriteCasePDF writes the case report as an A4 PDF.
func WriteCasePDF(w io.Writer, r *CaseReport) error {
	pdf := newPDF(CaseReportTitle, "", "B", "I")
	if r.Case.Classification >= ttdn.Secret {
		pdf.SetFont(FontName, "B", 13)
		pdf.CellFormat(20, 8, "MẬT", "1", 1, "C", false, 0, "")
		pdf.Ln(2)
	}
	pdf.SetFont(FontName, "B", 12)
	pdf.CellFormat(0, 6, NationalName, "", 1, "C", false, 0, "")
	pdf.CellFormat(0, 6, NationalMotto, "", 1, "C", false, 0, "")
	pdf.Ln(6)
	pdf.SetFont(FontName, "B", 13)
	pdf.MultiCell(0, 7, CaseReportTitle, "", "C", false)
	pdf.SetFont(FontName, "I", 12)
	pdf.MultiCell(0, 7, r.caseSubtitle(), "", "C", false)
	for _, s := range r.caseSections() {
		pdf.Ln(3)
		pdf.SetFont(FontName, "B", 12)
		pdf.CellFormat(0, 7, s.Heading, "", 1, "L", false, 0, "")
		pdf.SetFont(FontName, "", 12)
		for _, p := range s.Paragraphs {
			pdf.MultiCell(0, 6, "    "+p, "", "J", false)
		}
		for _, t := range s.Tables {
			casePDFTable(pdf, t)
		}
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

func caseDOCXTable(b *strings.Builder, t caseTable) {
	widths := make([]int, len(t.Widths))
	for i, f := range t.Widths {
		widths[i] = int(f * textWidth)
	}
	docxListTable(b, widths, t.Columns, t.Rows)
}

// casePDFTable writes t with every cell wrapped in full, as the other
// official documents do (nothing is cut with "…").
func casePDFTable(pdf *fpdf.Fpdf, t caseTable) {
	const full = 165.0
	widths := make([]float64, len(t.Widths))
	for i, w := range t.Widths {
		widths[i] = full * w
	}
	pdfListTable(pdf, widths, t.Columns, t.Rows)
}
