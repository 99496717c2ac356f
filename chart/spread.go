package chart

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Spread is the timeline of a story's spread: the cumulative count of its
// items over time, domestic and foreign as two step lines, with vertical
// markers (the case opened, the response published), so a reader sees
// whether the spread slowed after the response.
type Spread struct {
	Title, Desc string
	Items       []SpreadItem
	Markers     []Marker
	// Legend names the two series in the page's language.
	Domestic, Foreign string
	Zone              *time.Location // where times are shown (nil: UTC)
}

// SpreadItem is one item of the story.
type SpreadItem struct {
	At      time.Time
	Foreign bool
}

// Marker is a labelled moment.
type Marker struct {
	At    time.Time
	Label string
}

const spreadHeight = 240

// SVG returns the chart as a standalone <svg> element.
func (c Spread) SVG() string {
	var b strings.Builder
	open(&b, "spread", spreadHeight, c.Title, c.Desc)
	from, to, ok := c.span()
	if !ok {
		b.WriteString(`</svg>`)
		return b.String()
	}
	zone := c.Zone
	if zone == nil {
		zone = time.UTC
	}
	left, right, top, bottom := 48.0, float64(width-16), 40.0, float64(spreadHeight-36)
	items := append([]SpreadItem{}, c.Items...)
	sort.SliceStable(items, func(i, j int) bool { return items[i].At.Before(items[j].At) })
	total := len(items)
	x := func(t time.Time) float64 { return left + (right-left)*float64(t.Sub(from))/float64(to.Sub(from)) }
	y := func(n int) float64 { return bottom - (bottom-top)*float64(n)/float64(max(total, 1)) }
	// Axes, the count scale and the time span.
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>`, left, bottom, right, bottom)
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>`, left, top, left, bottom)
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="11">%d</text>`, left-4, top+4, total)
	fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="11">0</text>`, left-4, bottom)
	for _, t := range []time.Time{from, to} {
		anchor := "start"
		if t.Equal(to) {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="11">%s</text>`, x(t), bottom+16, anchor,
			t.In(zone).Format("02/01 15:04"))
	}
	for _, s := range []struct {
		foreign bool
		colour  string
		name    string
	}{{false, "#1f5fa8", c.Domestic}, {true, "#c26a00", c.Foreign}} {
		pts := []string{fmt.Sprintf("%.1f,%.1f", left, bottom)}
		n := 0
		for _, it := range items {
			if it.Foreign != s.foreign {
				continue
			}
			px := x(it.At)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, y(n)))
			n++
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, y(n)))
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", right, y(n)))
		fmt.Fprintf(&b, `<g><title>%s: %d</title><polyline points="%s" fill="none" stroke="%s" stroke-width="2"/></g>`,
			esc(s.name), n, strings.Join(pts, " "), s.colour)
	}
	for i, m := range c.Markers {
		if m.At.IsZero() || m.At.Before(from) || m.At.After(to) {
			continue
		}
		px := x(m.At)
		fmt.Fprintf(&b, `<g><title>%s %s</title><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#444" stroke-dasharray="4 3"/>`,
			esc(m.Label), m.At.In(zone).Format("02/01/2006 15:04"), px, top-6, px, bottom)
		// Near the right edge the label goes to the line's left, inside the picture.
		lx, anchor := px+3, "start"
		if px > right-160 {
			lx, anchor = px-3, "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="11" text-anchor="%s">%s</text></g>`, lx, top+float64(i*12), anchor, esc(m.Label))
	}
	// Legend.
	fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="12" height="4" fill="#1f5fa8"/><text x="%.1f" y="%d" font-size="11">%s</text>`,
		left, spreadHeight-10, left+16, spreadHeight-6, esc(c.Domestic))
	fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="12" height="4" fill="#c26a00"/><text x="%.1f" y="%d" font-size="11">%s</text>`,
		left+200, spreadHeight-10, left+216, spreadHeight-6, esc(c.Foreign))
	b.WriteString(`</svg>`)
	return b.String()
}

// span is the time the chart covers: from the first item or marker to the
// last, at least an hour.
func (c Spread) span() (from, to time.Time, ok bool) {
	for _, t := range c.times() {
		if !ok || t.Before(from) {
			from = t
		}
		if !ok || t.After(to) {
			to = t
		}
		ok = true
	}
	if ok && to.Sub(from) < time.Hour {
		to = from.Add(time.Hour)
	}
	return from, to, ok
}

func (c Spread) times() []time.Time {
	var out []time.Time
	for _, it := range c.Items {
		out = append(out, it.At)
	}
	for _, m := range c.Markers {
		if !m.At.IsZero() {
			out = append(out, m.At)
		}
	}
	return out
}
