package chart_test

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/chart"
)

// wellFormed decodes every token of s, failing on malformed XML.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
	}
}

func TestBarChart(t *testing.T) {
	c := chart.BarChart{Title: "Hoạt động theo loại <2019>", Desc: "Số hoạt động & loại", Bars: chart.CountBars([]ttdn.Count{
		{Key: "training", Label: "Tập huấn", Count: 12}, {Key: "fair", Label: "Hội chợ", Count: 1250}, {Key: "x", Label: "Khác", Count: 0}})}
	s := c.SVG()
	wellFormed(t, s)
	for _, want := range []string{"Tập huấn", ">12<", "1.250", `role="img"`, "-title\">Hoạt động theo loại &lt;2019&gt;</title>"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "<script") {
		t.Error("SVG contains script")
	}
}

func TestTimeline(t *testing.T) {
	d := func(m, day int) ttdn.Date { return ttdn.Date{Year: 2019, Month: timeMonth(m), Day: day} }
	tl := chart.Timeline{Title: "Tiến độ", Today: d(7, 1), Items: []ttdn.TimelineItem{
		{Ref: "III.1", Title: "Họp báo", Start: d(1, 14), End: d(12, 15), Percent: 40},
		{Ref: "III.2", Title: "Phản bác <thông tin> sai", Start: d(1, 14), End: d(3, 31), Percent: 10, Overdue: true},
	}}
	s := tl.SVG()
	wellFormed(t, s)
	for _, want := range []string{"40%", "10%", "#b3261e", "T12", "Hôm nay 01/07/2019", "&lt;thông tin&gt;"} {
		if !strings.Contains(s, want) {
			t.Errorf("timeline lacks %q", want)
		}
	}
	wellFormed(t, chart.Timeline{Title: "Trống"}.SVG())
}

func TestNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 12: "12", 1250: "1.250", 1234567: "1.234.567", 13.33: "13,3", -5: "-5"} {
		if got := chart.Number(v); got != want {
			t.Errorf("Number(%v) = %q, want %q", v, got, want)
		}
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }

func TestChartsInOnePageHaveDistinctIDs(t *testing.T) {
	a := chart.BarChart{Title: "Theo loại", Bars: []chart.Bar{{Label: "x", Value: 1}}}.SVG()
	b := chart.BarChart{Title: "Theo tháng", Bars: []chart.Bar{{Label: "x", Value: 1}}}.SVG()
	idOf := func(svg string) string {
		i := strings.Index(svg, `<title id="`)
		rest := svg[i+len(`<title id="`):]
		return rest[:strings.Index(rest, `"`)]
	}
	if idOf(a) == idOf(b) {
		t.Fatalf("two charts share the title id %q", idOf(a))
	}
	if !strings.Contains(a, `aria-labelledby="`+strings.TrimSuffix(idOf(a), "-title")+"-title ") {
		t.Fatalf("aria-labelledby does not point at the chart's own title: %s", a[:200])
	}
}
