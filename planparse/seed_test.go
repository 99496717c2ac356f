package planparse

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"ttdn"
	"ttdn/seed"
)

func parseSeed(t testing.TB) *Result {
	t.Helper()
	res, err := Parse(seed.Plan2019, seed.Plan2019Name, nil)
	if err != nil {
		t.Fatalf("Parse(seed): %v", err)
	}
	return res
}

// warningTexts lists the warnings' texts.
func warningTexts(ws []Warning) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Text)
	}
	return out
}

// codes lists refs as codes, "?text" for unresolved ones.
func codes(refs []ttdn.UnitRef) []string {
	out := []string{}
	for _, r := range refs {
		if r.Resolved() {
			out = append(out, r.Code)
		} else {
			out = append(out, "?"+r.Text)
		}
	}
	return out
}

func TestSeedHeader(t *testing.T) {
	p := parseSeed(t)
	if p.Number != "" || !p.IssuedOn.IsZero() || p.Place != "" {
		t.Errorf("the seed has no header block, got number %q, issued %v, place %q", p.Number, p.IssuedOn, p.Place)
	}
	if p.Title != "Công tác thông tin đối ngoại tỉnh Tây Ninh năm 2019" || p.Year != 2019 || p.Kind != "Kế hoạch" {
		t.Errorf("title %q year %d kind %q", p.Title, p.Year, p.Kind)
	}
	if p.Issuer != "Ủy ban nhân dân tỉnh Tây Ninh" {
		t.Errorf("issuer (from the enacting clause) = %q", p.Issuer)
	}
	if p.Signer != "Nguyễn Thanh Ngọc" || p.SignerTitle != "" {
		t.Errorf("signer %q, title %q", p.Signer, p.SignerTitle)
	}
	want := []string{
		"Không tìm thấy số, ký hiệu của kế hoạch (văn bản thiếu phần đầu).",
		"Không tìm thấy ngày ban hành của kế hoạch.",
	}
	if !reflect.DeepEqual(warningTexts(p.Warnings), want) {
		t.Errorf("warnings:\n got %q\nwant %q", p.Warnings, want)
	}
	wantSections := []ttdn.Section{{Number: "I", Title: "MỤC ĐÍCH, YÊU CẦU"}, {Number: "II", Title: "NỘI DUNG KẾ HOẠCH"}, {Number: "III", Title: "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI"}, {Number: "IV", Title: "KINH PHÍ"}, {Number: "V", Title: "TỔ CHỨC THỰC HIỆN"}}
	if !reflect.DeepEqual(p.Sections, wantSections) {
		t.Errorf("sections = %v", p.Sections)
	}
}

func TestSeedLegalBasesAndReferences(t *testing.T) {
	p := parseSeed(t)
	want := []ttdn.Document{
		{Number: "368/QĐ-TTg", Kind: "Quyết định", Date: ttdn.Date{Year: 2013, Month: 2, Day: 28}, Issuer: "Thủ tướng Chính phủ",
			Title: "Phê duyệt Chương trình hành động của Chính phủ về thông tin đối ngoại giai đoạn 2013-2020"},
		{Number: "72/2015/NĐ-CP", Kind: "Nghị định", Date: ttdn.Date{Year: 2015, Month: 9, Day: 7}, Issuer: "Chính phủ",
			Title: "Quản lý hoạt động thông tin đối ngoại"},
		{Number: "22/2016/TT-BTTTT", Kind: "Thông tư", Date: ttdn.Date{Year: 2016, Month: 10, Day: 19}, Issuer: "Bộ Thông tin và Truyền thông",
			Title: "Hướng dẫn quản lý hoạt động thông tin đối ngoại của các tỉnh, thành phố trực thuộc Trung ương"},
		{Number: "4110/BTTTT-TTĐN", Kind: "Hướng dẫn", Date: ttdn.Date{Year: 2018, Month: 12, Day: 4}, Issuer: "Bộ Thông tin và Truyền thông",
			Title: "Hướng dẫn xây dựng kế hoạch thông tin đối ngoại năm 2019"},
	}
	if !reflect.DeepEqual(p.LegalBases, want) {
		t.Errorf("legal bases:\n got %+v\nwant %+v", p.LegalBases, want)
	}
	type ref struct{ number, kind, date, issuer string }
	wantRefs := []ref{
		{"368/QĐ-TTg", "Quyết định", "2013-02-28", "Thủ tướng Chính phủ"},
		{"72/2015/NĐ-CP", "Nghị định", "2015-09-07", "Chính phủ"},
		{"22/2016/TT-BTTTT", "Thông tư", "2016-10-19", "Bộ Thông tin và Truyền thông"},
		{"4110/BTTTT-TTĐN", "Hướng dẫn", "2018-12-04", "Bộ Thông tin và Truyền thông"},
		{"273/QĐ-TTg", "Quyết định", "2018-03-06", "Thủ tướng Chính phủ"},
		{"30/QĐ-TTg", "Quyết định", "2018-05-14", "Thủ tướng Chính phủ"},
		{"235/KH-UBND", "Kế hoạch", "2018-10-31", "Ủy ban nhân dân tỉnh Tây Ninh"},
		{"930/QĐ-TTg", "Quyết định", "2018-07-28", "Thủ tướng Chính phủ"},
		{"2688/KH-UBND", "Kế hoạch", "2018-10-31", "Ủy ban nhân dân tỉnh Tây Ninh"},
		{"1117/QĐ-TTg", "Quyết định", "2017-07-28", "Thủ tướng Chính phủ"},
		{"26/CT-TTg", "Chỉ thị", "2018-09-04", "Thủ tướng Chính phủ"},
		{"49/KH-STTTT-BCHBĐBP", "Kế hoạch", "2018-10-09", ""},
		{"41/CT-TTg", "Chỉ thị", "2017-11-22", "Thủ tướng Chính phủ"},
	}
	var got []ref
	for _, d := range p.References {
		got = append(got, ref{d.Number, d.Kind, d.Date.ISO(), d.Issuer})
		if d.Title == "" {
			t.Errorf("reference %s has no title", d.Number)
		}
	}
	if !reflect.DeepEqual(got, wantRefs) {
		t.Errorf("references:\n got %v\nwant %v", got, wantRefs)
	}
	for _, lb := range p.LegalBases {
		found := false
		for _, r := range p.References {
			found = found || r == lb
		}
		if !found {
			t.Errorf("legal basis %s not among references", lb.Number)
		}
	}
	if r := p.References[5]; r.Title != "Phê duyệt Đề án “Tăng cường công tác thông tin đối ngoại với Campuchia đến năm 2020”" {
		t.Errorf("30/QĐ-TTg title = %q", r.Title)
	}
}

func TestSeedTasks(t *testing.T) {
	p := parseSeed(t)
	type task struct {
		ref                   string
		lead, exec, coord     []string
		titlePrefix, bodyPart string
	}
	want := []task{
		{"III.1", nil, []string{"so-tttt"}, []string{"cac-so-ban-nganh", "ubnd-cac-huyen"}, "Ban hành kế hoạch hoạt động", ""},
		{"III.2", nil, []string{"so-tttt"}, []string{"ban-tuyen-giao", "dai-ptth", "dai-tt-huyen"}, "Thông tin tuyên truyền trên", ""},
		{"III.3", nil, []string{"so-vhttdl", "so-nnptnt"}, []string{"so-tttt", "ubnd-cac-huyen", "co-quan-bao-chi", "doanh-nghiep"}, "Xây dựng kế hoạch truyền thông", ""},
		{"III.4", nil, []string{"so-tttt"}, nil, "Phối hợp tổ chức hội nghị tập huấn", ""},
		{"III.5", nil, []string{"bdbp"}, []string{"so-tttt", "dai-tt-huyen-bien-gioi", "dai-tt-cac-xa-bien-gioi"}, "Tổ chức các hoạt động nâng cao", "Biên soạn, in ấn, phát hành tờ rơi"},
		{"III.6", []string{"ban-tuyen-giao"}, []string{"cong-an", "so-tttt", "so-ngoai-vu", "bdbp", "bchqs", "cac-so-ban-nganh", "co-quan-bao-chi"}, nil,
			"Đấu tranh, phản bác lại những thông tin sai trái", "Chủ động hơn trong việc tiếp xúc"},
	}
	if len(p.Tasks) != len(want) {
		t.Fatalf("%d tasks, want %d", len(p.Tasks), len(want))
	}
	for i, w := range want {
		got := p.Tasks[i]
		if got.Ref != w.ref {
			t.Errorf("task %d ref %q, want %q", i, got.Ref, w.ref)
		}
		for _, c := range []struct {
			role      string
			got, want []string
		}{{"lead", codes(got.Lead), w.lead}, {"executing", codes(got.Executing), w.exec}, {"coordinating", codes(got.Coordinating), w.coord}} {
			if c.want == nil {
				c.want = []string{}
			}
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("%s %s = %v, want %v", w.ref, c.role, c.got, c.want)
			}
		}
		if !strings.HasPrefix(got.Title, w.titlePrefix) || !strings.Contains(got.Body, w.bodyPart) {
			t.Errorf("%s title %q body %q", w.ref, got.Title, got.Body)
		}
		if !got.Deadline.IsZero() || got.DeadlineText != "" {
			t.Errorf("%s: the seed gives no deadline, got %v %q", w.ref, got.Deadline, got.DeadlineText)
		}
	}
	if got := p.Tasks[4].Title; got != "Tổ chức các hoạt động nâng cao nhận thức cho cán bộ, chiến sỹ và nhân dân khu vực biên giới về công tác thông tin đối ngoại" {
		t.Errorf("III.5 title %q", got)
	}
	if n := strings.Count(p.Tasks[5].Body, "\n\n") + 1; n != 3 {
		t.Errorf("III.6 body has %d paragraphs, want 3", n)
	}
	if tx := p.Tasks[1].Coordinating[1].Text; tx != "Đài PTTH Tây Ninh" {
		t.Errorf("text as written = %q", tx)
	}
}

func TestSeedResponsibilities(t *testing.T) {
	p := parseSeed(t)
	want := []struct {
		units  []string
		duties int
	}{
		{[]string{"ban-tuyen-giao"}, 2}, {[]string{"mttq", "to-chuc-ctxh"}, 1}, {[]string{"so-tttt"}, 6},
		{[]string{"van-phong"}, 1}, {[]string{"so-vhttdl"}, 4}, {[]string{"so-nnptnt"}, 2}, {[]string{"so-khdt"}, 3},
		{[]string{"so-cong-thuong"}, 3}, {[]string{"so-ngoai-vu"}, 6}, {[]string{"so-tai-chinh"}, 1}, {[]string{"bdbp"}, 2},
		{[]string{"cong-an"}, 3}, {[]string{"bchqs"}, 3}, {[]string{"bao-tay-ninh", "dai-ptth"}, 2},
		{[]string{"cac-so-ban-nganh", "ubnd-cac-huyen"}, 4},
	}
	if len(p.Responsibilities) != len(want) {
		t.Fatalf("%d responsibilities, want %d", len(p.Responsibilities), len(want))
	}
	for i, w := range want {
		r := p.Responsibilities[i]
		ref := "V." + itoa(i+1)
		if r.Ref != ref || !reflect.DeepEqual(codes(r.Units), w.units) || len(r.Duties) != w.duties {
			t.Errorf("%s: got ref %s units %v, %d duties; want units %v, %d duties", ref, r.Ref, codes(r.Units), len(r.Duties), w.units, w.duties)
		}
	}
	if h := p.Responsibilities[0].Heading; h != "Đề nghị Ban Tuyên giáo Tỉnh ủy (Thường trực BCD 94-16)" {
		t.Errorf("V.1 heading %q", h)
	}
	if d := p.Responsibilities[2].Duties[0]; !strings.HasSuffix(d, "năm 2019 báo cáo Ban Chỉ đạo 94-16 tỉnh, Ủy ban nhân dân tỉnh, Bộ Thông tin và Truyền thông, Ban Tuyên giáo Trung ương theo quy định.") {
		t.Errorf("V.3 first duty not joined across the blank line: %q", d)
	}
	if len(p.Closing) != 3 || !strings.HasPrefix(p.Closing[0], "Đề nghị Thủ trưởng") || !strings.HasPrefix(p.Closing[2], "Trên đây là") {
		t.Errorf("closing = %q", p.Closing)
	}
}

func TestSeedAimsAndContent(t *testing.T) {
	p := parseSeed(t)
	if len(p.Objectives) != 4 || len(p.Requirements) != 3 || len(p.ContentDirections) != 7 {
		t.Errorf("%d objectives, %d requirements, %d content directions", len(p.Objectives), len(p.Requirements), len(p.ContentDirections))
	}
	if !strings.Contains(p.Requirements[1], "giữa Trung ương với tinh; phát huy") {
		t.Errorf("hard-wrapped requirement not joined: %q", p.Requirements[1])
	}
	if !strings.Contains(p.ContentDirections[6], "giai đoạn 2017-2020, Chỉ thị số 26/CT-TTg") {
		t.Errorf("hard-wrapped direction not joined: %q", p.ContentDirections[6])
	}
	if !strings.HasPrefix(p.Budget, "Trên cơ sở chức năng") {
		t.Errorf("budget %q", p.Budget)
	}
}

func TestSeedReportScheduleAndDistribution(t *testing.T) {
	p := parseSeed(t)
	rs := p.ReportSchedule
	if !reflect.DeepEqual(rs.DueDates, []ttdn.DayMonth{{Day: 20, Month: 6}, {Day: 5, Month: 12}}) {
		t.Errorf("due dates %v", rs.DueDates)
	}
	if rs.ReportTo == nil || rs.ReportTo.Code != "so-tttt" {
		t.Errorf("report to %+v", rs.ReportTo)
	}
	if got := codes(rs.Recipients); !reflect.DeepEqual(got, []string{"bcd-94-16", "ubnd-tinh", "bo-tttt"}) {
		t.Errorf("recipients %v", got)
	}
	want := []struct{ text, code string }{
		{"Bộ Thông tin và Truyền thông (b/c)", "bo-tttt"}, {"TT Tỉnh ủy", "tinh-uy"}, {"TT HĐND tỉnh", "hdnd-tinh"},
		{"CT, các PCT UBND tỉnh", "ubnd-tinh"}, {"Ban Tuyên giáo Tỉnh ủy", "ban-tuyen-giao"}, {"Các sở, ban, ngành tỉnh", "cac-so-ban-nganh"},
		{"UBND các huyện, thành phố", "ubnd-cac-huyen"}, {"PVP Nhung", "van-phong"}, {"P.KGVX", "vp-kgvx"}, {"Lưu: VT VP UBND tỉnh", ""},
	}
	if len(p.Distribution) != len(want) {
		t.Fatalf("%d distribution lines, want %d: %+v", len(p.Distribution), len(want), p.Distribution)
	}
	for i, w := range want {
		d := p.Distribution[i]
		code := ""
		if d.Unit != nil {
			code = d.Unit.Code
		}
		if d.Text != w.text || code != w.code {
			t.Errorf("distribution %d = %q (%s), want %q (%s)", i, d.Text, code, w.text, w.code)
		}
	}
}

// TestSeedJSONContract checks the snake_case keys and that lists encode as
// [] rather than null.
func TestSeedJSONContract(t *testing.T) {
	b, err := json.Marshal(parseSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"number", "kind", "title", "year", "issuer", "place", "issued_on", "signer", "legal_bases", "references",
		"sections", "objectives", "requirements", "content_directions", "tasks", "budget", "responsibilities", "report_schedule", "distribution", "warnings"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if m["issued_on"] != nil {
		t.Errorf("issued_on = %v, want null", m["issued_on"])
	}
	if s := string(b); strings.Contains(s, `"lead":null`) || strings.Contains(s, `"coordinating":null`) {
		t.Errorf("a list encoded as null")
	}
	task := m["tasks"].([]any)[0].(map[string]any)
	for _, k := range []string{"ref", "title", "lead", "executing", "coordinating", "deadline", "deadline_text"} {
		if _, ok := task[k]; !ok {
			t.Errorf("task JSON lacks %q", k)
		}
	}
	if lead, ok := task["lead"].([]any); !ok || len(lead) != 0 {
		t.Errorf("III.1 lead = %v, want []", task["lead"])
	}
}

func BenchmarkParseSeed(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(seed.Plan2019)))
	for b.Loop() {
		if _, err := Parse(seed.Plan2019, seed.Plan2019Name, nil); err != nil {
			b.Fatal(err)
		}
	}
}
