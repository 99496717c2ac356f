package document

import (
	_ "embed"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"

	"ttdn"
)

// Liberation Serif (SIL Open Font License 1.1, fonts/LICENSE-Liberation.txt)
// is metric-compatible with Times New Roman, the face Nghị định 30/2020
// expects of official documents, and covers Vietnamese (U+1EA0–U+1EF9). It
// is embedded, subset, in every PDF, so the file reads and lays out the same
// as the DOCX on a machine with no Vietnamese font.
var (
	//go:embed fonts/LiberationSerif-Regular.ttf
	serifRegular []byte
	//go:embed fonts/LiberationSerif-Bold.ttf
	serifBold []byte
	//go:embed fonts/LiberationSerif-Italic.ttf
	serifItalic []byte
	//go:embed fonts/LiberationSerif-BoldItalic.ttf
	serifBoldItalic []byte
)

// FontName is the family name under which the PDF embeds its font.
const FontName = "LiberationSerif"

// WritePDF writes c as an A4 PDF with the layout of the DOCX: header
// block, title, body, indicator table, signature and recipients.
func WritePDF(w io.Writer, c *ttdn.ConsolidatedReport) error {
	pdf := newPDF(DocumentType+" "+Title(c), "", "B", "I", "BI")
	pdfHeader(pdf, c)
	pdf.SetFont(FontName, "B", 13)
	pdf.Ln(6)
	pdf.CellFormat(0, 7, DocumentType, "", 1, "C", false, 0, "")
	pdf.MultiCell(0, 6, Title(c), "", "C", false)
	pdf.Ln(3)
	for i, s := range Sections(c) {
		pdf.SetFont(FontName, "B", 12)
		pdf.MultiCell(0, 6, s.Heading, "", "L", false)
		pdf.SetFont(FontName, "", 12)
		for _, p := range s.Paragraphs {
			pdf.MultiCell(0, 6, "    "+p, "", "J", false)
		}
		if i == 0 {
			pdfTable(pdf, c)
		}
	}
	pdfSignature(pdf, c)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

func pdfHeader(pdf *fpdf.Fpdf, c *ttdn.ConsolidatedReport) {
	left, right := 65.0, 100.0
	x, y := pdf.GetX(), pdf.GetY()
	pdf.SetFont(FontName, "", 11)
	pdf.MultiCell(left, 5, strings.ToUpper(c.Issuer), "", "C", false)
	pdf.SetFont(FontName, "B", 11)
	pdf.MultiCell(left, 5, strings.ToUpper(c.IssuingUnit), "", "C", false)
	pdf.SetFont(FontName, "", 11)
	pdf.MultiCell(left, 6, NumberLine(c), "", "C", false)
	bottom := pdf.GetY()
	pdf.SetXY(x+left, y)
	pdf.SetFont(FontName, "B", 11)
	pdf.MultiCell(right, 5, NationalName, "", "C", false)
	pdf.SetX(x + left)
	pdf.SetFont(FontName, "BU", 12)
	pdf.MultiCell(right, 6, NationalMotto, "", "C", false)
	pdf.SetX(x + left)
	pdf.SetFont(FontName, "I", 12)
	pdf.MultiCell(right, 7, PlaceDate(c), "", "C", false)
	pdf.SetY(max(bottom, pdf.GetY()))
}

func pdfTable(pdf *fpdf.Fpdf, c *ttdn.ConsolidatedReport) {
	widths := []float64{10, 62, 22, 22, 24, 25}
	header := func() {
		pdf.SetFont(FontName, "B", 9)
		wrappedRow(pdf, widths, TableHeadings, []string{"C", "C", "C", "C", "C", "C"}, 4.5)
	}
	pdf.Ln(2)
	header()
	for _, r := range Rows(c) {
		style := ""
		if r.Level > 0 {
			style = "I"
		}
		pdf.SetFont(FontName, style, 9)
		cells := []string{r.Number, r.Name, r.Unit, r.Value, r.Previous, r.Change}
		if wrappedHeight(pdf, widths, cells, 4.5) > pageRoom(pdf) {
			pdf.AddPage()
			header()
			pdf.SetFont(FontName, style, 9)
		}
		wrappedRow(pdf, widths, cells, []string{"C", "L", "C", "R", "R", "R"}, 4.5)
	}
	pdf.Ln(3)
}

// An official document truncates nothing: table cells wrap over as many
// lines as they need, every cell of a row as tall as its tallest, and a
// row never splits across pages (the header repeats on the next).

// cellPad is the space inside a cell's border.
const cellPad = 1.0

// wrappedHeight is the height of a row of cells at line height lh.
func wrappedHeight(pdf *fpdf.Fpdf, widths []float64, cells []string, lh float64) float64 {
	lines := 1
	for i, t := range cells {
		lines = max(lines, len(pdf.SplitText(t, widths[i]-2*cellPad)))
	}
	return float64(lines)*lh + 2*cellPad
}

// wrappedRow draws one row of bordered, wrapped cells and moves below it.
func wrappedRow(pdf *fpdf.Fpdf, widths []float64, cells, aligns []string, lh float64) {
	h := wrappedHeight(pdf, widths, cells, lh)
	x, y := pdf.GetXY()
	for i, t := range cells {
		pdf.Rect(x, y, widths[i], h, "D")
		pdf.SetXY(x+cellPad, y+cellPad)
		pdf.MultiCell(widths[i]-2*cellPad, lh, t, "", aligns[i], false)
		x += widths[i]
	}
	left, _, _, _ := pdf.GetMargins()
	pdf.SetXY(left, y+h)
}

// pageRoom is the height left above the bottom margin.
func pageRoom(pdf *fpdf.Fpdf) float64 {
	_, pageH := pdf.GetPageSize()
	_, bottom := pdf.GetAutoPageBreak()
	return pageH - bottom - pdf.GetY()
}

func pdfSignature(pdf *fpdf.Fpdf, c *ttdn.ConsolidatedReport) {
	pdf.Ln(6)
	x, y := pdf.GetX(), pdf.GetY()
	half := 82.0
	pdf.SetFont(FontName, "BI", 11)
	pdf.CellFormat(half, 6, "Nơi nhận:", "", 2, "L", false, 0, "")
	pdf.SetFont(FontName, "", 10)
	for _, r := range Recipients(c) {
		pdf.MultiCell(half, 5, r, "", "L", false)
	}
	bottom := pdf.GetY()
	pdf.SetXY(x+half, y)
	pdf.SetFont(FontName, "B", 12)
	for _, line := range SignerLines(c) {
		pdf.SetX(x + half)
		pdf.MultiCell(half, 6, strings.ToUpper(line), "", "C", false)
	}
	pdf.Ln(22)
	pdf.SetX(x + half)
	pdf.MultiCell(half, 6, c.Signer, "", "C", false)
	pdf.SetY(max(bottom, pdf.GetY()))
}
