package http

import (
	"html/template"
	"strconv"

	"ttdn"
	"ttdn/chart"
	"ttdn/document"
)

// comparisonChart is one SVG chart of the consolidated report with the
// table of the same numbers beside it. Indicators are charted by value
// type, so counts, minutes and đồng never share a scale.
type comparisonChart struct {
	Type ttdn.ValueType
	SVG  template.HTML
	Rows []comparisonRow
}

type comparisonRow struct {
	Name, Unit, Value, Previous, Change string
}

// comparisonCharts pairs each indicator's figure with the same period of
// the previous year (or shows the figures alone when there is none).
// Indicators at zero in both years are left out of the picture, not the
// table below the report.
func comparisonCharts(p *page, c *ttdn.ConsolidatedReport, rp *ttdn.ReportPeriod) []comparisonChart {
	var out []comparisonChart
	year, prevYear := "", ""
	if rp != nil {
		year, prevYear = strconv.Itoa(rp.Year), strconv.Itoa(rp.Year-1)
	}
	for _, vt := range []ttdn.ValueType{ttdn.ValueCount, ttdn.ValueMinutes, ttdn.ValueVND} {
		cc := comparisonChart{Type: vt}
		var bars []chart.Bar
		for _, t := range c.Totals {
			prev := int64(0)
			if t.Previous != nil {
				prev = *t.Previous
			}
			if t.Indicator.ValueType != vt || t.Value == 0 && prev == 0 {
				continue
			}
			name := p.IndicatorName(t.Indicator)
			bars = append(bars, chart.Bar{Label: year + " · " + name, Value: float64(t.Value)})
			row := comparisonRow{Name: name, Unit: p.MeasureUnit(t.Indicator.Unit), Value: document.FormatNumber(t.Value)}
			if t.Previous != nil {
				bars = append(bars, chart.Bar{Label: prevYear + " · " + name, Value: float64(prev)})
				d, _ := t.Change()
				row.Previous, row.Change = document.FormatNumber(prev), signed(d)
			}
			cc.Rows = append(cc.Rows, row)
		}
		if len(bars) == 0 {
			continue
		}
		title := p.T("cons.chart_"+string(vt), year, prevYear)
		cc.SVG = chartHTML(chart.BarChart{Title: title, Desc: p.T("cons.chart_desc"), Bars: bars}.SVG())
		out = append(out, cc)
	}
	return out
}

// signed writes a change with its sign, as the documents do.
func signed(d int64) string {
	if d > 0 {
		return "+" + document.FormatNumber(d)
	}
	return document.FormatNumber(d)
}
