package chart

import (
	"fmt"
	"strings"
	"time"

	"ttdn"
)

// Timeline is a Gantt-like chart of a plan's tasks: one bar per task from
// its start to its deadline, with the share done filled in, late tasks in
// red and a line at Today.
type Timeline struct {
	Title string
	Desc  string
	Today ttdn.Date
	Items []ttdn.TimelineItem
	// Subtasks describes a bar's summarised sub-tasks in the page's
	// language ("12 sub-tasks: 3 done, 1 overdue"); nil leaves them out.
	Subtasks func(ttdn.SubtaskSummary) string
}

// SVG returns the timeline as a standalone <svg> element.
func (t Timeline) SVG() string {
	height := topMargin + 16 + rowHeight*len(t.Items) + 8
	var b strings.Builder
	open(&b, "timeline", height, t.Title, t.Desc)
	if len(t.Items) == 0 {
		b.WriteString(`</svg>`)
		return b.String()
	}
	from, to := t.span()
	days := to.Sub(from).Hours()/24 + 1
	plot := float64(width - labelWidth - 8)
	x := func(d ttdn.Date) float64 {
		return float64(labelWidth) + plot*(d.Time(time.UTC).Sub(from).Hours()/24)/days
	}
	t.months(&b, from, to, x)
	for i, it := range t.Items {
		y := topMargin + 16 + i*rowHeight
		x0, x1 := x(it.Start), x(it.End)+plot/days
		colour := "#1f5fa8"
		if it.Overdue {
			colour = "#b3261e"
		}
		label, sub := clip(it.Ref+" "+it.Title, 36), ""
		if it.Subtasks.Total > 0 && t.Subtasks != nil {
			label, sub = clip(it.Ref+" "+it.Title, 30)+fmt.Sprintf(" (+%d)", it.Subtasks.Total), "; "+t.Subtasks(it.Subtasks)
		}
		fmt.Fprintf(&b, `<g><title>%s %s: %s – %s, %d%%%s</title>`, esc(it.Ref), esc(it.Title), it.Start, it.End, it.Percent, esc(sub))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="12">%s</text>`, labelWidth-8, y+barHeight-3, esc(label))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="none" stroke="%s"/>`, x0, y, x1-x0, barHeight, colour)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>`, x0, y, (x1-x0)*float64(it.Percent)/100, barHeight, colour)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="11">%d%%</text></g>`, x0+3, y+barHeight-4, it.Percent)
	}
	if !t.Today.IsZero() && !t.Today.Time(time.UTC).Before(from) && !t.Today.Time(time.UTC).After(to) {
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#444" stroke-dasharray="4 3"><title>Hôm nay %s</title></line>`,
			x(t.Today), topMargin, x(t.Today), height-8, t.Today)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// span returns the first start and the last end of the items.
func (t Timeline) span() (time.Time, time.Time) {
	from, to := t.Items[0].Start, t.Items[0].End
	for _, it := range t.Items {
		if it.Start.Before(from) {
			from = it.Start
		}
		if to.Before(it.End) {
			to = it.End
		}
	}
	return from.Time(time.UTC), to.Time(time.UTC)
}

// months writes a tick and label ("T3") at the start of every month.
func (t Timeline) months(b *strings.Builder, from, to time.Time, x func(ttdn.Date) float64) {
	m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(from) {
		m = m.AddDate(0, 1, 0)
	}
	for ; !m.After(to); m = m.AddDate(0, 1, 0) {
		px := x(ttdn.DateOf(m))
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/><text x="%.1f" y="%d" font-size="10">T%d</text>`,
			px, topMargin, px, topMargin+14, px+2, topMargin+10, int(m.Month()))
	}
}
