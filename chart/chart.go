// Package chart draws the dashboard's charts as SVG on the server: plain
// horizontal bar charts and a task timeline. Every chart carries a <title>
// and <desc> for screen readers, and prints its numbers on the bars, so the
// same numbers the UI shows in a table beside it are in the picture. No
// JavaScript, no external assets: the output is safe to inline in a page.
package chart

import (
	"fmt"
	"hash/fnv"
	"html"
	"strconv"
	"strings"

	"ttdn"
)

// Bar is one labelled value.
type Bar struct {
	Label string
	Value float64
}

// BarChart is a horizontal bar chart. Unit follows every value ("%", "").
type BarChart struct {
	Title string
	Desc  string
	Unit  string
	Bars  []Bar
}

// Layout of bar charts, in SVG user units.
const (
	width      = 640
	labelWidth = 240
	rowHeight  = 24
	barHeight  = 16
	topMargin  = 32
	valueSpace = 64
)

// SVG returns the chart as a standalone <svg> element.
func (c BarChart) SVG() string {
	height := topMargin + rowHeight*len(c.Bars) + 8
	var b strings.Builder
	open(&b, "bar", height, c.Title, c.Desc)
	max := 0.0
	for _, bar := range c.Bars {
		max = maxf(max, bar.Value)
	}
	plot := float64(width - labelWidth - valueSpace)
	for i, bar := range c.Bars {
		y := topMargin + i*rowHeight
		w := 0.0
		if max > 0 {
			w = plot * bar.Value / max
		}
		fmt.Fprintf(&b, `<g><title>%s: %s%s</title>`, esc(bar.Label), Number(bar.Value), esc(c.Unit))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="12">%s</text>`, labelWidth-8, y+barHeight-3, esc(clip(bar.Label, 36)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#1f5fa8"/>`, labelWidth, y, w, barHeight)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="12">%s%s</text></g>`, float64(labelWidth)+w+4, y+barHeight-3, Number(bar.Value), esc(c.Unit))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// open writes the <svg> start tag, its accessible title and description, and
// the visible heading. The title and description ids are derived from the
// chart's kind and text, so several charts inlined in one page do not share
// ids (aria-labelledby must point at the right chart's title).
func open(b *strings.Builder, kind string, height int, title, desc string) {
	id := chartID(kind, title, desc)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-family="sans-serif">`,
		kind, width, height, width, height, id, id)
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(title), id, esc(desc))
	fmt.Fprintf(b, `<text x="0" y="18" font-size="14" font-weight="bold">%s</text>`, esc(title))
}

// chartID returns a stable id prefix for one chart.
func chartID(kind, title, desc string) string {
	h := fnv.New32a()
	h.Write([]byte(kind + "\x00" + title + "\x00" + desc))
	return fmt.Sprintf("chart-%08x", h.Sum32())
}

// Number formats a value as Vietnamese offices write numbers: "." between
// thousands and "," before decimals (1.234,5).
func Number(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	whole := int64(v)
	frac := v - float64(whole)
	s := strconv.FormatInt(whole, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if f := int64(frac*10 + 0.5); f > 0 && f < 10 {
		s += "," + strconv.FormatInt(f, 10)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// CountBars turns dashboard counts into bars.
func CountBars(cs []ttdn.Count) []Bar {
	bars := make([]Bar, len(cs))
	for i, c := range cs {
		bars[i] = Bar{Label: c.Label, Value: float64(c.Count)}
	}
	return bars
}

// PercentBars turns progress rows into bars of their mean percent done.
func PercentBars(rows []ttdn.ProgressRow) []Bar {
	bars := make([]Bar, len(rows))
	for i, r := range rows {
		bars[i] = Bar{Label: r.Label, Value: r.MeanPercent}
	}
	return bars
}

func esc(s string) string { return html.EscapeString(s) }

// clip shortens a label to n runes with an ellipsis; the full text stays
// in the bar's <title>.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func maxf(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}
