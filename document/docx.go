package document

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"ttdn"
)

// Page layout of Nghị định 30/2020, phụ lục I: A4, margins top and bottom
// 20 mm, left 30 mm, right 15 mm; Times New Roman, body 14 pt. OOXML
// measures in twentieths of a point (1 mm ≈ 56.7) and font sizes in half
// points.
const (
	pageW, pageH           = 11906, 16838
	marginTop, marginLeft  = 1134, 1701
	marginRight, marginBot = 851, 1134
	textWidth              = pageW - marginLeft - marginRight
	bodySize               = 28 // 14 pt
	headerSize             = 26 // 13 pt
	smallSize              = 24 // 12 pt
	recipientSize          = 22 // 11 pt
)

// WriteDOCX writes c as a Word document. The OOXML is written directly: a
// report needs paragraphs, three tables and one section, not a library.
func WriteDOCX(w io.Writer, c *ttdn.ConsolidatedReport) error {
	return writePackage(w, documentXML(c))
}

// documentXML returns word/document.xml: header, title, body with the
// indicator table, signature and recipients.
func documentXML(c *ttdn.ConsolidatedReport) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	headerTable(&b, c)
	para(&b, pp{align: "center", before: 360}, run{text: DocumentType, bold: true, size: bodySize})
	para(&b, pp{align: "center", after: 240}, run{text: Title(c), bold: true, size: bodySize})
	for i, s := range Sections(c) {
		para(&b, pp{align: "both", before: 120, indent: true}, run{text: s.Heading, bold: true, size: bodySize})
		for _, text := range s.Paragraphs {
			para(&b, pp{align: "both", indent: true, after: 60}, run{text: text, size: bodySize})
		}
		if i == 0 {
			indicatorTable(&b, c)
		}
	}
	signatureTable(&b, c)
	fmt.Fprintf(&b, `<w:sectPr><w:pgSz w:w="%d" w:h="%d"/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`,
		pageW, pageH, marginTop, marginRight, marginBot, marginLeft)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// headerTable is the two-column block above the title: issuing body and
// number on the left, Quốc hiệu, Tiêu ngữ and place and date on the right.
func headerTable(b *strings.Builder, c *ttdn.ConsolidatedReport) {
	left, right := 3700, textWidth-3700
	openTable(b, false, left, right)
	b.WriteString(`<w:tr>`)
	cell(b, left, func() {
		para(b, pp{align: "center"}, run{text: strings.ToUpper(c.Issuer), size: headerSize})
		para(b, pp{align: "center", after: 120}, run{text: strings.ToUpper(c.IssuingUnit), bold: true, size: headerSize})
		para(b, pp{align: "center"}, run{text: NumberLine(c), size: headerSize})
	})
	cell(b, right, func() {
		para(b, pp{align: "center"}, run{text: NationalName, bold: true, size: headerSize})
		para(b, pp{align: "center", after: 240}, run{text: NationalMotto, bold: true, underline: true, size: bodySize})
		para(b, pp{align: "center"}, run{text: PlaceDate(c), italic: true, size: bodySize})
	})
	b.WriteString(`</w:tr></w:tbl>`)
}

// indicatorTable writes the figures with borders, breakdown rows in italics.
func indicatorTable(b *strings.Builder, c *ttdn.ConsolidatedReport) {
	widths := []int{600, 3454, 1200, 1300, 1400, 1400}
	openTable(b, true, widths...)
	b.WriteString(`<w:tr>`)
	for i, h := range TableHeadings {
		cell(b, widths[i], func() { para(b, pp{align: "center"}, run{text: h, bold: true, size: smallSize}) })
	}
	b.WriteString(`</w:tr>`)
	for _, r := range Rows(c) {
		b.WriteString(`<w:tr>`)
		texts := []string{r.Number, r.Name, r.Unit, r.Value, r.Previous, r.Change}
		for i, t := range texts {
			align := "right"
			if i == 0 || i == 2 {
				align = "center"
			} else if i == 1 {
				align = "left"
			}
			cell(b, widths[i], func() { para(b, pp{align: align}, run{text: t, italic: r.Level > 0, size: smallSize}) })
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	para(b, pp{}, run{})
}

// signatureTable puts "Nơi nhận" on the left and the position and signer
// on the right, as Nghị định 30 places them.
func signatureTable(b *strings.Builder, c *ttdn.ConsolidatedReport) {
	half := textWidth / 2
	openTable(b, false, half, textWidth-half)
	b.WriteString(`<w:tr>`)
	cell(b, half, func() {
		para(b, pp{before: 240}, run{text: "Nơi nhận:", bold: true, italic: true, size: smallSize})
		for _, r := range Recipients(c) {
			para(b, pp{}, run{text: r, size: recipientSize})
		}
	})
	cell(b, textWidth-half, func() {
		for i, line := range SignerLines(c) {
			para(b, pp{align: "center", before: before(i == 0, 240)}, run{text: strings.ToUpper(line), bold: true, size: bodySize})
		}
		para(b, pp{align: "center", before: 1440}, run{text: c.Signer, bold: true, size: bodySize})
	})
	b.WriteString(`</w:tr></w:tbl>`)
}

func before(first bool, n int) int {
	if first {
		return n
	}
	return 0
}

func openTable(b *strings.Builder, borders bool, widths ...int) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/>`)
	val := "none"
	if borders {
		val = "single"
	}
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="%s" w:sz="4" w:space="0" w:color="000000"/>`, side, val)
	}
	b.WriteString(`</w:tblBorders></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
}

func cell(b *strings.Builder, width int, content func()) {
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, width)
	content()
	b.WriteString(`</w:tc>`)
}

// pp is a paragraph's properties: alignment, spacing in twips and a 1 cm
// first-line indent for body text.
type pp struct {
	align         string
	before, after int
	indent        bool
}

// run is a piece of text with its formatting.
type run struct {
	text                    string
	bold, italic, underline bool
	size                    int
}

func para(b *strings.Builder, p pp, runs ...run) {
	b.WriteString(`<w:p><w:pPr>`)
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d"/>`, p.before, p.after)
	if p.indent {
		b.WriteString(`<w:ind w:firstLine="567"/>`)
	}
	if p.align != "" {
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, p.align)
	}
	b.WriteString(`</w:pPr>`)
	for _, r := range runs {
		if r.text == "" {
			continue
		}
		b.WriteString(`<w:r><w:rPr>`)
		if r.bold {
			b.WriteString(`<w:b/>`)
		}
		if r.italic {
			b.WriteString(`<w:i/>`)
		}
		if r.underline {
			b.WriteString(`<w:u w:val="single"/>`)
		}
		fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">`, r.size, r.size)
		xml.EscapeText(b, []byte(r.text))
		b.WriteString(`</w:t></w:r>`)
	}
	b.WriteString(`</w:p>`)
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const documentRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

// styles sets Times New Roman 14 pt as the document default.
const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`
