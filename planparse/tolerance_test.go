package planparse

import (
	"strings"
	"testing"

	"ttdn"
)

// Each case is a shape of the plans provinces publish that the parser
// refused or misread before (issue 13): it now imports, with a warning where
// it had to guess.

func mustParse(t *testing.T, text string) *Result {
	t.Helper()
	res, err := Parse([]byte(text), "ke-hoach.txt", nil)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	return res
}

// hasWarning reports a warning containing part, and checks that it points
// at a line of the text containing at (when at is not empty).
func hasWarning(t *testing.T, res *Result, part, at string) {
	t.Helper()
	src := strings.Split(res.Text, "\n")
	for _, w := range res.Warnings {
		if strings.Contains(w.Text, part) {
			if at != "" && (w.Line < 1 || w.Line > len(src) || !strings.Contains(src[w.Line-1], at)) {
				t.Errorf("warning %q points at line %d, not at %q", w.Text, w.Line, at)
			}
			return
		}
	}
	t.Errorf("no warning containing %q in %q", part, res.Warnings)
}

const tailText = `
Nơi nhận:
- Bộ Thông tin và Truyền thông;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Hải
`

func TestLostTitleLine(t *testing.T) {
	res := mustParse(t, `Trang chủ > Văn bản
ỦY BAN NHÂN DÂN |
CỘNG
HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 44/KH-UBND |
Hà Tĩnh, ngày 08 tháng 02 năm 2018 |
CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH HÀ TĨNH NĂM 2018
Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại, Ủy ban nhân dân tỉnh Hà Tĩnh ban hành Kế hoạch như sau:
1. Mục tiêu
- Tăng cường hiệu lực quản lý nhà nước về thông tin đối ngoại.
2. Yêu cầu
- Bám sát chủ trương của Đảng.
II. NHIỆM VỤ
1. Tổ chức họp báo quý.
- Đơn vị thực hiện: Sở Thông tin và Truyền thông.
- Thời hạn: Quý IV/2018.
III. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành
Triển khai thực hiện Kế hoạch.
`+tailText)
	if res.Title != "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH HÀ TĨNH NĂM 2018" || res.Year != 2018 || res.Kind != "Kế hoạch" {
		t.Errorf("title %q year %d kind %q", res.Title, res.Year, res.Kind)
	}
	if res.Number != "44/KH-UBND" || res.Place != "Hà Tĩnh" || res.IssuedOn.ISO() != "2018-02-08" {
		t.Errorf("header %q %q %v", res.Number, res.Place, res.IssuedOn)
	}
	if res.Issuer != "Ủy ban nhân dân" && !strings.HasPrefix(res.Issuer, "Ủy ban nhân dân") {
		t.Errorf("issuer %q (the Quốc hiệu broken over lines must not join it)", res.Issuer)
	}
	if len(res.Sections) != 3 || res.Sections[0].Number != "I" || len(res.Objectives) == 0 || len(res.Requirements) != 1 {
		t.Errorf("lost section I: sections %v objectives %q requirements %q", res.Sections, res.Objectives, res.Requirements)
	}
	if len(res.Tasks) != 1 || res.Tasks[0].Ref != "II.1" {
		t.Errorf("tasks %+v", res.Tasks)
	}
	hasWarning(t, res, "Không thấy dòng tiêu đề “KẾ HOẠCH”", "CÔNG TÁC THÔNG TIN")
	hasWarning(t, res, "tiêu đề mục I", "1. Mục tiêu")
}

func TestArabicSections(t *testing.T) {
	res := mustParse(t, `ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG
Số: 120/KH-UBND
Bình Dương, ngày 12 tháng 01 năm 2021
KẾ HOẠCH
Thông tin đối ngoại tỉnh Bình Dương năm 2021
Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
1. MỤC ĐÍCH, YÊU CẦU
a) Mục đích
Quảng bá hình ảnh tỉnh.
b) Yêu cầu
Bám sát định hướng.
2. NHIỆM VỤ TRỌNG TÂM
2.1. Xây dựng chuyên trang thông tin đối ngoại bằng tiếng Anh.
- Cơ quan chủ trì: Sở Thông tin và Truyền thông.
- Thời gian thực hiện: Quý II/2021.
2.2. Tổ chức đón đoàn phóng viên nước ngoài.
- Cơ quan chủ trì: Sở Ngoại vụ.
- Thời gian thực hiện: Tháng 9/2021.
3. TỔ CHỨC THỰC HIỆN
a) Sở Thông tin và Truyền thông: theo dõi, đôn đốc thực hiện Kế hoạch.
b) Các sở, ban, ngành: triển khai thực hiện.
`+tailText)
	if len(res.Sections) != 3 || res.Sections[1].Number != "2" || res.Sections[1].Title != "NHIỆM VỤ TRỌNG TÂM" {
		t.Fatalf("sections %v", res.Sections)
	}
	if len(res.Tasks) != 2 || res.Tasks[1].Ref != "2.2" || res.Tasks[1].Deadline.ISO() != "2021-09-30" || len(res.Tasks[1].Lead) != 1 {
		t.Errorf("tasks %+v", res.Tasks)
	}
	if len(res.Responsibilities) != 2 || res.Responsibilities[0].Ref != "3.1" || len(res.Objectives) == 0 {
		t.Errorf("responsibilities %+v objectives %q", res.Responsibilities, res.Objectives)
	}
}

func TestDecisionWithAttachedPlan(t *testing.T) {
	res := mustParse(t, `ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HỒ CHÍ MINH | Độc lập - Tự do - Hạnh phúc
Số: 1234/QĐ-UBND | Thành phố Hồ Chí Minh, ngày 20 tháng 4 năm 2020
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch thông tin đối ngoại của Thành phố Hồ Chí Minh năm 2020
ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07 tháng 9 năm 2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;
Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thông tin đối ngoại của Thành phố Hồ Chí Minh năm 2020.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng Ủy ban nhân dân Thành phố, Giám đốc các sở, ngành chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thanh Liêm
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ HỒ CHÍ MINH | Độc lập - Tự do - Hạnh phúc
KẾ HOẠCH
Thông tin đối ngoại của Thành phố Hồ Chí Minh năm 2020
(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 20 tháng 4 năm 2020 của Ủy ban nhân dân Thành phố)
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quảng bá hình ảnh Thành phố năng động, nghĩa tình.
II. NHIỆM VỤ
1. Tổ chức chương trình giới thiệu Thành phố tại nước ngoài.
- Đơn vị chủ trì: Sở Ngoại vụ.
- Thời hạn: Quý III/2020.
III. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
Theo dõi, tổng hợp.
`)
	d := res.Decision
	if d == nil || d.Number != "1234/QĐ-UBND" || d.Kind != "Quyết định" || d.Date.ISO() != "2020-04-20" || d.Signer != "Lê Thanh Liêm" ||
		d.SignerTitle != "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" ||
		d.Title != "Ban hành Kế hoạch thông tin đối ngoại của Thành phố Hồ Chí Minh năm 2020" {
		t.Fatalf("decision %+v", d)
	}
	if res.Number != "" || res.Title != "Thông tin đối ngoại của Thành phố Hồ Chí Minh năm 2020" || res.Year != 2020 ||
		res.IssuedOn.ISO() != "2020-04-20" || res.Signer != "Lê Thanh Liêm" || res.Place != "Thành phố Hồ Chí Minh" {
		t.Errorf("plan %q %q %d %v %q %q", res.Number, res.Title, res.Year, res.IssuedOn, res.Signer, res.Place)
	}
	if len(res.LegalBases) != 1 || res.LegalBases[0].Number != "72/2015/NĐ-CP" {
		t.Errorf("legal bases come from the decision: %+v", res.LegalBases)
	}
	if len(res.Tasks) != 1 || len(res.Responsibilities) != 1 {
		t.Errorf("%d tasks, %d responsibilities", len(res.Tasks), len(res.Responsibilities))
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Text, "số, ký hiệu") || strings.Contains(w.Text, "người ký") {
			t.Errorf("the plan's number and signer are the decision's: %q", w.Text)
		}
	}
}

func TestDecisionWithoutAttachmentRefused(t *testing.T) {
	_, err := Parse([]byte("QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch thông tin đối ngoại năm 2020\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch thông tin đối ngoại năm 2020.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"), "qd.txt", nil)
	if err == nil || !strings.Contains(err.Error(), "không có kế hoạch kèm theo") && !strings.Contains(err.Error(), "attached plan") {
		t.Errorf("err %v", err)
	}
}

func TestFlattenedHeader(t *testing.T) {
	res := mustParse(t, `ỦY BAN NHÂN DÂN TỈNH AN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 45/KH-UBND An Giang, ngày 10 tháng 3 năm 2021
KẾ HOẠCH
Thông tin đối ngoại tỉnh An Giang năm 2021
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quảng bá hình ảnh An Giang.
II. NHIỆM VỤ
1. Xây dựng chuyên mục tiếng Anh trên Cổng thông tin điện tử tỉnh.
- Đơn vị thực hiện: Sở Thông tin và Truyền thông.
`+tailText)
	if res.Number != "45/KH-UBND" || res.Place != "An Giang" || res.IssuedOn.ISO() != "2021-03-10" || res.Issuer != "Ủy ban nhân dân tỉnh An Giang" {
		t.Errorf("header %q %q %v %q", res.Number, res.Place, res.IssuedOn, res.Issuer)
	}
}

func TestWrappedAndThucHienTitles(t *testing.T) {
	body := `
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quảng bá hình ảnh tỉnh.
II. NHIỆM VỤ
1. Tổ chức hội nghị.
- Đơn vị thực hiện: Sở Ngoại vụ.
` + tailText
	for _, c := range []struct{ head, title string }{
		{"KẾ HOẠCH\nHOẠT\nĐỘNG THÔNG TIN ĐỐI NGOẠI TỈNH LÀO CAI\nNĂM 2021", "HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI TỈNH LÀO CAI NĂM 2021"},
		{"KẾ HOẠCH\nThông tin đối ngoại tỉnh Lào Cai\nnăm 2021", "Thông tin đối ngoại tỉnh Lào Cai năm 2021"},
		{"KẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC THÔNG TIN ĐỐI NGOẠI\nNĂM 2021", "THỰC HIỆN CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2021"},
		{"KẾ HOẠCH\nThực hiện công tác thông tin đối ngoại năm 2021", "Thực hiện công tác thông tin đối ngoại năm 2021"},
	} {
		res := mustParse(t, "Số: 10/KH-UBND\nLào Cai, ngày 29 tháng 12 năm 2020\n"+c.head+body)
		if res.Title != c.title || res.Year != 2021 {
			t.Errorf("%q: title %q year %d (not the signing year 2020)", c.head, res.Title, res.Year)
		}
	}
}

func TestProgrammeYearRange(t *testing.T) {
	res := mustParse(t, `CHƯƠNG TRÌNH
Hành động về thông tin đối ngoại tỉnh Lạng Sơn giai đoạn 2021 - 2025
I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao hiệu quả thông tin đối ngoại.
II. NHIỆM VỤ
1. Xây dựng cơ sở dữ liệu thông tin đối ngoại của tỉnh.
- Đơn vị chủ trì: Sở Thông tin và Truyền thông.
- Thời gian thực hiện: Năm 2022.
`+tailText)
	if res.Kind != "Chương trình" || res.Year != 2021 || res.YearTo != 2025 {
		t.Errorf("kind %q years %d–%d", res.Kind, res.Year, res.YearTo)
	}
	if res.Tasks[0].Deadline.ISO() != "2022-12-31" {
		t.Errorf("task of a year: %v", res.Tasks[0].Deadline)
	}
}

func TestBoilerplateAndCutShort(t *testing.T) {
	res := mustParse(t, `Đang tải nội dung, vui lòng chờ giây lát...
Đang tải nội dung, vui lòng chờ giây lát...
Tải về
KẾ HOẠCH
Thông tin đối ngoại tỉnh Điện Biên năm 2022
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Quảng bá hình ảnh tỉnh.
II. NHIỆM VỤ
1. Tổ chức hội nghị.
- Đơn vị thực hiện: Sở Ngoại vụ.
2. Tổ chức hội nghị báo chí giới thiệu tiềm năng du lịch với các cơ quan báo chí và
`)
	if len(res.Tasks) != 2 || res.Title != "Thông tin đối ngoại tỉnh Điện Biên năm 2022" {
		t.Errorf("title %q tasks %d", res.Title, len(res.Tasks))
	}
	hasWarning(t, res, "bị cắt ngắn", "2. Tổ chức hội nghị")
	// Related-document lists after the signature are not part of the plan.
	res = mustParse(t, "KẾ HOẠCH\nThông tin đối ngoại năm 2022\nI. NHIỆM VỤ\n1. Họp báo.\n- Đơn vị thực hiện: Sở Ngoại vụ.\n"+tailText+"Văn bản liên quan\nNguyễn Văn Khác\nTải về\n")
	if res.Signer != "Nguyễn Văn Hải" {
		t.Errorf("signer %q", res.Signer)
	}
}

func TestNotAPlanSaysWhy(t *testing.T) {
	_, err := Parse([]byte("UBND TỈNH X\nBÁO CÁO\nKết quả công tác thông tin đối ngoại năm 2020\n\nI. KẾT QUẢ\n1. Đã tổ chức họp báo.\n"), "bao-cao.txt", nil)
	if err == nil || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "đây là báo cáo") || !strings.Contains(ttdn.ErrorMessage(err, "en"), "a report") {
		t.Errorf("a report: %v", err)
	}
}
