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
		{"lên núi Ba Den", "ba-den"},
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
