package planparse

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"ttdn"
)

const pdfHeaderMarkup = `#L ỦY BAN NHÂN DÂN
#L TỈNH AN GIANG
#L Số: 45/KH-UBND
#R CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
#R Độc lập - Tự do - Hạnh phúc
#R An Giang, ngày 10 tháng 3 năm 2021
=KẾ HOẠCH
=Thông tin đối ngoại tỉnh An Giang năm 2021
`

// TestPDFHeaderColumns: the two columns of the header come out side by side
// on one line, split by " | ".
func TestPDFHeaderColumns(t *testing.T) {
	text, err := readPDF(renderPDF(t, pdfHeaderMarkup), "h.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
		"TỈNH AN GIANG | Độc lập - Tự do - Hạnh phúc\n",
		"Số: 45/KH-UBND | An Giang, ngày 10 tháng 3 năm 2021\n",
		"KẾ HOẠCH\nThông tin đối ngoại tỉnh An Giang năm 2021\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
}

// TestPDFTableRows: a ruled table comes out one row per line, wrapped cells
// joined, a merged cell repeated on the rows it spans.
func TestPDFTableRows(t *testing.T) {
	markup := `|STT|Nội dung công việc|Cơ quan chủ trì|Cơ quan phối hợp|Thời gian thực hiện|Sản phẩm|
|1|Xây dựng và phát hành ấn phẩm giới thiệu tiềm năng du lịch của tỉnh bằng tiếng Anh và tiếng Khmer|Sở Văn hóa, Thể thao và Du lịch|Sở Ngoại vụ|Quý II/2021|Ấn phẩm|
|2|Tổ chức đoàn phóng viên nước ngoài|Sở Ngoại vụ|Công an tỉnh|^|Tin, bài|
`
	text, err := readPDF(renderPDF(t, markup), "t.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm",
		"1 | Xây dựng và phát hành ấn phẩm giới thiệu tiềm năng du lịch của tỉnh bằng tiếng Anh và tiếng Khmer | Sở Văn hóa, Thể thao và Du lịch | Sở Ngoại vụ | Quý II/2021 | Ấn phẩm",
		"2 | Tổ chức đoàn phóng viên nước ngoài | Sở Ngoại vụ | Công an tỉnh | Quý II/2021 | Tin, bài",
	}
	got := strings.Split(strings.TrimSpace(text), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPDFScanned: a PDF of page images has no text to read, and says so.
func TestPDFScanned(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	img.Set(3, 3, color.Gray{Y: 255})
	var ib bytes.Buffer
	if err := png.Encode(&ib, img); err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &ib)
	p.ImageOptions("scan", 10, 10, 190, 270, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	_, err := Parse(b.Bytes(), "ban-quet.pdf", nil)
	if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "không có lớp chữ") ||
		!strings.Contains(ttdn.ErrorMessage(err, "en"), "without a text layer") {
		t.Errorf("scanned PDF: %v", err)
	}
}

// TestPDFDamaged: a cut or garbled PDF is refused as damaged, not a panic.
func TestPDFDamaged(t *testing.T) {
	good := renderPDF(t, pdfHeaderMarkup)
	for name, data := range map[string][]byte{
		"cut.pdf":     good[:len(good)/2],
		"garbage.pdf": append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 500)...),
	} {
		_, err := Parse(data, name, nil)
		if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "PDF hỏng") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestPDFPlanParses: the PDF of a plan parses like its text.
func TestPDFPlanParses(t *testing.T) {
	markup := pdfHeaderMarkup + `Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quảng bá hình ảnh, con người An Giang đến bạn bè quốc tế, góp phần thu hút đầu tư và du lịch.
II. NHIỆM VỤ
1. Xây dựng chuyên mục thông tin đối ngoại trên Cổng thông tin điện tử tỉnh bằng tiếng Anh.
- Đơn vị thực hiện: Sở Thông tin và Truyền thông.
- Thời hạn: Quý III/2021.
III. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành
Triển khai thực hiện Kế hoạch.
Nơi nhận:
- Bộ Thông tin và Truyền thông;
- Lưu: VT.
#L
#R KT. CHỦ TỊCH
#R PHÓ CHỦ TỊCH
#R Trần Văn Bình
`
	res, err := Parse(renderPDF(t, markup), "an-giang.pdf", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Number != "45/KH-UBND" || res.IssuedOn.ISO() != "2021-03-10" || res.Place != "An Giang" || res.Year != 2021 ||
		res.Title != "Thông tin đối ngoại tỉnh An Giang năm 2021" {
		t.Errorf("header %q %v %q %d %q", res.Number, res.IssuedOn, res.Place, res.Year, res.Title)
	}
	if len(res.LegalBases) != 1 || res.LegalBases[0].Number != "72/2015/NĐ-CP" {
		t.Errorf("legal bases %+v", res.LegalBases)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].DeadlineText != "Quý III/2021" || len(res.Tasks[0].Executing) != 1 {
		t.Errorf("tasks %+v", res.Tasks)
	}
	if res.Signer != "Trần Văn Bình" || len(res.Distribution) != 2 {
		t.Errorf("signer %q distribution %+v", res.Signer, res.Distribution)
	}
}

// TestPDFHostile: files on which the PDF library would loop forever are
// refused in bounded time (the reader runs in a child process it kills).
func TestPDFHostile(t *testing.T) {
	defer func(d time.Duration) { pdfTimeout = d }(pdfTimeout)
	pdfTimeout = 3 * time.Second
	good := renderPDF(t, pdfHeaderMarkup)
	cyclic := bytes.Replace(good, []byte("/Kids [3 0 R ]"), []byte("/Kids [1 0 R ]"), 1)
	if bytes.Equal(cyclic, good) {
		t.Fatal("fixture has no /Kids [3 0 R ] to turn into a cycle")
	}
	// A cross-reference section whose /Prev is itself.
	at := bytes.LastIndex(good, []byte("startxref\n"))
	offset := strings.Fields(string(good[at+len("startxref\n"):]))[0]
	prev := bytes.Replace(good, []byte("trailer\n<<\n/Size"), []byte("trailer\n<<\n/Prev "+offset+" /Size"), 1)
	if bytes.Equal(prev, good) {
		t.Fatal("fixture has no trailer to give a /Prev")
	}
	for name, data := range map[string][]byte{"cyclic-pages.pdf": cyclic, "prev.pdf": prev} {
		start := time.Now()
		_, err := Parse(data, name, nil)
		if err == nil {
			t.Errorf("%s accepted", name)
		}
		if d := time.Since(start); d > pdfTimeout+5*time.Second {
			t.Errorf("%s took %v", name, d)
		}
	}
}
