package planparse

import (
	"bytes"
	"errors"
	"math"

	"github.com/ledongthuc/pdf"

	"ttdn"
)

// PDF text comes from github.com/ledongthuc/pdf, which reads the file
// (cross-reference tables and streams, filters, object streams, standard
// encryption with an empty password). What this file adds is the page
// geometry the parser needs and the library does not give: where each glyph
// lies, how wide it is, and the ruling lines of tables, so that lines, the
// two columns of the header and the cells of task tables come out as the
// document shows them (pdf_layout.go).

var pdfMagic = []byte("%PDF-")

// Limits of the PDF reader against hostile files: a real plan has 5–60
// pages and a few hundred thousand glyphs.
const (
	maxPDFPages  = 600
	maxPDFGlyphs = 3 << 20
	maxPDFOps    = 8 << 20 // content-stream operators over the whole file
	maxFormDepth = 4       // form XObjects inside form XObjects
)

var errPDFBudget = errors.New("pdf over budget")

// glyph is one character placed on a page, in PDF points (y grows upwards).
type glyph struct {
	x0, x1, y, size float32
	r               rune
}

// segment is a ruling line (a table border), horizontal or vertical.
type segment struct {
	x0, y0, x1, y1 float32
}

// pdfPage is what a page holds for layout.
type pdfPage struct {
	glyphs []glyph
	rules  []segment
}

// pdfFailure says why a PDF gave no text; the parent process turns it into
// the message (pdf_isolate.go).
type pdfFailure byte

const (
	pdfOK        pdfFailure = 'T'
	pdfDamaged   pdfFailure = 'D'
	pdfEncrypted pdfFailure = 'E'
	pdfScanned   pdfFailure = 'S'
	pdfNoUnicode pdfFailure = 'U'
	pdfTooLarge  pdfFailure = 'L'
)

// extractPDF extracts the text of a PDF page by page. It runs in a child
// process: the library can loop or recurse without end on hostile files.
func extractPDF(data []byte) (text string, fail pdfFailure) {
	ex := &pdfExtractor{}
	defer func() {
		if x := recover(); x != nil {
			text, fail = "", pdfDamaged
			if e, ok := x.(error); ok && errors.Is(e, errPDFBudget) {
				fail = pdfTooLarge
			}
		}
	}()
	r, err := pdf.NewReader(pdfHeaderFix(data), int64(len(data)))
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return "", pdfEncrypted
		}
		return "", pdfDamaged
	}
	leaves := pageLeaves(r.Trailer().Key("Root").Key("Pages"))
	if len(leaves) > maxPDFPages {
		return "", pdfTooLarge
	}
	var pages []*pdfPage
	damaged := 0
	for _, leaf := range leaves {
		pg, err := ex.page(leaf)
		if errors.Is(err, errPDFBudget) {
			return "", pdfTooLarge
		} else if err != nil {
			damaged++
			continue
		}
		pages = append(pages, pg)
	}
	switch {
	case ex.glyphs == 0 && (len(leaves) == 0 || damaged == len(leaves)):
		return "", pdfDamaged
	case ex.glyphs == 0:
		return "", pdfScanned
	case ex.undecoded*2 > ex.glyphs:
		return "", pdfNoUnicode
	}
	var b bytes.Buffer
	for _, pg := range pages {
		layoutPage(&b, pg)
		if b.Len() > maxTextBytes {
			return "", pdfTooLarge
		}
	}
	return b.String(), pdfOK
}

// pdfFailureError is the message for fail about the file filename.
func pdfFailureError(fail pdfFailure, filename string) error {
	switch fail {
	case pdfEncrypted:
		return ttdn.Errorf(ttdn.EINVALID, "Tệp %q là PDF có mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.",
			"The file %q is a password-protected PDF; remove the password and upload it again.", filename)
	case pdfScanned:
		return ttdn.Errorf(ttdn.EINVALID,
			"Tệp %q là PDF không có lớp chữ (bản quét hoặc ảnh chụp), nên không đọc được nội dung. Hãy tải lên bản PDF xuất từ Word, tệp .docx, hoặc nhận dạng chữ (OCR) trước.",
			"The file %q is a PDF without a text layer (a scan or a photo), so its content cannot be read. Upload a PDF exported from Word, the .docx, or run text recognition (OCR) first.", filename)
	case pdfNoUnicode:
		return ttdn.Errorf(ttdn.EINVALID,
			"Tệp %q là PDF dùng phông chữ không có bảng mã Unicode, không trích được chữ. Hãy tải lên tệp .docx hoặc bản PDF xuất lại từ Word.",
			"The file %q is a PDF whose fonts have no Unicode mapping, so its text cannot be extracted. Upload the .docx or a PDF exported again from Word.", filename)
	case pdfTooLarge:
		return ttdn.Errorf(ttdn.ETOOLARGE, "Tệp %q có nội dung quá lớn hoặc quá phức tạp để đọc.", "The file %q has too much or too complex content to read.", filename)
	}
	return ttdn.Errorf(ttdn.EINVALID, "Tệp %q là PDF hỏng, không đọc được.", "The file %q is a damaged PDF and cannot be read.", filename)
}

// pageLeaves lists the pages of a page tree in order, each with the
// resources it inherits. The walk is bounded: a tree whose kids lead back
// to an ancestor would otherwise never end.
func pageLeaves(root pdf.Value) []pdfLeaf {
	var out []pdfLeaf
	visits := 0
	var walk func(v, res pdf.Value, depth int)
	walk = func(v, res pdf.Value, depth int) {
		visits++
		if depth > 32 || visits > 4*maxPDFPages || len(out) > maxPDFPages {
			return
		}
		if r := v.Key("Resources"); !r.IsNull() {
			res = r
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if !v.Key("Contents").IsNull() || v.Key("Type").Name() == "Page" {
				out = append(out, pdfLeaf{v: v, res: res})
			}
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), res, depth+1)
		}
	}
	walk(root, pdf.Value{}, 0)
	return out
}

// pdfLeaf is one page and its resources.
type pdfLeaf struct {
	v, res pdf.Value
}

// pdfExtractor walks content streams, keeping the file-wide budgets.
type pdfExtractor struct {
	ops, glyphs, undecoded int
	fonts                  map[string]*pdfFont // by the font dictionary's identity
}

// affine is a PDF matrix [a b c d e f].
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

// mul returns m×n (m applied first).
func (m affine) mul(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m affine) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// textState is the graphics and text state the walker tracks.
type textState struct {
	ctm                      affine
	tm, tlm                  affine
	font                     *pdfFont
	size, tc, tw, th, tl, ts float64
}

// page extracts one page's glyphs and rules. A panic of the library on a
// damaged page becomes an error for that page only.
func (ex *pdfExtractor) page(p pdfLeaf) (pg *pdfPage, err error) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(error); ok && errors.Is(e, errPDFBudget) {
				err = errPDFBudget
				return
			}
			pg, err = nil, errors.New("damaged page")
		}
	}()
	pg = &pdfPage{}
	ex.walk(pg, p.v.Key("Contents"), p.res, identity, 0)
	return pg, nil
}

// walk interprets a content stream (a page's, or a form XObject's).
func (ex *pdfExtractor) walk(pg *pdfPage, strm, res pdf.Value, ctm affine, depth int) {
	if strm.IsNull() {
		return
	}
	st := textState{ctm: ctm, tm: identity, tlm: identity, th: 1}
	var stack []textState
	var path []segment
	var cx, cy, sx, sy float64 // current point and subpath start, user space
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		ex.ops++
		if ex.ops > maxPDFOps || ex.glyphs > maxPDFGlyphs {
			panic(errPDFBudget)
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 64 {
				stack = append(stack, st)
			}
		case "Q":
			if n := len(stack); n > 0 {
				st, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				st.ctm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
			}
		case "m":
			cx, cy = num(0), num(1)
			sx, sy = cx, cy
		case "l":
			x, y := num(0), num(1)
			path = append(path, ex.rule(st.ctm, cx, cy, x, y)...)
			cx, cy = x, y
		case "h":
			path = append(path, ex.rule(st.ctm, cx, cy, sx, sy)...)
			cx, cy = sx, sy
		case "re":
			x, y, w, h := num(0), num(1), num(2), num(3)
			path = append(path, ex.rule(st.ctm, x, y, x+w, y)...)
			path = append(path, ex.rule(st.ctm, x, y+h, x+w, y+h)...)
			path = append(path, ex.rule(st.ctm, x, y, x, y+h)...)
			path = append(path, ex.rule(st.ctm, x+w, y, x+w, y+h)...)
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			if len(pg.rules)+len(path) < 1<<16 {
				pg.rules = append(pg.rules, path...)
			}
			path = path[:0]
		case "n":
			path = path[:0] // a clipping path, not drawn
		case "BT":
			st.tm, st.tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				st.font = ex.font(res.Key("Font").Key(args[0].Name()))
				st.size = num(1)
			}
		case "Tc":
			st.tc = num(0)
		case "Tw":
			st.tw = num(0)
		case "Tz":
			st.th = num(0) / 100
		case "TL":
			st.tl = num(0)
		case "Ts":
			st.ts = num(0)
		case "Td":
			st.tlm = affine{1, 0, 0, 1, num(0), num(1)}.mul(st.tlm)
			st.tm = st.tlm
		case "TD":
			st.tl = -num(1)
			st.tlm = affine{1, 0, 0, 1, num(0), num(1)}.mul(st.tlm)
			st.tm = st.tlm
		case "Tm":
			if len(args) == 6 {
				st.tlm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}
				st.tm = st.tlm
			}
		case "T*":
			st.tlm = affine{1, 0, 0, 1, 0, -st.tl}.mul(st.tlm)
			st.tm = st.tlm
		case "Tj":
			if len(args) == 1 {
				ex.show(pg, &st, args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				st.tw, st.tc = num(0), num(1)
				args = args[2:]
			}
			st.tlm = affine{1, 0, 0, 1, 0, -st.tl}.mul(st.tlm)
			st.tm = st.tlm
			if len(args) == 1 {
				ex.show(pg, &st, args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				v := a.Index(i)
				if v.Kind() == pdf.String {
					ex.show(pg, &st, v.RawString())
				} else {
					st.tm = affine{1, 0, 0, 1, -v.Float64() / 1000 * st.size * st.th, 0}.mul(st.tm)
				}
			}
		case "Do":
			if len(args) != 1 || depth >= maxFormDepth {
				return
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Key("Subtype").Name() != "Form" {
				return
			}
			m := identity
			if mx := xo.Key("Matrix"); mx.Len() == 6 {
				m = affine{mx.Index(0).Float64(), mx.Index(1).Float64(), mx.Index(2).Float64(), mx.Index(3).Float64(), mx.Index(4).Float64(), mx.Index(5).Float64()}
			}
			inner := xo.Key("Resources")
			if inner.IsNull() {
				inner = res
			}
			ex.walk(pg, xo, inner, m.mul(st.ctm), depth+1)
		}
	})
}

// rule records a line from (x0,y0) to (x1,y1) in user space if it is
// horizontal or vertical on the page: table borders are.
func (ex *pdfExtractor) rule(ctm affine, x0, y0, x1, y1 float64) []segment {
	ax, ay := ctm.apply(x0, y0)
	bx, by := ctm.apply(x1, y1)
	dx, dy := math.Abs(bx-ax), math.Abs(by-ay)
	switch {
	case dy < 1.5 && dx >= 3:
		return []segment{{float32(min(ax, bx)), float32((ay + by) / 2), float32(max(ax, bx)), float32((ay + by) / 2)}}
	case dx < 1.5 && dy >= 3:
		return []segment{{float32((ax + bx) / 2), float32(min(ay, by)), float32((ax + bx) / 2), float32(max(ay, by))}}
	}
	return nil
}

// show places the glyphs of one string.
func (ex *pdfExtractor) show(pg *pdfPage, st *textState, raw string) {
	f := st.font
	if f == nil {
		f = fallbackFont
	}
	for len(raw) > 0 {
		n, runes, width, space := f.next(raw)
		raw = raw[n:]
		m := affine{st.size * st.th, 0, 0, st.size, 0, st.ts}.mul(st.tm).mul(st.ctm)
		tx := (width/1000*st.size + st.tc) * st.th
		if space {
			tx += st.tw * st.th
		}
		adv := st.tm.mul(st.ctm)
		x0, y := m[4], m[5]
		x1 := x0 + tx*adv[0]
		st.tm = affine{1, 0, 0, 1, tx, 0}.mul(st.tm)
		size := math.Hypot(m[2], m[3])
		if math.Abs(adv[1]) > math.Abs(adv[0]) || size < 1 {
			continue // rotated or invisible text: stamps, margins
		}
		if runes == nil {
			ex.undecoded++
			ex.glyphs++
			continue
		}
		step := (x1 - x0) / float64(len(runes))
		for i, r := range runes {
			pg.glyphs = append(pg.glyphs, glyph{x0: float32(x0 + step*float64(i)), x1: float32(x0 + step*float64(i+1)), y: float32(y), size: float32(size), r: r})
			ex.glyphs++
		}
	}
}

// pdfFont decodes a font's character codes and knows their widths.
type pdfFont struct {
	cmap   *toUnicode
	enc    pdf.TextEncoding // a simple font without ToUnicode
	cid    bool             // a composite (Type0) font
	first  int
	widths []float64          // simple fonts, from FirstChar
	cidW   map[uint32]float64 // composite fonts
	dw     float64
}

// fallbackFont stands for a missing font resource: bytes as Latin-1.
var fallbackFont = &pdfFont{dw: 500}

// font loads (once) the font of a resource dictionary entry.
func (ex *pdfExtractor) font(v pdf.Value) *pdfFont {
	if v.IsNull() {
		return nil
	}
	key := v.String()
	if len(key) > 256 {
		key = key[:256]
	}
	if ex.fonts == nil {
		ex.fonts = map[string]*pdfFont{}
	}
	if f, ok := ex.fonts[key]; ok {
		return f
	}
	f := &pdfFont{dw: 500}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.cmap = readToUnicode(tu.Reader())
	}
	if v.Key("Subtype").Name() == "Type0" {
		f.cid = true
		d := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if w := d.Key("DW"); !w.IsNull() {
			f.dw = w.Float64()
		}
		f.cidW = cidWidths(d.Key("W"))
	} else {
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths = append(f.widths, ws.Index(i).Float64())
		}
		if mw := v.Key("FontDescriptor").Key("MissingWidth"); !mw.IsNull() && mw.Float64() > 0 {
			f.dw = mw.Float64()
		}
		if f.cmap == nil {
			font := pdf.Font{V: v}
			f.enc = font.Encoder()
		}
	}
	ex.fonts[key] = f
	return f
}

// cidWidths reads a W array: "c [w1 w2 …]" or "cfirst clast w".
func cidWidths(w pdf.Value) map[uint32]float64 {
	out := map[uint32]float64{}
	for i := 0; i < w.Len() && len(out) < 1<<16; {
		c := w.Index(i)
		if i+1 < w.Len() && w.Index(i+1).Kind() == pdf.Array {
			a := w.Index(i + 1)
			for k := 0; k < a.Len() && len(out) < 1<<16; k++ {
				out[uint32(c.Int64())+uint32(k)] = a.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 < w.Len() {
			lo, hi, width := c.Int64(), w.Index(i+1).Int64(), w.Index(i+2).Float64()
			for code := lo; code <= hi && code-lo < 1<<16 && len(out) < 1<<16; code++ {
				out[uint32(code)] = width
			}
		}
		i += 3
	}
	return out
}

// next decodes the first code of raw: its length in bytes, its text (nil
// when the font cannot say), its width in 1/1000 em, and whether it is the
// single-byte space that word spacing applies to.
func (f *pdfFont) next(raw string) (n int, text []rune, width float64, space bool) {
	n = 1
	if f.cmap != nil {
		n = f.cmap.codeLen(raw)
	} else if f.cid {
		n = min(2, len(raw))
	}
	code := codeOf([]byte(raw[:n]))
	width = f.dw
	switch {
	case f.cid:
		if w, ok := f.cidW[code]; ok {
			width = w
		}
	case int(code) >= f.first && int(code)-f.first < len(f.widths):
		width = f.widths[int(code)-f.first]
	}
	space = n == 1 && code == 32
	switch {
	case f.cmap != nil:
		if r, ok := f.cmap.lookup(code); ok {
			text = r
		} else if !f.cid {
			text = []rune{rune(code)}
		}
	case f.enc != nil:
		text = []rune(f.enc.Decode(raw[:n]))
	case !f.cid:
		text = []rune{rune(code)}
	}
	return n, text, width, space
}
