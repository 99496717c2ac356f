package planparse

import (
	"bytes"
	"math"
	"slices"
	"strings"
)

// Layout turns a page's glyphs into lines of text, top to bottom:
//   - glyphs on one baseline form a line; a wide gap between them (the two
//     columns of the header, a borderless table) becomes " | ";
//   - glyphs inside a ruled grid (a task table) come out one table row per
//     line, cells joined by " | " in column order, each cell's wrapped lines
//     joined, and a cell merged over several rows repeated on each of them
//     (except the number column), so the table reader sees whole rows.

// maxGridRules bounds the ruling lines considered for grids on one page.
const maxGridRules = 3000

// grid is a ruled table on a page.
type grid struct {
	xs, ys       []float32 // column edges left to right, row edges top to bottom
	x0, x1       float32
	y0, y1       float32 // bottom, top
	hsegs, vsegs []segment
	glyphs       []glyph
}

func layoutPage(b *bytes.Buffer, pg *pdfPage) {
	grids := findGrids(pg.rules)
	var free []glyph
	for _, g := range pg.glyphs {
		placed := false
		for _, gr := range grids {
			if g.x0+g.x1 >= 2*gr.x0 && g.x0+g.x1 <= 2*gr.x1 && g.y >= gr.y0 && g.y <= gr.y1 {
				gr.glyphs = append(gr.glyphs, g)
				placed = true
				break
			}
		}
		if !placed {
			free = append(free, g)
		}
	}
	// Free lines and grids interleave by their top edge.
	type block struct {
		top  float32
		text []string
	}
	var blocks []block
	for _, l := range glyphLines(free) {
		blocks = append(blocks, block{l[0].y + l[0].size, []string{lineText(l, true)}})
	}
	for _, gr := range grids {
		if rows := gr.rows(); len(rows) > 0 {
			blocks = append(blocks, block{gr.y1, rows})
		}
	}
	slices.SortStableFunc(blocks, func(a, b block) int { return cmpDesc(a.top, b.top) })
	for _, bl := range blocks {
		for _, t := range bl.text {
			b.WriteString(t)
			b.WriteByte('\n')
		}
	}
}

func cmpDesc(a, b float32) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// glyphLines groups glyphs into lines, top to bottom, each left to right.
func glyphLines(gs []glyph) [][]glyph {
	if len(gs) == 0 {
		return nil
	}
	gs = slices.Clone(gs)
	slices.SortStableFunc(gs, func(a, b glyph) int {
		if c := cmpDesc(a.y, b.y); c != 0 {
			return c
		}
		return cmpDesc(b.x0, a.x0)
	})
	var lines [][]glyph
	start := 0
	for i := 1; i <= len(gs); i++ {
		if i < len(gs) && gs[start].y-gs[i].y <= 0.4*max(gs[start].size, gs[i].size) {
			continue
		}
		l := gs[start:i]
		slices.SortStableFunc(l, func(a, b glyph) int { return cmpDesc(b.x0, a.x0) })
		lines = append(lines, l)
		start = i
	}
	return lines
}

// lineText joins a line's glyphs, with spaces where the gap is a word's and
// " | " where it is a column's (when columns is set).
func lineText(l []glyph, columns bool) string {
	var b strings.Builder
	var prev *glyph
	for i := range l {
		g := &l[i]
		if prev != nil {
			gap := g.x0 - prev.x1
			size := max(g.size, prev.size)
			switch {
			case g.r == prev.r && absf(g.x0-prev.x0) < 0.1*size:
				continue // drawn twice for a bold effect
			case columns && gap > 3*size:
				trimSpace(&b)
				b.WriteString(" | ")
				if g.r == ' ' {
					prev = g
					continue
				}
			case gap > 0.18*size && prev.r != ' ' && g.r != ' ':
				b.WriteByte(' ')
			}
		}
		b.WriteRune(g.r)
		prev = g
	}
	return strings.TrimSpace(b.String())
}

func trimSpace(b *strings.Builder) {
	s := strings.TrimRight(b.String(), " ")
	b.Reset()
	b.WriteString(s)
}

func absf(x float32) float32 { return float32(math.Abs(float64(x))) }

// findGrids finds the ruled tables among a page's lines: horizontal and
// vertical rules that cross each other, at least two of each.
func findGrids(rules []segment) []*grid {
	if len(rules) > maxGridRules {
		return nil
	}
	var hs, vs []segment
	for _, s := range rules {
		if s.y0 == s.y1 {
			hs = append(hs, s)
		} else {
			vs = append(vs, s)
		}
	}
	// Union-find over rules, joined where a horizontal meets a vertical.
	parent := make([]int, len(hs)+len(vs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	const tol = 2
	for i, h := range hs {
		for j, v := range vs {
			if v.x0 >= h.x0-tol && v.x0 <= h.x1+tol && h.y0 >= v.y0-tol && h.y0 <= v.y1+tol {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	byRoot := map[int]*grid{}
	var order []int
	for i := range parent {
		root := find(i)
		gr := byRoot[root]
		if gr == nil {
			gr = &grid{}
			byRoot[root] = gr
			order = append(order, root)
		}
		if i < len(hs) {
			gr.hsegs = append(gr.hsegs, hs[i])
		} else {
			gr.vsegs = append(gr.vsegs, vs[i-len(hs)])
		}
	}
	var out []*grid
	for _, root := range order {
		gr := byRoot[root]
		if len(gr.hsegs) < 2 || len(gr.vsegs) < 2 {
			continue
		}
		for _, v := range gr.vsegs {
			gr.xs = append(gr.xs, v.x0)
		}
		for _, h := range gr.hsegs {
			gr.ys = append(gr.ys, h.y0)
		}
		gr.xs = clusterEdges(gr.xs, false)
		gr.ys = clusterEdges(gr.ys, true)
		if len(gr.xs) < 2 || len(gr.ys) < 2 {
			continue
		}
		gr.x0, gr.x1 = gr.xs[0], gr.xs[len(gr.xs)-1]
		gr.y1, gr.y0 = gr.ys[0], gr.ys[len(gr.ys)-1]
		out = append(out, gr)
	}
	return out
}

// clusterEdges sorts positions and merges those within 2 points (a border
// drawn as a thin filled rectangle has two edges).
func clusterEdges(xs []float32, desc bool) []float32 {
	slices.Sort(xs)
	var out []float32
	for _, x := range xs {
		if n := len(out); n > 0 && x-out[n-1] <= 2 {
			continue
		}
		out = append(out, x)
	}
	if desc {
		slices.Reverse(out)
	}
	return out
}

// covered reports whether a rule runs along the edge at y across the
// column from xa to xb (horizontal), or along x down the row from ya to yb.
func coveredH(segs []segment, y, xa, xb float32) bool {
	for _, s := range segs {
		if absf(s.y0-y) <= 2 && s.x0 <= xa+2 && s.x1 >= xb-2 {
			return true
		}
	}
	return false
}

func coveredV(segs []segment, x, ya, yb float32) bool {
	for _, s := range segs {
		if absf(s.x0-x) <= 2 && s.y0 <= ya+2 && s.y1 >= yb-2 {
			return true
		}
	}
	return false
}

// rows gives the grid's rows as " | "-joined lines. A cell merged across
// columns gives its text to its first column; a cell merged across rows
// repeats its text on each row but in the first column, which numbers rows.
func (gr *grid) rows() []string {
	nr, nc := len(gr.ys)-1, len(gr.xs)-1
	cells := make([][][]glyph, nr)
	for r := range cells {
		cells[r] = make([][]glyph, nc)
	}
	// owner[r][c] is the top-left cell of the merged area (r, c) lies in.
	type rc struct{ r, c int }
	owner := make([][]rc, nr)
	for r := 0; r < nr; r++ {
		owner[r] = make([]rc, nc)
		for c := 0; c < nc; c++ {
			owner[r][c] = rc{r, c}
			if c > 0 && !coveredV(gr.vsegs, gr.xs[c], gr.ys[r+1], gr.ys[r]) {
				owner[r][c] = owner[r][c-1]
			} else if r > 0 && !coveredH(gr.hsegs, gr.ys[r], gr.xs[c], gr.xs[c+1]) {
				owner[r][c] = owner[r-1][c]
			}
		}
	}
	for _, g := range gr.glyphs {
		mid := (g.x0 + g.x1) / 2
		c := 0
		for c < nc-1 && mid > gr.xs[c+1] {
			c++
		}
		r := 0
		for r < nr-1 && g.y < gr.ys[r+1] {
			r++
		}
		o := owner[r][c]
		cells[o.r][o.c] = append(cells[o.r][o.c], g)
	}
	text := map[rc]string{}
	for r := range cells {
		for c := range cells[r] {
			if len(cells[r][c]) > 0 {
				var parts []string
				for _, l := range glyphLines(cells[r][c]) {
					parts = append(parts, lineText(l, false))
				}
				text[rc{r, c}] = strings.Join(parts, " ")
			}
		}
	}
	var out []string
	for r := 0; r < nr; r++ {
		row := make([]string, nc)
		empty := true
		for c := 0; c < nc; c++ {
			o := owner[r][c]
			switch {
			case o.c != c && o.r == r:
				// the right part of a cell merged across columns
			case o.r != r && c == 0:
				// the number of a row merged downwards is not repeated
			default:
				row[c] = strings.ReplaceAll(text[o], "|", "/")
			}
			empty = empty && row[c] == ""
		}
		if !empty {
			out = append(out, strings.Join(row, " | "))
		}
	}
	return out
}
