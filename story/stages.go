package story

import "strings"

// stageGroups are words naming exclusive stages of one ongoing event:
// the quarter-final and the final of one tournament, the opening and the
// closing of one conference are different stories told with the same
// names. Two titles naming different stages of a group conflict.
var stageGroups = [][]string{
	{"tu ket", "ban ket", "chung ket"},
	{"khai mac", "be mac"},
	{"thuong vien", "ha vien"},
	{"vong 1 ", "vong 2 ", "vong 3 ", "vong 4 ", "vong 5 ", "vong mot", "vong hai", "vong ba", "vong bon", "vong nam"},
}

// stages returns one bit per stage word found in the folded title.
func stages(folded string) uint64 {
	folded += " "
	var bits uint64
	n := 0
	for _, g := range stageGroups {
		for _, w := range g {
			if strings.Contains(folded, w) {
				bits |= 1 << n
			}
			n++
		}
	}
	return bits
}

// stageMasks are the bits of each group.
var stageMasks = func() []uint64 {
	var out []uint64
	n := 0
	for _, g := range stageGroups {
		var m uint64
		for range g {
			m |= 1 << n
			n++
		}
		out = append(out, m)
	}
	return out
}()

// stagesConflict reports titles naming different stages of one group
// while neither names the other's.
func stagesConflict(a, b uint64) bool {
	for _, m := range stageMasks {
		x, y := a&m, b&m
		if x != 0 && y != 0 && x&y == 0 {
			return true
		}
	}
	return false
}
