package planparse

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"ttdn"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestVariants")

// TestVariants parses each synthetic plan in testdata and compares the
// whole result with its golden JSON.
func TestVariants(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) < 4 {
		t.Fatalf("only %d variants in testdata", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			res := parseFile(t, f)
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(append(got, '\n'), want) {
				t.Errorf("result differs from %s; run with -update and review the diff\n%s", golden, got)
			}
		})
	}
}

func parseFile(t *testing.T, name string) *Result {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(data, filepath.Base(name), nil)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return res
}

// The checks below state by hand what the goldens hold, so a careless
// -update cannot bless a regression in the features each variant exists for.

func TestVariantWebPage(t *testing.T) {
	p := parseFile(t, "testdata/ke-hoach-2020-web.txt")
	if p.Number != "79/KH-UBND" || p.IssuedOn.ISO() != "2020-01-15" || p.Place != "Tây Ninh" || p.Issuer != "Ủy ban nhân dân tỉnh Tây Ninh" {
		t.Errorf("header through web boilerplate: %q %v %q %q", p.Number, p.IssuedOn, p.Place, p.Issuer)
	}
	if len(p.LegalBases) != 3 || p.LegalBases[2].Number != "16-KL/TW" || p.LegalBases[2].Kind != "Kết luận" || p.LegalBases[2].Issuer != "Bộ Chính trị" {
		t.Errorf("Căn cứ preamble: %+v", p.LegalBases)
	}
	t1, t2, t3 := p.Tasks[0], p.Tasks[1], p.Tasks[2]
	if t1.DeadlineText != "Quý II/2020" || t1.Deadline.ISO() != "2020-06-30" {
		t.Errorf("quarter deadline: %q %v", t1.DeadlineText, t1.Deadline)
	}
	if got := codes(t1.Coordinating); !reflect.DeepEqual(got, []string{"van-phong", "bao-tay-ninh", "?Hiệp hội Du lịch tỉnh"}) {
		t.Errorf("units from table cells: %v", got)
	}
	if t2.DeadlineText != "Thường xuyên" || !t2.Deadline.IsZero() {
		t.Errorf("Thường xuyên: %q %v", t2.DeadlineText, t2.Deadline)
	}
	if t3.DeadlineText != "31/02/2020" || !t3.Deadline.IsZero() || !reflect.DeepEqual(codes(t3.Coordinating), []string{"so-tttt", "ubnd-cac-huyen"}) {
		t.Errorf("impossible date / wrapped unit line: %q %v %v", t3.DeadlineText, t3.Deadline, codes(t3.Coordinating))
	}
	wantWarnings := []string{
		"Nhiệm vụ III.1: không nhận ra đơn vị “Hiệp hội Du lịch tỉnh” (giữ nguyên như trong văn bản).",
		"Nhiệm vụ III.3: thời hạn “31/02/2020” không phải ngày có thật (giữ nguyên văn bản, không có ngày).",
	}
	if !reflect.DeepEqual(warningTexts(p.Warnings), wantWarnings) {
		t.Errorf("warnings %q", p.Warnings)
	}
	// Each warning carries the source line of what it is about.
	src := strings.Split(p.Text, "\n")
	for i, want := range []string{"Hiệp hội Du lịch tỉnh", "31/02/2020"} {
		if l := p.Warnings[i].Line; l < 1 || l > len(src) || !strings.Contains(src[l-1], want) {
			t.Errorf("warning %d points at line %d, not at %q", i, l, want)
		}
	}
	if p.Signer != "Trần Văn Chiến" || p.SignerTitle != "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" {
		t.Errorf("signer %q %q", p.Signer, p.SignerTitle)
	}
}

func TestVariantAfter2025(t *testing.T) {
	p := parseFile(t, "testdata/ke-hoach-2026-sau-sap-xep.txt")
	if len(p.Tasks) != 3 || p.Tasks[0].Ref != "II.1" || len(p.Responsibilities) != 3 || p.Responsibilities[0].Ref != "IV.1" {
		t.Fatalf("sections found by content: %d tasks, %d responsibilities", len(p.Tasks), len(p.Responsibilities))
	}
	if d := p.Tasks[0]; d.Deadline.ISO() != "2026-08-15" || codes(d.Lead)[0] != "so-vhttdl" || codes(d.Coordinating)[0] != "bao-ptth" {
		t.Errorf("II.1 %v %v %v", d.Deadline, codes(d.Lead), codes(d.Coordinating))
	}
	if d := p.Tasks[1]; d.Deadline.ISO() != "2026-06-30" || !reflect.DeepEqual(codes(d.Coordinating), []string{"ban-tgdv", "?UBND các xã, phường biên giới"}) {
		t.Errorf("II.2 %v %v", d.Deadline, codes(d.Coordinating))
	}
	if r := p.Responsibilities[0]; r.Heading != "Sở Văn hóa, Thể thao và Du lịch" || len(r.Duties) != 2 || r.Duties[0] != "Là cơ quan thường trực, theo dõi, đôn đốc thực hiện Kế hoạch." {
		t.Errorf("inline duty: %+v", r)
	}
	rs := p.ReportSchedule
	if rs.ReportTo == nil || rs.ReportTo.Code != "so-vhttdl" || !reflect.DeepEqual(codes(rs.Recipients), []string{"ubnd-tinh-2025", "bo-vhttdl"}) ||
		!reflect.DeepEqual(rs.DueDates, []ttdn.DayMonth{{Day: 10, Month: 6}, {Day: 10, Month: 12}}) {
		t.Errorf("report schedule %+v", rs)
	}
	if p.Signer != "Nguyễn Văn An" {
		t.Errorf("all-capitals signer = %q", p.Signer)
	}
}

func TestVariantPDFText(t *testing.T) {
	p := parseFile(t, "testdata/ke-hoach-2022-pdf.txt")
	if p.Title != "Công tác thông tin đối ngoại tỉnh Tây Ninh năm 2022" || p.Number != "301/KH-UBND" {
		t.Errorf("title %q number %q", p.Title, p.Number)
	}
	if len(p.LegalBases) != 1 || !strings.HasSuffix(p.LegalBases[0].Title, "giai đoạn 2013-2020") || p.LegalBases[0].Issuer != "Thủ tướng Chính phủ" {
		t.Errorf("legal basis across wrapped lines: %+v", p.LegalBases)
	}
	if got := codes(p.Tasks[0].Coordinating); !reflect.DeepEqual(got, []string{"bdbp", "dai-tt-huyen-bien-gioi"}) {
		t.Errorf("names without diacritics, wrapped: %v", got)
	}
	if len(p.ContentDirections) != 1 || len(p.Responsibilities[1].Duties) != 1 {
		t.Errorf("page numbers leaked: %q %q", p.ContentDirections, p.Responsibilities[1].Duties)
	}
	if got := codes(p.Responsibilities[0].Units); !reflect.DeepEqual(got, []string{"ban-tuyen-giao"}) {
		t.Errorf("IV.1 units %v", got)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Text, "sau khi được bố trí kinh phí") {
		t.Errorf("warnings %q", p.Warnings)
	}
}

func TestVariantDepartmentPlan(t *testing.T) {
	p := parseFile(t, "testdata/ke-hoach-so-tttt-2023.txt")
	if p.Issuer != "Sở Thông tin và Truyền thông" || p.Number != "15/KH-STTTT" || p.Title != "Thông tin đối ngoại về Campuchia năm 2023" {
		t.Errorf("header %q %q %q", p.Issuer, p.Number, p.Title)
	}
	if b := p.Tasks[0].Body; !strings.HasPrefix(b, "a) Biên tập") || !strings.Contains(b, "\n\nb) Phát") {
		t.Errorf("sub-items in the body: %q", b)
	}
	if got := codes(p.Tasks[1].Coordinating); !reflect.DeepEqual(got, []string{"so-ngoai-vu", "?Sở Thông tin tỉnh Svay Rieng (Campuchia)"}) {
		t.Errorf("foreign unit kept whole: %v", got)
	}
	if p.SignerTitle != "GIÁM ĐỐC" || p.Signer != "Lê Thị Hoa" {
		t.Errorf("signer %q %q", p.SignerTitle, p.Signer)
	}
}

// TestEndedUnitWarned: a 2026 plan naming Sở TTTT, whose TTĐN duties passed
// to Sở VHTTDL on 1/3/2025, resolves it but says so.
func TestEndedUnitWarned(t *testing.T) {
	text := "KẾ HOẠCH\nThông tin đối ngoại năm 2026\n\nI. NHIỆM VỤ\n1. Tuyên truyền.\n- Đơn vị thực hiện: Sở Thông tin và Truyền thông.\n"
	res, err := Parse([]byte(text), "kh-2026.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(res.Tasks[0].Executing); !reflect.DeepEqual(got, []string{"so-tttt"}) {
		t.Errorf("executing %v", got)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w.Text, "“Sở Thông tin và Truyền thông” đã kết thúc") && strings.Contains(w.Text, "Sở Văn hóa, Thể thao và Du lịch")
	}
	if !found {
		t.Errorf("no warning about the ended unit: %q", res.Warnings)
	}
}
