package story

import "testing"

// TestPlacesDiffer: two titles each naming a place the other item never
// mentions are told of two places; one place's other names (a province
// merged into another, Hồ Chí Minh City's short forms, a country's second
// name) are the same place, and a capitalised common word opening a title
// is no place.
func TestPlacesDiffer(t *testing.T) {
	differ := func(a, b string) bool {
		x, y := Item{Title: a}, Item{Title: b}
		fx, fy := Extract(&x, 0), Extract(&y, 0)
		return placesDiffer(&fx, &fy)
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Ông A làm Phó chủ tịch UBND TP Hà Nội", "Ông B làm Phó chủ tịch UBND TP HCM", true},
		{"Mưa lớn ở TP.HCM chiều nay", "Sài Gòn ngập sau mưa lớn chiều nay", false},
		{"Mưa lớn ở Hồ Chí Minh chiều nay", "Triều cường ở TP HCM chiều nay", false},
		{"Lũ lịch sử ở Quảng Nam", "Lũ lịch sử ở Đà Nẵng", false}, // merged into Đà Nẵng in 2025
		{"Bão vào Gia Lai", "Bão vào Đắk Lắk", true},
		{"Tổng thống Mỹ thăm châu Á", "Tổng thống Hoa Kỳ thăm châu Á", false},
		{"Bão vào Philippines", "Bão vào Gia Lai", true},
		{"Áo xanh tình nguyện ở Huế", "Mưa lớn ở Huế và Đà Nẵng", false}, // "Áo" opening a title is not Austria
		{"Bão vào Gia Lai", "Bão đổ bộ đất liền", false},                 // one names no place
	} {
		if got := differ(c.a, c.b); got != c.want {
			t.Errorf("%q / %q: places differ %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestCountriesAreSettings: a country's name is a place, not a shared
// name: its words are no entity tokens.
func TestCountriesAreSettings(t *testing.T) {
	it := Item{Title: "Bão Fung-wong đổ bộ vào Philippines và Đài Loan"}
	f := Extract(&it, 0)
	var buf []byte
	for _, place := range []string{"Philippines", "Đài Loan"} {
		var toks []uint32
		toks, buf = tokens(place, maxTitleTokens, buf)
		for _, x := range f.toks {
			for _, p := range toks {
				if x.t == p && x.ent {
					t.Errorf("%q is marked as a name", place)
				}
			}
		}
	}
}
