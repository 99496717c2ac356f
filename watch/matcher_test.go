package watch

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestDefaultValid(t *testing.T) {
	codes := map[string]bool{}
	for i := range Default {
		if err := Default[i].Validate(); err != nil {
			t.Error(err)
		}
		if codes[Default[i].Code] {
			t.Errorf("duplicate code %q", Default[i].Code)
		}
		codes[Default[i].Code] = true
	}
	if err := (&Term{Code: "x", Name: "--", Priority: 9}).Validate(); err == nil {
		t.Error("invalid term accepted")
	}
}

// found returns the codes of the terms matched in text, sorted.
func found(m *Matcher, text string) string {
	var codes []string
	for _, i := range m.MatchTerms(text) {
		codes = append(codes, m.Terms()[i].Code)
	}
	slices.Sort(codes)
	return strings.Join(codes, ",")
}

func TestMatchFoldingAndBoundaries(t *testing.T) {
	m := Compile(Default)
	for _, tc := range []struct{ text, want string }{
		{"Tây Ninh đón khách", "tay-ninh"},
		{"TAY NINH welcomes visitors", "tay-ninh"},
		{"tay ninh", "tay-ninh"},
		{norm.NFD.String("Cửa khẩu Mộc Bài"), "cua-khau,moc-bai"},
		{"Moc Bai border gate reopened", "cua-khau,moc-bai"},
		{"Long Anh và Tây Ninhh", ""},              // no partial words
		{"Tây-Ninh, Long-An!", "long-an,tay-ninh"}, // punctuation separates words
		{"lên núi Ba Den", "ba-den"},               // Folded: a word without diacritics
		{"lên núi Bá Đến", ""},                     // other diacritics never
		{"ĐƯỜNG LƯỠI BÒ phi pháp", "chu-quyen-bien"},
		{"duong luoi bo", "chu-quyen-bien"},
		{"Thông tin sai sự thật về Biển Đông", "bien-dong,tin-sai"},
		{"柬埔寨 西宁省", "campuchia,tay-ninh"},
		{"", ""},
	} {
		if got := found(m, tc.text); got != tc.want {
			t.Errorf("%q: found %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestMatchSpansAndOverlaps(t *testing.T) {
	m := Compile(Default)
	text := "Đoàn công tác tỉnh Tây Ninh thăm cửa khẩu Xa Mát."
	var got []string
	for _, h := range m.Match(text) {
		got = append(got, m.Terms()[h.Term].Code+":"+text[h.Start:h.End])
	}
	want := "tay-ninh:tỉnh Tây Ninh|tay-ninh:Tây Ninh|cua-khau:cửa khẩu|xa-mat:cửa khẩu Xa Mát|xa-mat:Xa Mát"
	if strings.Join(got, "|") != want {
		t.Errorf("hits = %q\nwant   %q", strings.Join(got, "|"), want)
	}
}

func TestPreview(t *testing.T) {
	docs := []Doc{
		{Title: "Giá vàng hôm nay"},
		{Title: "Khai trương chợ đêm", Text: "Khu chợ nằm gần cửa khẩu Moc Bai, thu hút đông khách du lịch từ Campuchia sang mua sắm vào cuối tuần."},
		{Title: "Mộc Bài đón 1.000 khách", Text: "Mộc Bài"},
	}
	term := Term{Code: "mb", Name: "Mộc Bài", Priority: High}
	if got := Preview(term, docs); len(got) != 1 || got[0].Doc != 2 {
		t.Fatalf("Preview without Folded = %+v: \"Moc Bai\" in a text with diacritics is not \"Mộc Bài\"", got)
	}
	term.Folded = true
	got := Preview(term, docs)
	if len(got) != 2 || got[0].Doc != 1 || got[1].Doc != 2 || got[1].Hits != 2 {
		t.Fatalf("Preview = %+v", got)
	}
	if got[0].Snippet != "Khu chợ nằm gần cửa khẩu «Moc Bai», thu hút đông khách du lịch từ Campuchia sang mua…" {
		t.Errorf("snippet = %q", got[0].Snippet)
	}
	if got[1].Snippet != "«Mộc Bài» đón 1.000 khách" {
		t.Errorf("snippet = %q", got[1].Snippet)
	}
}

// TestIssue11Examples reproduces the false hits of issue 11, each beside a
// true hit of the same term, in the shape of news titles and summaries.
func TestIssue11Examples(t *testing.T) {
	m := Compile(Default)
	for _, tc := range []struct{ text, want string }{
		// Diacritics carry meaning.
		{"Giá xăng dầu hôm nay: Biến động, xăng trong nước ngày mai tăng hay giảm?", ""},
		{"Huyết áp vẫn biến động dù uống thuốc đều, nguyên nhân do đâu?", ""},
		{"Bão Kalmaegi có thể mạnh tới cấp 14 ở Biển Đông", "bien-dong"},
		{"BÃO VÀO BIỂN ĐÔNG", "bien-dong"},
		{"Typhoon Kalmaegi enters Bien Dong", "bien-dong"}, // no diacritics at all: folded
		{"Đại kiện tướng Lê Quang Liêm thắng ván đầu", ""},
		{"Thị xã Kiến Tường đón bằng công nhận", "kien-tuong"},
		{"Vụ không có người lái va chạm giao thông", ""},
		{"Hai nhân viên cũ đăng mạng xã hội vu khống công ty", "xuyen-tac"},
		{"Doanh nhân Trần Việt Tân xây dựng giá trị văn hóa nhân văn tại VINAMA", ""},
		{"Đài RFA tiếp tay cho tổ chức khủng bố Việt Tân xuyên tạc", "to-chuc-phan-dong,viet-tan,xuyen-tac"},
		{"Việt Tân, một tổ chức đã bị xác định là khủng bố", "to-chuc-phan-dong,viet-tan"},
		// Never across clause punctuation.
		{"Mưa lớn ở Vĩnh Long, An Giang và Cà Mau", ""},
		{"Vĩnh Long; An Giang", ""},
		{"Vĩnh Long | An Giang", ""},
		{"Vĩnh Long (An Giang)", ""},
		{"Vĩnh Long… An Giang", ""},
		{"Mưa lớn ở tỉnh Long An và Tây Ninh", "long-an,tay-ninh"},
		{"Highlight Quảng Ninh 1-1 Long An: Bàn gỡ phút bù giờ", "long-an"},
		{"bảo vệ chủ quyền biển, đảo", "chu-quyen-bien"},
		{"dự án ở TP. Tân An và TP.Tân An", "tan-an"},
		{"cao tốc TP.HCM - Mộc Bài", "moc-bai"},
		{"Mưa ở Vĩnh Long. An Giang thì nắng", ""},
		// Tone placement: old and new are the same word.
		{"HAGL hoà Thanh Hoá", ""},
		{"Về thăm Hoà Thành, Tây Ninh", "hoa-thanh,tay-ninh"},
		{"Về thăm HÒA THÀNH", "hoa-thanh"},
		{"Nhà văn hóa Thanh Niên", ""},
	} {
		if got := found(m, tc.text); got != tc.want {
			t.Errorf("%q: found %q, want %q", tc.text, got, tc.want)
		}
		if got := found(m, norm.NFD.String(tc.text)); got != tc.want {
			t.Errorf("NFD %q: found %q, want %q", tc.text, got, tc.want)
		}
	}
	thuy := Compile([]Term{{Code: "thuy-dien", Name: "thủy điện", Priority: Normal}})
	for _, text := range []string{"nhà máy thuỷ điện", "Nhà máy THUỶ ĐIỆN", "nhà máy thủy điện", "nha may thuy dien"} {
		if found(thuy, text) != "thuy-dien" {
			t.Errorf("%q: thủy điện not found", text)
		}
	}
	if found(thuy, "nhà máy thùy điện") != "" {
		t.Error("thùy điện matched thủy điện: the tone differs")
	}
}

func TestExclusionsAndContext(t *testing.T) {
	term := Term{Code: "vt", Name: "Việt Tân", Priority: High, Exclude: []string{"Trần Việt Tân", "ông Việt"}}
	m := Compile([]Term{term})
	for text, want := range map[string]int{
		"ông Trần Việt Tân":                   0,
		"Việt Tân và ông Trần Việt Tân":       1,
		"TRẦN VIỆT TÂN, Việt Tân":             1,
		"Trần, Việt Tân":                      1, // the exclusion does not cross the comma either
		"ông Việt Tân":                        1, // overlapping is not inside
		"nha may cua Tran Viet Tan, Viet Tan": 1,
	} {
		if got := len(m.Match(text)); got != want {
			t.Errorf("%q: %d hits, want %d", text, got, want)
		}
	}
	term = Term{Code: "vt", Name: "Việt Tân", Priority: High, Context: []string{"khủng bố", "tổ chức"}, Within: 3}
	m = Compile([]Term{term})
	for text, want := range map[string]int{
		"tổ chức Việt Tân":            1,
		"khủng bố a b c Việt Tân":     1, // three words between
		"khủng bố a b c d Việt Tân":   0, // four
		"Việt Tân a b c khủng bố":     1,
		"Việt Tân a b c d khủng bố":   0,
		"Việt Tân, khủng bố":          1, // context may cross punctuation
		"Việt Tân và khung bo":        0, // diacritics of the context count too
		"Doanh nhân Việt Tân":         0,
		"to chuc Viet Tan":            1,
		"Việt Tân khủng bố, Việt Tân": 2,
	} {
		if got := len(m.Match(text)); got != want {
			t.Errorf("%q: %d hits, want %d", text, got, want)
		}
	}
	for _, bad := range []Term{
		{Code: "x", Name: "x", Priority: Low, Exclude: []string{"--"}},
		{Code: "x", Name: "x", Priority: Low, Context: []string{"y"}, Within: MaxWithin + 1},
	} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestExclusionPhrases(t *testing.T) {
	m := Compile([]Term{{Code: "vt", Name: "Việt Tân", Priority: High}})
	for text, want := range map[string]string{
		"Doanh nhân Trần Việt Tân xây dựng": "Trần Việt Tân|Việt Tân xây|Trần Việt Tân xây",
		"Trần Việt Tân: mong muốn":          "Trần Việt Tân",
		"Việt Tân, tổ chức":                 "",
		"(Việt Tân)":                        "",
		"ông Việt Tân":                      "ông Việt Tân",
	} {
		hits := m.Match(text)
		if len(hits) != 1 {
			t.Fatalf("%q: %d hits", text, len(hits))
		}
		got := strings.Join(ExclusionPhrases(text, hits[0]), "|")
		if got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
		// Each phrase, excluded, removes the hit.
		for _, p := range ExclusionPhrases(text, hits[0]) {
			taught := Compile([]Term{{Code: "vt", Name: "Việt Tân", Priority: High, Exclude: []string{p}}})
			if len(taught.Match(text)) != 0 {
				t.Errorf("%q excluding %q still hits", text, p)
			}
		}
	}
}
