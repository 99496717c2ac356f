package tone

import "testing"

func TestGuess(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Tone
	}{
		{"Tây Ninh thu hút đầu tư tăng trưởng kỷ lục trong năm 2025", Positive},
		{"Khánh thành cửa khẩu mới, hợp tác hữu nghị Việt Nam - Campuchia", Positive},
		{"Tai nạn giao thông ở Trảng Bàng, hai người thiệt mạng", Negative},
		{"Khởi tố vụ buôn lậu qua biên giới Mộc Bài", Negative},
		{"Các đối tượng phản động xuyên tạc thông tin sai sự thật về tỉnh", Negative},
		{"UBND tỉnh họp định kỳ tháng 10", Neutral},
		{"Giá xăng giảm nhẹ", Neutral}, // one mild word is no tone
		{"Dự án không hiệu quả, không thành công", Negative},
		{"Tay Ninh province records strong growth in foreign investment", Positive},
		{"Police arrested three people after the accident near the border", Negative},
		{"The committee met on Tuesday", Neutral},
		{"", Neutral},
	} {
		if got := Guess(tc.text); got.Tone != tc.want {
			t.Errorf("Guess(%q) = %+v, want %s", tc.text, got, tc.want)
		}
	}
}

func BenchmarkGuess(b *testing.B) {
	s := "Tây Ninh thu hút đầu tư tăng trưởng kỷ lục trong năm 2025, nhiều dự án khu công nghiệp được khởi công, tuy nhiên vẫn còn khó khăn về giải phóng mặt bằng."
	b.ReportAllocs()
	for b.Loop() {
		Guess(s)
	}
}
