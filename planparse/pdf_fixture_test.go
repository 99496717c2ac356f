package planparse

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// renderPDF lays out a plan written in a small markup as an A4 PDF with a
// text layer, the way offices' word processors do, with the Vietnamese font
// the exports embed. Tests make their PDFs with it, so no fixture is a
// binary file fetched from elsewhere.
//
//	#L text / #R text   a line of the left / right column of a two-column
//	                    block (header, signature); consecutive ones form one
//	                    block
//	|a|b|c|             a table row with borders; consecutive rows form one
//	                    table; a cell "^" is merged with the cell above
//	=TEXT               a centred line
//	other lines         a justified paragraph, wrapped at the page width
func renderPDF(tb testing.TB, markup string) []byte {
	tb.Helper()
	font, err := os.ReadFile("../document/fonts/LiberationSerif-Regular.ttf")
	if err != nil {
		tb.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(25, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.AddUTF8FontFromBytes("Serif", "", font)
	p.SetFont("Serif", "", 11)
	p.AddPage()
	lines := strings.Split(markup, "\n")
	for i := 0; i < len(lines); {
		l := strings.TrimRight(lines[i], " \r")
		switch {
		case strings.HasPrefix(l, "#L ") || strings.HasPrefix(l, "#R "):
			var left, right []string
			for ; i < len(lines) && (strings.HasPrefix(lines[i], "#L ") || strings.HasPrefix(lines[i], "#R ")); i++ {
				if strings.HasPrefix(lines[i], "#L ") {
					left = append(left, lines[i][3:])
				} else {
					right = append(right, lines[i][3:])
				}
			}
			twoColumns(p, left, right)
		case strings.HasPrefix(l, "|"):
			var rows [][]string
			for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
				r := strings.Trim(strings.TrimSpace(lines[i]), "|")
				cells := strings.Split(r, "|")
				for k := range cells {
					cells[k] = strings.TrimSpace(cells[k])
				}
				rows = append(rows, cells)
			}
			pdfTable(p, rows)
		case strings.HasPrefix(l, "="):
			p.MultiCell(0, 6, l[1:], "", "C", false)
			i++
		case strings.TrimSpace(l) == "":
			i++
		default:
			p.MultiCell(0, 6, l, "", "J", false)
			i++
		}
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func twoColumns(p *fpdf.Fpdf, left, right []string) {
	x, y := p.GetX(), p.GetY()
	p.MultiCell(65, 5.5, strings.Join(left, "\n"), "", "C", false)
	bottom := p.GetY()
	p.SetXY(x+70, y)
	p.MultiCell(95, 5.5, strings.Join(right, "\n"), "", "C", false)
	p.SetXY(x, max(bottom, p.GetY())+3)
}

// pdfTable draws rows with borders; each row is as tall as its tallest
// cell; a "^" cell has no top border, so it reads as merged with the one
// above (its text is drawn in the first row of the run).
func pdfTable(p *fpdf.Fpdf, rows [][]string) {
	n := len(rows[0])
	widths := tableWidths(n)
	const lh = 5.0
	for i, row := range rows {
		height := lh
		for k := 0; k < n && k < len(row); k++ {
			if row[k] != "^" {
				height = max(height, float64(len(p.SplitText(row[k], widths[k]-2)))*lh)
			}
		}
		_, pageH := p.GetPageSize()
		if p.GetY()+height > pageH-20 {
			p.AddPage()
		}
		x, y := p.GetX(), p.GetY()
		for k := 0; k < n; k++ {
			cell := ""
			if k < len(row) {
				cell = row[k]
			}
			border := "LR"
			if cell == "^" {
				cell = ""
			} else {
				border += "T"
			}
			if i+1 >= len(rows) || k >= len(rows[i+1]) || rows[i+1][k] != "^" {
				border += "B"
			}
			p.SetXY(x, y)
			p.CellFormat(widths[k], height, "", border, 0, "", false, 0, "")
			p.SetXY(x+1, y)
			p.MultiCell(widths[k]-2, lh, cell, "", "L", false)
			x += widths[k]
		}
		p.SetXY(p.GetX(), y+height)
		p.SetX(25)
	}
	p.Ln(2)
}

// tableWidths shares the 165 mm text width: a narrow number column, a wide
// content column, the rest even.
func tableWidths(n int) []float64 {
	if n == 1 {
		return []float64{165}
	}
	w := make([]float64, n)
	w[0] = 12
	if n == 2 {
		w[1] = 153
		return w
	}
	w[1] = 55
	for k := 2; k < n; k++ {
		w[k] = (165 - 12 - 55) / float64(n-2)
	}
	return w
}
