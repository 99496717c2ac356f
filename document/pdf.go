package document

import (
	_ "embed"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"

	"ttdn"
)

// DejaVu Serif (Bitstream Vera licence, fonts/LICENSE-DejaVu.txt) covers
// Vietnamese (U+1EA0–U+1EF9) and is embedded, subset, in every PDF, so the
// file reads the same on a machine with no Vietnamese font.
var (
	//go:embed fonts/DejaVuSerif.ttf
	serifRegular []byte
	//go:embed fonts/DejaVuSerif-Bold.ttf
	serifBold []byte
	//go:embed fonts/DejaVuSerif-Italic.ttf
	serifItalic []byte
	//go:embed fonts/DejaVuSerif-BoldItalic.ttf
	serifBoldItalic []byte
)

// FontName is the family name under which the PDF embeds its font.
const FontName = "DejaVuSerif"

// WritePDF writes c as an A4 PDF with the layout of the DOCX: header
// block, title, body, indicator table, signature and recipients.
func WritePDF(w io.Writer, c *ttdn.ConsolidatedReport) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(30, 20, 15)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AddUTF8FontFromBytes(FontName, "", serifRegular)
	pdf.AddUTF8FontFromBytes(FontName, "B", serifBold)
	pdf.AddUTF8FontFromBytes(FontName, "I", serifItalic)
	pdf.AddUTF8FontFromBytes(FontName, "BI", serifBoldItalic)
	pdf.SetTitle(DocumentType+" "+Title(c), true)
	pdf.AddPage()
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
	pdf.Ln(2)
	pdf.SetFont(FontName, "B", 9)
	for i, h := range TableHeadings {
		pdf.CellFormat(widths[i], 10, h, "1", 0, "C", false, 0, "")
	}
	pdf.Ln(-1)
	for _, r := range Rows(c) {
		style := ""
		if r.Level > 0 {
			style = "I"
		}
		pdf.SetFont(FontName, style, 9)
		for i, t := range []string{r.Number, r.Name, r.Unit, r.Value, r.Previous, r.Change} {
			align := "R"
			if i == 1 {
				align = "L"
				t = fitText(pdf, t, widths[i]-2)
			} else if i == 0 || i == 2 {
				align = "C"
			}
			pdf.CellFormat(widths[i], 6, t, "1", 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.Ln(3)
}

// fitText shortens s with an ellipsis to fit width (table cells are one
// line; the DOCX wraps them in full).
func fitText(pdf *fpdf.Fpdf, s string, width float64) string {
	if pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
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
