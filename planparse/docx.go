package planparse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"ttdn"
)

// maxDocumentXML caps how much of word/document.xml is read, whatever the
// zip header claims: a zip bomb stops here.
const maxDocumentXML = 4 * maxTextBytes

var errTooLarge = errors.New("document.xml too large")

// readDocx extracts the text of a .docx: one line per paragraph; runs split
// across w:r elements are joined, w:tab becomes a space and w:br a new line.
// A table row whose cells are single paragraphs becomes one line with the
// cells joined by " | "; other rows (the header and signature blocks are
// laid out as such tables) give each cell's paragraphs as lines, cell after
// cell.
func readDocx(data []byte, filename string) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", ttdn.Errorf(ttdn.EINVALID, "Tệp %q là tệp nén hỏng, không đọc được như .docx.", "The file %q is a damaged zip archive and cannot be read as .docx.", filename)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
			break
		}
	}
	if doc == nil {
		return "", ttdn.Errorf(ttdn.EINVALID, "Tệp %q là tệp nén nhưng không phải .docx (thiếu word/document.xml).", "The file %q is a zip archive but not a .docx (no word/document.xml).", filename)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", ttdn.Errorf(ttdn.EINVALID, "Tệp %q: không mở được nội dung .docx.", "The file %q: cannot open the .docx content.", filename)
	}
	defer rc.Close()
	text, err := docxText(&limitedReader{r: rc, n: maxDocumentXML})
	switch {
	case errors.Is(err, errTooLarge):
		return "", ttdn.Errorf(ttdn.ETOOLARGE, "Tệp %q có nội dung quá lớn khi giải nén.", "The file %q is too large once decompressed.", filename)
	case err != nil:
		return "", ttdn.Errorf(ttdn.EINVALID, "Tệp %q: nội dung .docx hỏng (%v).", "The file %q: damaged .docx content (%v).", filename, err)
	}
	return text, nil
}

// limitedReader is io.LimitReader that fails instead of pretending EOF, so
// a truncated document is refused rather than half parsed.
type limitedReader struct {
	r io.Reader
	n int64
}

// Read reads up to the limit, then fails with errTooLarge.
func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// docxWalker collects paragraphs and table rows from document.xml tokens.
type docxWalker struct {
	out    strings.Builder
	para   strings.Builder
	inText bool
	tables []*tableState // open tables, innermost last
}

type tableState struct {
	row   [][]string // cells of the current row, each a list of paragraphs
	cell  []string
	depth int
}

const maxTableDepth = 16

func docxText(r io.Reader) (string, error) {
	d := xml.NewDecoder(r)
	w := &docxWalker{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := w.start(t.Name.Local); err != nil {
				return "", err
			}
		case xml.EndElement:
			w.end(t.Name.Local)
		case xml.CharData:
			if w.inText {
				w.para.Write(t)
			}
		}
		if w.out.Len() > maxTextBytes {
			return "", errTooLarge
		}
	}
	return w.out.String(), nil
}

func (w *docxWalker) start(name string) error {
	switch name {
	case "t":
		w.inText = true
	case "tab":
		w.para.WriteByte(' ')
	case "br", "cr":
		w.para.WriteByte('\n')
	case "p":
		w.para.Reset()
	case "tbl":
		if len(w.tables) >= maxTableDepth {
			return errors.New("tables nested too deeply")
		}
		w.tables = append(w.tables, &tableState{})
	case "tr":
		if t := w.table(); t != nil {
			t.row = nil
		}
	case "tc":
		if t := w.table(); t != nil {
			t.cell = nil
		}
	}
	return nil
}

func (w *docxWalker) end(name string) {
	switch name {
	case "t":
		w.inText = false
	case "p":
		w.emit([]string{w.para.String()})
		w.para.Reset()
	case "tc":
		if t := w.table(); t != nil {
			t.row = append(t.row, t.cell)
			t.cell = nil
		}
	case "tr":
		if t := w.table(); t != nil {
			lines := rowLines(t.row)
			t.row = nil
			w.tables = w.tables[:len(w.tables)-1] // emit into the enclosing context
			w.emit(lines)
			w.tables = append(w.tables, t)
		}
	case "tbl":
		if len(w.tables) > 0 {
			w.tables = w.tables[:len(w.tables)-1]
		}
	}
}

func (w *docxWalker) table() *tableState {
	if len(w.tables) == 0 {
		return nil
	}
	return w.tables[len(w.tables)-1]
}

// emit adds lines to the open table cell, or to the output.
func (w *docxWalker) emit(lines []string) {
	if t := w.table(); t != nil {
		t.cell = append(t.cell, lines...)
		return
	}
	for _, l := range lines {
		w.out.WriteString(l)
		w.out.WriteByte('\n')
	}
}

func rowLines(row [][]string) []string {
	simple := true
	for _, c := range row {
		if len(c) > 1 {
			simple = false
		}
	}
	if simple {
		var cells []string
		for _, c := range row {
			if len(c) == 1 && strings.TrimSpace(c[0]) != "" {
				cells = append(cells, strings.TrimSpace(c[0]))
			}
		}
		return []string{strings.Join(cells, " | ")}
	}
	var lines []string
	for _, c := range row {
		lines = append(lines, c...)
		lines = append(lines, "")
	}
	return lines
}
