package planparse

import (
	"strings"
	"testing"

	"ttdn"
)

// Shapes met in other provinces' published plans, each once misread: a body
// of another province cited by its own name ("Tỉnh ủy Lào Cai" is not the
// directory's "Tỉnh ủy"), a "Quy chế", an enacting clause whose subject the
// directory does not know, a header whose province line was lost, a
// decision whose summary wraps over three upper-case lines and whose number
// survives only in the attachment line, a Roman heading wrapped mid-phrase,
// and a task whose units and deadline sit inside its paragraph.

func TestOtherProvincePreamble(t *testing.T) {
	res, err := Parse([]byte(`ỦY BAN NHÂN DÂN |
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 12/KH-UBND |
Lào Cai, ngày 20 tháng 01 năm 2021 |
KẾ HOẠCH
HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI TỈNH LÀO CAI NĂM 2021
Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại; Quy chế số 05-QC/TU ngày 10/8/2018 của Tỉnh ủy Lào Cai về quản lý thống nhất các hoạt động đối ngoại; Quyết định số 11/2017/QĐ-UBND ngày 02/3/2017 của UBND tỉnh Lào Cai về quản lý hoạt động thông tin đối ngoại trên địa bàn tỉnh, UBND tỉnh Lào Cai ban hành Kế hoạch hoạt động thông tin đối ngoại năm 2021 như sau:
I. MỤC ĐÍCH,
YÊU CẦU
1. Mục đích
- Quảng bá hình ảnh của tỉnh tới bạn bè quốc tế.
II. NHIỆM VỤ
1. Giới thiệu tiềm năng du lịch của tỉnh trên báo chí nước ngoài. Cơ quan chủ trì: Sở Ngoại vụ; cơ quan phối hợp: Sở Tài chính, Công an tỉnh. Thời gian thực hiện: quý III năm 2021.
`+tailText), "ke-hoach.txt", nil) // Tây Ninh's directory: the other province's bodies are unknown to it
	if err != nil {
		t.Fatal(err)
	}
	p := res.Plan
	if p.Issuer != "Ủy ban nhân dân tỉnh Lào Cai" {
		t.Errorf("issuer %q: the enacting clause names the body the header lost", p.Issuer)
	}
	if len(p.LegalBases) != 3 {
		t.Fatalf("legal bases: %+v", p.LegalBases)
	}
	qc, qd := p.LegalBases[1], p.LegalBases[2]
	if qc.Kind != "Quy chế" || qc.Issuer != "Tỉnh ủy Lào Cai" || qc.Title != "Quản lý thống nhất các hoạt động đối ngoại" {
		t.Errorf("Quy chế read as %+v", qc)
	}
	if qd.Issuer != "Ủy ban nhân dân tỉnh Lào Cai" || strings.Contains(qd.Title, "ban hành Kế hoạch") {
		t.Errorf("the last basis runs into the enacting clause or names the wrong body: %+v", qd)
	}
	if len(p.Tasks) != 1 {
		t.Fatalf("tasks: %+v", p.Tasks)
	}
	task := p.Tasks[0]
	if task.Title != "Giới thiệu tiềm năng du lịch của tỉnh trên báo chí nước ngoài" || len(task.Lead) != 1 || len(task.Coordinating) != 2 ||
		task.DeadlineText != "quý III năm 2021" {
		t.Errorf("inline units and deadline: %q lead %+v coordinating %+v deadline %q", task.Title, task.Lead, task.Coordinating, task.DeadlineText)
	}
	if task.Lead[0].Name != "Sở Ngoại vụ" && !strings.HasPrefix(task.Lead[0].Name, "Sở Ngoại vụ") {
		t.Errorf("lead %+v", task.Lead[0])
	}
}

func TestDecisionHeaderLost(t *testing.T) {
	res := mustParse(t, `QUYẾT ĐỊNH
PHÊ
DUYỆT CHƯƠNG TRÌNH HÀNH ĐỘNG VỀ THÔNG TIN ĐỐI NGOẠI TỈNH HÀ GIANG GIAI ĐOẠN
2014 - 2020
ỦY BAN NHÂN DÂN TỈNH HÀ GIANG
Căn cứ Chỉ thị số 21/CT-TTg ngày 06/8/2012 của Thủ tướng Chính phủ về việc triển khai Chiến lược phát triển thông tin đối ngoại;
Xét đề nghị của Sở Thông tin và Truyền thông,
QUYẾT ĐỊNH
Điều 1. Phê duyệt ban hành kèm theo Quyết định này Chương trình hành động về thông tin đối ngoại tỉnh Hà Giang giai đoạn 2014 - 2020.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Bình
CHƯƠNG TRÌNH HÀNH ĐỘNG
VỀ THÔNG TIN ĐỐI NGOẠI TỈNH HÀ GIANG GIAI ĐOẠN 2014 - 2020
(kèm theo Quyết định số 2112/QĐ-UBND ngày 17 tháng 10 năm 2014)
I. TÌNH HÌNH THÔNG
TIN ĐỐI NGOẠI CỦA TỈNH
Công tác thông tin đối ngoại đã có nhiều chuyển biến.
II. MỤC TIÊU
1. Mục tiêu chung
- Quảng bá hình ảnh của tỉnh.
`)
	p := res.Plan
	d := p.Decision
	if d == nil {
		t.Fatal("no decision")
	}
	if d.Number != "2112/QĐ-UBND" || d.Date != (ttdn.Date{Year: 2014, Month: 10, Day: 17}) || p.IssuedOn != d.Date {
		t.Errorf("decision %q of %v, plan issued %v: the attachment line names them", d.Number, d.Date, p.IssuedOn)
	}
	if !strings.HasPrefix(d.Title, "PHÊ DUYỆT CHƯƠNG TRÌNH") || !strings.HasSuffix(d.Title, "2014 - 2020") {
		t.Errorf("decision summary %q: wrapped over three lines", d.Title)
	}
	if d.Issuer != "Ủy ban nhân dân tỉnh Hà Giang" || p.Issuer != d.Issuer {
		t.Errorf("issuer: decision %q, plan %q", d.Issuer, p.Issuer)
	}
	if p.Year != 2014 || p.YearTo != 2020 {
		t.Errorf("years %d–%d", p.Year, p.YearTo)
	}
	if len(p.Sections) == 0 || p.Sections[0].Title != "TÌNH HÌNH THÔNG TIN ĐỐI NGOẠI CỦA TỈNH" {
		t.Errorf("wrapped Roman heading: %+v", p.Sections)
	}
}

func TestWrappedPlaceAndProposal(t *testing.T) {
	res := mustParse(t, `ỦY BAN NHÂN DÂN
TỈNH BÀ RỊA - VŨNG TÀU
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 08/KH-UBND
|
Bà Rịa - Vũng
Tàu, ngày 08 tháng 01 năm 2023
|
KẾ HOẠCH
TRUYỀN THÔNG VỀ TỈNH VỚI BẠN BÈ QUỐC TẾ NĂM 2023
Thực hiện Chỉ thị số 09/CT-TTg ngày 31/3/2021 của Thủ tướng Chính phủ về nâng cao hiệu quả công tác thông tin (sau đây viết tắt là Chỉ thị số 09/CT-TTg);
Theo đề nghị của Sở Văn hóa và Thể thao tại Tờ trình số 118/TTr- SVHTT ngày 20/12/2022; Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Quảng bá hình ảnh của tỉnh.
II. NHIỆM VỤ
1. Giới thiệu tỉnh trên báo chí nước ngoài.
`+tailText)
	p := res.Plan
	if p.Place != "Bà Rịa - Vũng Tàu" {
		t.Errorf("place %q: wrapped before its last word", p.Place)
	}
	if len(p.LegalBases) != 1 || p.LegalBases[0].Number != "09/CT-TTg" {
		t.Errorf("legal bases %+v: the short-name note cites nothing new, the proposal is no basis", p.LegalBases)
	}
	found := false
	for _, r := range p.References {
		found = found || r.Number == "118/TTr-SVHTT"
	}
	if !found {
		t.Errorf("the proposal's Tờ trình is not among the references: %+v", p.References)
	}
}

func TestProgrammeEnactedWithoutHeader(t *testing.T) {
	res := mustParse(t, `CHƯƠNG TRÌNH
THỰC HIỆN CÔNG TÁC ĐỐI NGOẠI NHÂN DÂN NĂM 2023
Căn cứ Kế hoạch số 164-KH/TU ngày 24 tháng 8 năm 2022 của Ban Thường vụ Tỉnh ủy về đối ngoại nhân dân, Ủy ban nhân dân tỉnh ban hành
Chương trình thực hiện cụ thể như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Bảo đảm thực hiện thống nhất.
II. NHIỆM VỤ
1. Tổ chức giao lưu hữu nghị.
`)
	p := res.Plan
	if p.Issuer == "" || len(p.LegalBases) != 1 || strings.Contains(p.LegalBases[0].Title, "ban hành") {
		t.Errorf("issuer %q, bases %+v: a programme is enacted as a plan is", p.Issuer, p.LegalBases)
	}
}
