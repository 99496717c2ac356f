package planparse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
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
// cells joined by " | "; so does a row of three cells or more (a task
// table), each cell's paragraphs joined, empty cells kept so the columns
// line up, a cell merged down (w:vMerge) repeating the text of the one
// above and a cell spanning columns (w:gridSpan) followed by empty ones.
// Other rows (the header and signature blocks are laid out as two-cell
// tables) give each cell's paragraphs as lines, cell after cell.
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

	span        int            // w:gridSpan of the current cell
	merged      bool           // the current cell continues the one above (w:vMerge)
	above       map[int]string // each grid column's text in the row above
	col         int            // grid column of the current cell
	spans       []int          // grid span of each cell of the current row
	mergedCells []bool
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
			w.cellProperty(t)
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
			t.row, t.spans, t.mergedCells, t.col = nil, nil, nil, 0
		}
	case "tc":
		if t := w.table(); t != nil {
			t.cell, t.span, t.merged = nil, 1, false
		}
	}
	return nil
}

// cellProperty notes a cell's w:gridSpan and w:vMerge.
func (w *docxWalker) cellProperty(e xml.StartElement) {
	t := w.table()
	if t == nil || (e.Name.Local != "gridSpan" && e.Name.Local != "vMerge") {
		return
	}
	val := ""
	for _, a := range e.Attr {
		if a.Name.Local == "val" {
			val = a.Value
		}
	}
	if e.Name.Local == "gridSpan" {
		if n, err := strconv.Atoi(val); err == nil && n > 1 && n <= maxTableCells {
			t.span = n
		}
		return
	}
	t.merged = val == "" || val == "continue"
}

func (w *docxWalker) end(name string) {
	switch name {
	case "t":
		w.inText = false
	case "p":
		w.emit([]string{w.para.String()})
		w.para.Reset()
	case "tc":
		if t := w.table(); t != nil && len(t.row) < maxTableCells {
			t.row = append(t.row, t.cell)
			t.spans = append(t.spans, max(t.span, 1))
			t.mergedCells = append(t.mergedCells, t.merged)
			t.cell = nil
		}
	case "tr":
		if t := w.table(); t != nil {
			lines := t.rowLines()
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

// rowLines gives the current row as lines (see readDocx).
func (t *tableState) rowLines() []string {
	row := t.row
	if len(row) >= 3 {
		return []string{t.gridRow()}
	}
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

// gridRow joins a row of a real table cell by cell on one line, in grid
// columns: a merged-down cell repeats the text above it.
func (t *tableState) gridRow() string {
	if t.above == nil {
		t.above = map[int]string{}
	}
	var cells []string
	col := 0
	for i, c := range t.row {
		text := strings.Join(strings.Fields(strings.Join(c, " ")), " ")
		text = strings.ReplaceAll(text, "|", "/")
		if t.mergedCells[i] && text == "" && col > 0 {
			text = t.above[col] // not the number column: a row is numbered once
		}
		t.above[col] = text
		cells = append(cells, text)
		for k := 1; k < t.spans[i]; k++ {
			cells = append(cells, "")
			t.above[col+k] = ""
		}
		col += t.spans[i]
	}
	return strings.Join(cells, " | ")
}
