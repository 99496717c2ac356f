package chart_test

import (
	"strings"
	"testing"
	"time"

	"ttdn/chart"
)

// TestSpread: the cumulative lines end at each series' count, the markers
// show with their labels, text is escaped, and an empty chart is still a
// well-formed picture.
func TestSpread(t *testing.T) {
	at := time.Date(2025, 11, 14, 3, 0, 0, 0, time.UTC)
	c := chart.Spread{Title: "Lan truyền <sự kiện>", Desc: "Tin bài", Domestic: "Trong nước", Foreign: "Nước ngoài",
		Zone:    time.FixedZone("ICT", 7*3600),
		Items:   []chart.SpreadItem{{At: at}, {At: at.Add(2 * time.Hour), Foreign: true}, {At: at.Add(time.Hour)}},
		Markers: []chart.Marker{{At: at.Add(30 * time.Minute), Label: "Mở vụ việc"}, {At: at.Add(3 * time.Hour), Label: "Đăng phản hồi"}}}
	s := c.SVG()
	wellFormed(t, s)
	for _, want := range []string{"Trong nước: 2", "Nước ngoài: 1", "Mở vụ việc 14/11/2025 10:30", "Đăng phản hồi", "14/11 10:00",
		"14/11 13:00", "&lt;sự kiện&gt;"} {
		if !strings.Contains(s, want) {
			t.Errorf("spread chart lacks %q:\n%s", want, s)
		}
	}
	wellFormed(t, chart.Spread{Title: "Trống"}.SVG())
}
