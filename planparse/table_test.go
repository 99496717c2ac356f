package planparse

import (
	"reflect"
	"strings"
	"testing"
)

const tableHead = `ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH TÂY NINH | Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND | Tây Ninh, ngày 10 tháng 01 năm 2021
KẾ HOẠCH
Thông tin đối ngoại tỉnh Tây Ninh năm 2021
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quảng bá hình ảnh tỉnh.
II. NHIỆM VỤ CỤ THỂ
`

const tableTail = `III. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
Theo dõi, tổng hợp.
` + tailText

type wantTask struct {
	ref, title                string
	lead, coord               []string
	deadline, deadlineISO, pr string
}

func checkTasks(t *testing.T, res *Result, want []wantTask) {
	t.Helper()
	if len(res.Tasks) != len(want) {
		for _, tk := range res.Tasks {
			t.Logf("%s %q lead %v coord %v %q %q", tk.Ref, tk.Title, codes(tk.Lead), codes(tk.Coordinating), tk.DeadlineText, tk.Product)
		}
		t.Fatalf("%d tasks, want %d", len(res.Tasks), len(want))
	}
	for i, w := range want {
		tk := res.Tasks[i]
		got := wantTask{tk.Ref, tk.Title, codes(tk.Lead), codes(tk.Coordinating), tk.DeadlineText, tk.Deadline.ISO(), tk.Product}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("task %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
}

var tableWant = []wantTask{
	{"II.1", "Xây dựng ấn phẩm giới thiệu tiềm năng du lịch bằng tiếng Anh và tiếng Khmer", []string{"so-vhttdl"}, []string{"so-ngoai-vu", "bao-tay-ninh"}, "Quý II/2021", "2021-06-30", "Ấn phẩm in và điện tử"},
	{"II.2", "Tổ chức đoàn phóng viên nước ngoài tham quan cửa khẩu Mộc Bài", []string{"so-ngoai-vu"}, []string{"cong-an"}, "Quý II/2021", "2021-06-30", "Tin, bài, phóng sự"},
	{"II.3", "Họp báo định kỳ cung cấp thông tin cho báo chí", []string{"so-tttt"}, []string{"cac-so-ban-nganh"}, "Hằng quý", "", ""},
}

// TestTableText: a web copy whose table became "|"-separated text: a wrapped
// content cell on a row of its own, a deadline cell merged over two rows
// (the second row has fewer cells), a repeated header and column numbers.
func TestTableText(t *testing.T) {
	res := mustParse(t, tableHead+`| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm |
|---|---|---|---|---|---|
| (1) | (2) | (3) | (4) | (5) | (6) |
| 1 | Xây dựng ấn phẩm giới thiệu tiềm năng du lịch | Sở Văn hóa, Thể thao và Du lịch | Sở Ngoại vụ | Quý II/2021 | Ấn phẩm in |
|  | bằng tiếng Anh và tiếng Khmer |  | Báo Tây Ninh |  | và điện tử |
| 2 | Tổ chức đoàn phóng viên nước ngoài tham quan cửa khẩu Mộc Bài | Sở Ngoại vụ | Công an tỉnh | Tin, bài, phóng sự |
2
| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm |
| 3 | Họp báo định kỳ cung cấp thông tin cho báo chí | Sở Thông tin và Truyền thông | Các sở, ban, ngành | Hằng quý |  |
`+tableTail)
	checkTasks(t, res, tableWant)
	if res.Tasks[1].Product != "Tin, bài, phóng sự" {
		t.Errorf("merged cell: product %q", res.Tasks[1].Product)
	}
	if len(res.Responsibilities) != 1 {
		t.Errorf("the section after the table: %d responsibilities", len(res.Responsibilities))
	}
	// The warnings point at the rows.
	src := strings.Split(res.Text, "\n")
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.Text, "Nhiệm vụ II.") && !strings.HasPrefix(src[w.Line-1], "|") {
			t.Errorf("warning %q at line %d %q", w.Text, w.Line, src[w.Line-1])
		}
	}
}

// TestTableTabs: the same table as tab-separated text, under a group
// heading row, with the numbering restarting in each group.
func TestTableTabs(t *testing.T) {
	res := mustParse(t, tableHead+"STT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tSản phẩm\n"+
		"I\tCÔNG TÁC TUYÊN TRUYỀN\t\t\t\t\n"+
		"1\tXây dựng ấn phẩm giới thiệu tiềm năng du lịch bằng tiếng Anh và tiếng Khmer\tSở Văn hóa, Thể thao và Du lịch\tSở Ngoại vụ, Báo Tây Ninh\tQuý II/2021\tẤn phẩm in và điện tử\n"+
		"2\tTổ chức đoàn phóng viên nước ngoài tham quan cửa khẩu Mộc Bài\tSở Ngoại vụ\tCông an tỉnh\tQuý II/2021\tTin, bài, phóng sự\n"+
		"II\tCÔNG TÁC CUNG CẤP THÔNG TIN\t\t\t\t\n"+
		"1\tHọp báo định kỳ cung cấp thông tin cho báo chí\tSở Thông tin và Truyền thông\tCác sở, ban, ngành\tHằng quý\t\n"+
		tableTail)
	want := append([]wantTask(nil), tableWant...)
	want[0].ref, want[1].ref, want[2].ref = "II.1.1", "II.1.2", "II.2.1"
	checkTasks(t, res, want)
}

// TestTableDocx: a Word table with a vertically merged cell and a cell
// spanning columns.
func TestTableDocx(t *testing.T) {
	cell := func(text string, props string) string {
		return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + para(text, 5) + "</w:tc>"
	}
	row := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	var body strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(tableHead), "\n") {
		body.WriteString(para(l, 7))
	}
	body.WriteString("<w:tbl>")
	body.WriteString(row(cell("STT", ""), cell("Nội dung công việc", ""), cell("Cơ quan chủ trì", ""), cell("Cơ quan phối hợp", ""), cell("Thời gian thực hiện", ""), cell("Sản phẩm", "")))
	body.WriteString(row(cell("I", ""), cell("NHIỆM VỤ TRỌNG TÂM", `<w:gridSpan w:val="5"/>`)))
	body.WriteString(row(cell("1", ""), "<w:tc>"+para("Xây dựng ấn phẩm giới thiệu tiềm năng du lịch", 4)+para("bằng tiếng Anh và tiếng Khmer", 6)+"</w:tc>",
		cell("Sở Văn hóa, Thể thao và Du lịch", ""), cell("Sở Ngoại vụ, Báo Tây Ninh", ""), cell("Quý II/2021", `<w:vMerge w:val="restart"/>`), cell("Ấn phẩm in và điện tử", "")))
	body.WriteString(row(cell("2", ""), cell("Tổ chức đoàn phóng viên nước ngoài tham quan cửa khẩu Mộc Bài", ""), cell("Sở Ngoại vụ", ""), cell("Công an tỉnh", ""), cell("", `<w:vMerge/>`), cell("Tin, bài, phóng sự", "")))
	body.WriteString(row(cell("3", ""), cell("Họp báo định kỳ cung cấp thông tin cho báo chí", ""), cell("Sở Thông tin và Truyền thông", ""), cell("Các sở, ban, ngành", ""), cell("Hằng quý", ""), cell("", "")))
	body.WriteString("</w:tbl>")
	for _, l := range strings.Split(strings.TrimSpace(tableTail), "\n") {
		body.WriteString(para(l, 9))
	}
	res, err := Parse(buildDocx(t, body.String()), "bang.docx", nil)
	if err != nil {
		t.Fatal(err)
	}
	checkTasks(t, res, tableWant)
}

// TestTablePDF: the table in a PDF, ruled, with a merged deadline cell.
func TestTablePDF(t *testing.T) {
	markup := strings.ReplaceAll(tableHead, " | ", "\n#R ")
	markup = `#L ỦY BAN NHÂN DÂN
#L TỈNH TÂY NINH
#L Số: 12/KH-UBND
#R CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
#R Độc lập - Tự do - Hạnh phúc
#R Tây Ninh, ngày 10 tháng 01 năm 2021
` + tableHead[strings.Index(tableHead, "KẾ HOẠCH"):] + `|STT|Nội dung công việc|Cơ quan chủ trì|Cơ quan phối hợp|Thời gian thực hiện|Sản phẩm|
|1|Xây dựng ấn phẩm giới thiệu tiềm năng du lịch bằng tiếng Anh và tiếng Khmer|Sở Văn hóa, Thể thao và Du lịch|Sở Ngoại vụ, Báo Tây Ninh|Quý II/2021|Ấn phẩm in và điện tử|
|2|Tổ chức đoàn phóng viên nước ngoài tham quan cửa khẩu Mộc Bài|Sở Ngoại vụ|Công an tỉnh|^|Tin, bài, phóng sự|
|3|Họp báo định kỳ cung cấp thông tin cho báo chí|Sở Thông tin và Truyền thông|Các sở, ban, ngành|Hằng quý||
` + tableTail
	res, err := Parse(renderPDF(t, markup), "bang.pdf", nil)
	if err != nil {
		t.Fatal(err)
	}
	checkTasks(t, res, tableWant)
	if res.Number != "12/KH-UBND" || res.Signer != "Nguyễn Văn Hải" {
		t.Errorf("number %q signer %q", res.Number, res.Signer)
	}
}

// TestTableAppendix: the tasks in an appendix table after the signature,
// grouped by year in a multi-year plan.
func TestTableAppendix(t *testing.T) {
	res := mustParse(t, `KẾ HOẠCH
Thông tin đối ngoại tỉnh Tây Ninh giai đoạn 2021 - 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quảng bá hình ảnh tỉnh.
II. NHIỆM VỤ
Các nhiệm vụ cụ thể tại Phụ lục kèm theo.
III. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
Theo dõi, tổng hợp.
`+tailText+`PHỤ LỤC
DANH MỤC NHIỆM VỤ
| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |
| A | NĂM 2021 | | | |
| 1 | Họp báo định kỳ cung cấp thông tin cho báo chí | Sở Thông tin và Truyền thông | Các sở, ban, ngành | |
| B | NĂM 2022 | | | |
| 2 | Tổ chức đoàn phóng viên nước ngoài tham quan cửa khẩu Mộc Bài | Sở Ngoại vụ | Công an tỉnh | Quý II/2022 |
`)
	if res.Year != 2021 || res.YearTo != 2025 {
		t.Errorf("years %d–%d", res.Year, res.YearTo)
	}
	checkTasks(t, res, []wantTask{
		{"PL.1", "Họp báo định kỳ cung cấp thông tin cho báo chí", []string{"so-tttt"}, []string{"cac-so-ban-nganh"}, "Năm 2021", "2021-12-31", ""},
		{"PL.2", "Tổ chức đoàn phóng viên nước ngoài tham quan cửa khẩu Mộc Bài", []string{"so-ngoai-vu"}, []string{"cong-an"}, "Quý II/2022", "2022-06-30", ""},
	})
	if res.Signer != "Nguyễn Văn Hải" {
		t.Errorf("signer %q", res.Signer)
	}
}
