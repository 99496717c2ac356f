package document

import (
	"archive/zip"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
)

// The pieces every official document of this package shares: the Word
// package around a body, the A4 page of Nghị định 30/2020 in Word and in
// PDF, and the list table (a header row, a text column, figures) that the
// case report and the press digest print.

// writePackage zips a Word document whose word/document.xml is body.
func writePackage(w io.Writer, body string) error {
	z := zip.NewWriter(w)
	for _, p := range []struct{ name, body string }{{"[Content_Types].xml", contentTypes}, {"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", documentRels}, {"word/styles.xml", styles}, {"word/document.xml", body}} {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

// endBody closes a document body with the A4 section and its margins.
func endBody(b *strings.Builder) {
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
}

// newPDF starts an A4 PDF with the official margins and the serif font in
// the given styles ("", "B", "I", "BI").
func newPDF(title string, styles ...string) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(30, 20, 15)
	pdf.SetAutoPageBreak(true, 20)
	faces := map[string][]byte{"": serifRegular, "B": serifBold, "I": serifItalic, "BI": serifBoldItalic}
	for _, s := range styles {
		pdf.AddUTF8FontFromBytes(FontName, s, faces[s])
	}
	pdf.SetTitle(title, true)
	pdf.AddPage()
	return pdf
}

// docxListTable writes a table whose first row is the header; the second
// column is text, set left, the others centred.
func docxListTable(b *strings.Builder, widths []int, columns []string, rows [][]string) {
	openTable(b, true, widths...)
	for i, r := range append([][]string{columns}, rows...) {
		b.WriteString(`<w:tr>`)
		for j, c := range r {
			cell(b, widths[j], func() {
				align := "center"
				if j == 1 && i > 0 {
					align = "left"
				}
				para(b, pp{align: align}, run{text: c, bold: i == 0, size: smallSize})
			})
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// pdfListTable is docxListTable in a PDF: every cell wrapped in full
// (nothing in an official document is cut with "…"), the header repeated
// on each new page.
func pdfListTable(pdf *fpdf.Fpdf, widths []float64, columns []string, rows [][]string) {
	header := func() {
		pdf.SetFont(FontName, "B", 9)
		wrappedRow(pdf, widths, columns, centred(len(widths)), 4.5)
	}
	header()
	body := centred(len(widths))
	if len(body) > 1 {
		body[1] = "L"
	}
	for _, r := range rows {
		pdf.SetFont(FontName, "", 9)
		if wrappedHeight(pdf, widths, r, 4.5) > pageRoom(pdf) {
			pdf.AddPage()
			header()
			pdf.SetFont(FontName, "", 9)
		}
		wrappedRow(pdf, widths, r, body, 4.5)
	}
}
