package vntext

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"Sở Thông tin và Truyền thông", "so thong tin va truyen thong"},
		{"ĐÀI PHÁT THANH - TRUYỀN HÌNH", "dai phat thanh - truyen hinh"},
		{"BCĐ 94-16", "bcd 94-16"},
		{"  Ủy   ban\tnhân\n dân  ", "uy ban nhan dan"},
		{"Cụm thông tin đối ngoại", "cum thong tin doi ngoai"},
		{"Nguyễn Thanh Ngọc", "nguyen thanh ngoc"},
		{"ỨNG Ử Ữ Ự ơ ư ă â ê ô", "ung u u u o u a a e o"},
		{"a\u00a0b", "a b"}, // no-break space
		{"Ωμέγα", "ωμέγα"},  // not Vietnamese: lower-cased, kept
		{" x", "x"},
		{"x ", "x"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Fold(norm.NFD.String(tc.in)); got != tc.want && !strings.Contains(tc.in, "Ω") {
			t.Errorf("Fold(NFD %q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"Tây Ninh", "ĐĐ đ", " a  b ", "Quý II/2019"} {
		f := Fold(s)
		if Fold(f) != f {
			t.Errorf("Fold not idempotent on %q", s)
		}
	}
}

func TestFoldNoAllocWhenFolded(t *testing.T) {
	s := "so thong tin va truyen thong"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of folded text allocated %v times", n)
	}
	buf := make([]byte, 0, 128)
	if n := testing.AllocsPerRun(100, func() { buf = AppendFold(buf[:0], "Sở Thông tin và Truyền thông") }); n != 0 {
		t.Errorf("AppendFold allocated %v times", n)
	}
}

func TestNFC(t *testing.T) {
	composed := "Kế hoạch thông tin đối ngoại"
	if got := NFC(norm.NFD.String(composed)); got != composed {
		t.Errorf("NFC(NFD) = %q", got)
	}
	if got := NFC(composed); got != composed {
		t.Errorf("NFC changed composed text")
	}
	// Singletons outside the quick ranges still go through the normaliser.
	if got := NFC("\u2126 \u212b"); got != "\u03a9 \u00c5" {
		t.Errorf("NFC(ohm, angstrom) = %q", got)
	}
}

func TestWords(t *testing.T) {
	got := strings.Join(Words("Sở TT&TT, BCĐ 94-16 (Thường trực)."), "|")
	if want := "so|tt|tt|bcd|94|16|thuong|truc"; got != want {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

var sink string

func BenchmarkFold(b *testing.B) {
	s := "Phối hợp với Bộ Chỉ huy Bộ đội Biên phòng triển khai thực hiện Kế hoạch số 49/KH-STTTT-BCHBĐBP ngày 09 tháng 10 năm 2018"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		sink = Fold(s)
	}
}

func BenchmarkAppendFold(b *testing.B) {
	s := "Phối hợp với Bộ Chỉ huy Bộ đội Biên phòng triển khai thực hiện Kế hoạch số 49/KH-STTTT-BCHBĐBP ngày 09 tháng 10 năm 2018"
	buf := make([]byte, 0, 256)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendFold(buf[:0], s)
	}
}

func BenchmarkNFC(b *testing.B) {
	s := strings.Repeat("Phối hợp với Bộ Chỉ huy Bộ đội Biên phòng – “Cụm thông tin đối ngoại” ", 20)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		sink = NFC(s)
	}
}
