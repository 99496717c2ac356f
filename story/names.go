package story

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"ttdn/vntext"
)

// honorifics are capitalised words that are not part of a name.
var honorifics = map[string]bool{"ong": true, "ba": true, "anh": true, "chi": true, "cuu": true, "tan": true,
	"co": true, "chu": true, "ngai": true}

// nameRuns returns, for each run of two or more capitalised words in the
// title (a person, place or organisation: "Trần Thế Cương", "Hưng Yên"),
// the hashes of its word pairs — the same hashes as tokens' word pairs.
// Sibling events differ mainly in such names: "Hưng Yên có tân Chủ tịch
// tỉnh" is not "Lào Cai có tân chủ tịch tỉnh".
func nameRuns(title string) [][]uint32 {
	var runs [][]uint32
	var cur []uint32
	var prev uint64
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
		}
		cur, prev = nil, 0
	}
	start := -1
	for i := 0; i <= len(title); {
		r, n := utf8.RuneError, 1
		if i < len(title) {
			r, n = utf8.DecodeRuneInString(title[i:])
		}
		letter := i < len(title) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			word := title[start:i]
			first, _ := utf8.DecodeRuneInString(word)
			folded := vntext.Fold(word)
			switch {
			case !unicode.IsUpper(first) || honorifics[folded] && prev == 0:
				flush()
			default:
				h := fnv64([]byte(folded))
				if prev != 0 {
					cur = append(cur, uint32(splitmix(prev*31+h)))
				}
				prev = h
			}
			start = -1
		}
		i += n
	}
	flush()
	return runs
}

// foreignName reports a name of a that b's tokens never mention.
func foreignName(a [][]uint32, b []wtok) bool {
	for _, run := range a {
		found := false
		for _, p := range run {
			if _, ok := slices.BinarySearchFunc(b, p, func(x wtok, t uint32) int { return cmpU32(x.t, t) }); ok {
				found = true
				break
			}
		}
		if !found {
			return true
		}
	}
	return false
}
