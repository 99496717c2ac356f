package story

import (
	"slices"
	"testing"

	"ttdn/vntext"
)

// TestEventWords: a title's event words are its words that are no name,
// no figure and no place, compared with their diacritics (tone placement
// aside).
func TestEventWords(t *testing.T) {
	keys := func(title string) []string {
		var out []string
		ws := eventWords(title)
		for _, w := range []string{"vào", "thua", "chung", "kết", "giải", "tạm", "giữ", "huế", "thùy", "linh",
			"nguyễn", "2025", "hòa", "hoà", "bắt", "bật"} {
			if hasEvent(ws, uint32(fnv64(vntext.AppendKey(nil, w)))) {
				out = append(out, w)
			}
		}
		return out
	}
	for _, c := range []struct {
		title string
		want  []string
	}{
		{"Nguyễn Thùy Linh vào chung kết giải 2025", []string{"vào", "chung", "kết", "giải"}},
		{"Thùy Linh thua chung kết", []string{"thua", "chung", "kết"}},
		{"Huế: Tạm giữ nghi phạm", []string{"tạm", "giữ"}}, // the place opening the title is a setting
		{"Hai đội hòa nhau", []string{"hòa", "hoà"}},       // one word however the tone is placed
		{"Chồng ca sĩ bị bắt", []string{"bắt"}},            // "bắt" is not "bật"
	} {
		if got := keys(c.title); !slices.Equal(got, c.want) {
			t.Errorf("%q: event words %v, want %v", c.title, got, c.want)
		}
	}
}

// TestEventFigure: sibling events that differ in one verb have a
// positive event figure; one headline of one event wholly in the other
// has 0, and so has a title whose event words the other item's summary
// says.
func TestEventFigure(t *testing.T) {
	idf := func(uint32) float64 { return 1 }
	short := eventWords("Thùy Linh vào chung kết giải cầu lông")
	long := eventWords("Nguyễn Thùy Linh vào chung kết giải cầu lông Hàn Quốc Masters")
	lost := eventWords("Nguyễn Thùy Linh thua chung kết giải cầu lông Hàn Quốc Masters")
	if m := eventMiss(short, long, nil, nil, idf); m != 0 {
		t.Errorf("a headline wholly in the other: %.3f, want 0", m)
	}
	if m := eventMiss(short, lost, nil, nil, idf); m <= 0 {
		t.Errorf("vào / thua chung kết: %.3f, want > 0", m)
	}
	summary := func(s string) []wtok {
		it := Item{Title: "Tin thể thao hôm nay", Summary: s}
		return Extract(&it, 0).toks
	}
	said := summary("Tay vợt Nguyễn Thùy Linh vào chung kết rồi thua tay vợt Nhật Bản ở Seoul.")
	if m := eventMiss(short, lost, said, nil, idf); m != 0 {
		t.Errorf("the other summary says both: %.3f, want 0", m)
	}
	if m := eventMiss(short, lost, summary("Tay vợt Thùy Linh vào chung kết ở Seoul."), nil, idf); m <= 0 {
		t.Errorf("the summary says only vào: %.3f, want > 0", m)
	}
	if m := eventMiss(short, lost, summary("Tay vợt Thùy Linh vào chung kết, thùa ở Seoul."), nil, idf); m <= 0 {
		t.Errorf("thùa is not thua: %.3f, want > 0", m)
	}
}
