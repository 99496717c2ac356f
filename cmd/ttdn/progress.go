package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressBar draws "[#####.....]  42% (21/50) 3s" on one terminal line,
// redrawn in place with a carriage return, so long work shows how far it
// has come.
type progressBar struct {
	w     io.Writer
	label string
	start time.Time
	last  time.Time
}

func newProgressBar(w io.Writer, label string) *progressBar {
	return &progressBar{w: w, label: label, start: time.Now()}
}

// Update redraws the bar; it draws at most ten times a second, and always
// the final state.
func (p *progressBar) Update(done, total int) {
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	fmt.Fprint(p.w, "\r"+p.line(done, total, now.Sub(p.start)))
	if done >= total {
		fmt.Fprintln(p.w)
	}
}

func (p *progressBar) line(done, total int, elapsed time.Duration) string {
	const width = 30
	if total <= 0 {
		total = 1
	}
	if done > total {
		done = total
	}
	filled := width * done / total
	return fmt.Sprintf("%s [%s%s] %3d%% (%d/%d) %s", p.label,
		strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		100*done/total, done, total, elapsed.Round(time.Second))
}
