package document

import (
	"io"

	"github.com/go-pdf/fpdf"
)

// Note is a short one-page document: an issuing unit, a place and date
// line, a title and paragraphs. The demo attaches such notes as the
// evidence a unit would upload (a report of results).
type Note struct {
	Unit       string
	PlaceDate  string // "Tây Ninh, ngày 05 tháng 3 năm 2026"
	Title      string
	Paragraphs []string
}

// WriteNotePDF writes n as an A4 PDF with the same embedded font as the
// official documents.
func WriteNotePDF(w io.Writer, n Note) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(30, 20, 15)
	pdf.AddUTF8FontFromBytes(FontName, "", serifRegular)
	pdf.AddUTF8FontFromBytes(FontName, "B", serifBold)
	pdf.SetTitle(n.Title, true)
	pdf.AddPage()
	pdf.SetFont(FontName, "B", 11)
	pdf.MultiCell(80, 5, n.Unit, "", "C", false)
	pdf.Ln(2)
	pdf.SetFont(FontName, "", 11)
	pdf.MultiCell(0, 6, n.PlaceDate, "", "R", false)
	pdf.Ln(6)
	pdf.SetFont(FontName, "B", 13)
	pdf.MultiCell(0, 7, n.Title, "", "C", false)
	pdf.Ln(4)
	pdf.SetFont(FontName, "", 12)
	for _, p := range n.Paragraphs {
		pdf.MultiCell(0, 6, "    "+p, "", "J", false)
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}
