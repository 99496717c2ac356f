package planparse

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"io"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"ttdn"
	"ttdn/seed"
)

// buildDocx writes a real .docx whose body is the given XML (inside
// w:body). Word splits runs anywhere, so tests split them mid-word too.
func buildDocx(t testing.TB, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := []struct{ name, content string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `<w:sectPr/></w:body></w:document>`},
	}
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// para renders a paragraph with its text split into runs of n runes.
func para(text string, n int) string {
	var b strings.Builder
	b.WriteString("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>")
	rs := []rune(text)
	for i := 0; i < len(rs); i += n {
		chunk := string(rs[i:min(i+n, len(rs))])
		b.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">`)
		xml.EscapeText(&b, []byte(chunk))
		b.WriteString("</w:t></w:r>")
	}
	b.WriteString("</w:p>")
	return b.String()
}

// seedDocx is the seed as Word would save it: one paragraph per line.
func seedDocx(t testing.TB) []byte {
	var body strings.Builder
	for i, line := range strings.Split(string(seed.Plan2019), "\n") {
		body.WriteString(para(line, 3+i%5))
	}
	return buildDocx(t, body.String())
}

// samePlan compares two parses field by field (JSON-equal plans).
func samePlan(t *testing.T, what string, got, want *Result) {
	t.Helper()
	if !reflect.DeepEqual(got.Plan, want.Plan) {
		gt, wt := got.Plan, want.Plan
		t.Errorf("%s: plan differs from the text parse (tasks %d/%d, responsibilities %d/%d, refs %d/%d, signer %q/%q)",
			what, len(gt.Tasks), len(wt.Tasks), len(gt.Responsibilities), len(wt.Responsibilities), len(gt.References), len(wt.References), gt.Signer, wt.Signer)
	}
	if !reflect.DeepEqual(warningTexts(got.Warnings), warningTexts(want.Warnings)) {
		t.Errorf("%s: warnings %q, want %q", what, got.Warnings, want.Warnings)
	}
}

func TestSeedDocxSameAsText(t *testing.T) {
	got, err := Parse(seedDocx(t), "ke-hoach.txt", nil) // the name lies: content decides
	if err != nil {
		t.Fatal(err)
	}
	samePlan(t, "docx", got, parseSeed(t))
}

func TestSeedDecomposedSameAsText(t *testing.T) {
	nfd := norm.NFD.Bytes(seed.Plan2019)
	if bytes.Equal(nfd, seed.Plan2019) {
		t.Fatal("NFD did not change the seed")
	}
	got, err := Parse(nfd, "nfd.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	samePlan(t, "NFD", got, parseSeed(t))
}

func TestSeedCRLFSameAsText(t *testing.T) {
	crlf := bytes.ReplaceAll(seed.Plan2019, []byte("\n"), []byte("\r\n"))
	got, err := Parse(append([]byte("\xEF\xBB\xBF"), crlf...), "crlf.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	samePlan(t, "CRLF+BOM", got, parseSeed(t))
}

func TestDocxRunsTabsBreaksTables(t *testing.T) {
	body := `<w:tbl><w:tr><w:tc>` + para("ỦY BAN NHÂN DÂN", 4) + para("TỈNH TÂY NINH", 2) + `</w:tc><w:tc>` +
		para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 5) + para("Độc lập - Tự do - Hạnh phúc", 3) + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + para("Số: 12/KH-UBND", 2) + `</w:tc><w:tc>` + para("Tây Ninh, ngày 03 tháng 02 năm 2021", 4) + `</w:tc></w:tr></w:tbl>` +
		para("KẾ HOẠCH", 2) + `<w:p><w:r><w:t>Công tác thông tin</w:t></w:r><w:r><w:tab/><w:t>đối ngoại năm 2021</w:t></w:r></w:p>` +
		para("I. MỤC ĐÍCH", 3) + para("1. Mục đích", 3) + para("Tăng cường thông tin.", 3) +
		para("II. NHIỆM VỤ", 3) + para("1. Tuyên truyền biên giới.", 4) +
		`<w:tbl><w:tr><w:tc>` + para("Đơn vị thực hiện:", 3) + `</w:tc><w:tc>` + para("Sở TTTT", 2) + `</w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>- Thời hạn: Quý II/</w:t></w:r><w:r><w:t>2021</w:t><w:br/></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc>` + para("Nơi nhận:", 3) + para("- UBND tỉnh;", 3) + para("- Lưu: VT.", 3) + `</w:tc><w:tc>` +
		para("KT. CHỦ TỊCH", 3) + para("PHÓ CHỦ TỊCH", 3) + para("Trần Văn Chiến", 3) + `</w:tc></w:tr></w:tbl>`
	res, err := Parse(buildDocx(t, body), "kh.docx", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Plan
	if p.Number != "12/KH-UBND" || p.Place != "Tây Ninh" || p.IssuedOn.ISO() != "2021-02-03" || p.Issuer != "Ủy ban nhân dân tỉnh Tây Ninh" {
		t.Errorf("header: %q %q %v %q", p.Number, p.Place, p.IssuedOn, p.Issuer)
	}
	if p.Title != "Công tác thông tin đối ngoại năm 2021" || p.Year != 2021 {
		t.Errorf("title %q (tab inside a paragraph is a space), year %d", p.Title, p.Year)
	}
	if len(p.Tasks) != 1 || codes(p.Tasks[0].Executing)[0] != "so-tttt" || p.Tasks[0].Deadline.ISO() != "2021-06-30" {
		t.Fatalf("tasks %+v", p.Tasks)
	}
	if p.Signer != "Trần Văn Chiến" || p.SignerTitle != "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" || len(p.Distribution) != 2 {
		t.Errorf("signer %q %q, distribution %+v", p.Signer, p.SignerTitle, p.Distribution)
	}
}

func TestDocxRefusals(t *testing.T) {
	notDocx := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("hello.txt")
		w.Write([]byte("xin chào"))
		zw.Close()
		return buf.Bytes()
	}()
	notPlan := buildDocx(t, para("Biên bản họp giao ban tuần", 4)+para("Nội dung: trao đổi công việc.", 4))
	badXML := buildDocx(t, "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r>")
	for name, data := range map[string][]byte{
		"truncated zip": seedDocx(t)[:300],
		"zip, no word":  notDocx,
		"not a plan":    notPlan,
		"bad xml":       badXML,
	} {
		_, err := Parse(data, name+".docx", nil)
		if ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
			continue
		}
		if msg := ttdn.ErrorMessage(err, "vi"); !strings.Contains(msg, name+".docx") {
			t.Errorf("%s: message %q does not name the file", name, msg)
		}
	}
}

// TestDocxBombCapped: a document.xml that inflates past the cap is refused
// without being read whole.
func TestDocxBombCapped(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for i := 0; i < maxDocumentXML>>20+2; i++ {
		w.Write(chunk)
	}
	w.Write([]byte(`</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	if buf.Len() > maxInputBytes {
		t.Fatalf("bomb is %d bytes compressed; too big for the test", buf.Len())
	}
	_, err := Parse(buf.Bytes(), "bomb.docx", nil)
	if code := ttdn.ErrorCode(err); code != ttdn.ETOOLARGE {
		t.Errorf("err = %v, want ETOOLARGE", err)
	}
}
