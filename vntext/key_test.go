package vntext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestKeyTonePlacement(t *testing.T) {
	same := [][]string{
		{"hoà", "hòa", "HOÀ", "HÒA", "Hoà"},
		{"thuỷ", "thủy", "THUỶ"},
		{"khoá", "khóa"},
		{"hoạ", "họa"},
		{"tuỳ", "tùy"},
		{"uỷ", "ủy"},
		{"quý", "qúy"},
		{"Biển", "biển", "BIỂN"},
		{"Đông", "đông", "ĐÔNG"},
	}
	for _, group := range same {
		want := Key(group[0])
		for _, w := range group {
			if got := Key(w); got != want {
				t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal", w, got, group[0], want)
			}
			if got := Key(norm.NFD.String(w)); got != want {
				t.Errorf("Key(NFD %q) = %q, want %q", w, got, want)
			}
		}
	}
	differ := [][2]string{
		{"biển", "biến"}, {"đông", "động"}, {"kiện", "kiến"}, {"tướng", "tường"},
		{"vụ", "vu"}, {"không", "khống"}, {"tân", "tan"}, {"đông", "dong"}, {"hòa", "hoa"},
		{"ơ", "ô"}, {"ư", "u"}, {"ă", "â"}, {"hoà", "hoá"},
	}
	for _, p := range differ {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q) = %q: different words", p[0], p[1], Key(p[0]))
		}
	}
	if got := Key("Việt"); got != "viêt\x05" {
		t.Errorf("Key(Việt) = %q", got)
	}
	if got := Key("München"); got != "münchen" {
		t.Errorf("Key(München) = %q", got)
	}
}

func TestHasMarks(t *testing.T) {
	for s, want := range map[string]bool{
		"Tây Ninh":                 true,
		"Tay Ninh province":        false,
		"Đ":                        true,
		norm.NFD.String("Mộc Bài"): true,
		"München, Señor, garçon":   false, // other languages' letters
		"mer de Chine méridionale": true,  // é is a Vietnamese letter too
		"柬埔寨":                      false,
		"":                         false,
	} {
		if got := HasMarks(s); got != want {
			t.Errorf("HasMarks(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAppendKeyNoAlloc(t *testing.T) {
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf = AppendKey(buf[:0], "Nguyễn") }); n != 0 {
		t.Errorf("AppendKey allocated %v times", n)
	}
}
