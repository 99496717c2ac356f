package document

import (
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// TestTableCellsWrapNotTruncate: a cell's text is split over as many lines
// as its width needs and the row is as tall as its tallest cell, so every
// word of a long indicator name and of each heading is printed (nothing is
// cut with "…", no heading runs into the next).
func TestTableCellsWrapNotTruncate(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(FontName, "", serifRegular)
	pdf.AddUTF8FontFromBytes(FontName, "B", serifBold)
	pdf.AddPage()
	pdf.SetFont(FontName, "B", 9)
	widths := []float64{10, 62, 22, 22, 24, 25}
	h := wrappedHeight(pdf, widths, TableHeadings, 4.5)
	for i, head := range TableHeadings {
		lines := pdf.SplitText(head, widths[i]-2*cellPad)
		if strings.Join(lines, " ") != strings.Join(strings.Fields(head), " ") {
			t.Errorf("heading %q split into %q loses words", head, lines)
		}
		if float64(len(lines))*4.5+2*cellPad > h+0.001 {
			t.Errorf("heading %q needs %d lines, the row holds %.1f mm", head, len(lines), h)
		}
		for _, l := range lines {
			if pdf.GetStringWidth(l) > widths[i]-2*cellPad+0.01 {
				t.Errorf("heading line %q is wider than its cell", l)
			}
		}
	}
	pdf.SetFont(FontName, "", 9)
	name := "Số lượng tin, bài, phóng sự về biên giới, quan hệ hữu nghị Việt Nam – Campuchia và hợp tác kinh tế cửa khẩu Mộc Bài được đăng tải"
	one := wrappedHeight(pdf, widths, []string{"1", "Ngắn", "bài", "3", "2", "+1"}, 4.5)
	long := wrappedHeight(pdf, widths, []string{"1", name, "bài", "3", "2", "+1"}, 4.5)
	if lines := pdf.SplitText(name, widths[1]-2*cellPad); long < float64(len(lines))*4.5 || len(lines) < 3 || long <= one {
		t.Errorf("a long name of %d lines gets a row of %.1f mm (a short one %.1f)", len(lines), long, one)
	}
}
