package story

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"ttdn/vntext"
)

// honorifics are capitalised words that are not part of a name.
var honorifics = map[string]bool{"ong": true, "ba": true, "anh": true, "chi": true, "cuu": true, "tan": true,
	"co": true, "chu": true, "ngai": true}

// commonNames are names so frequent in the press they name no event: the
// home country is the setting of half the news.
var commonNames = map[string]bool{}

// nameRun is one name of a title: the hashes of its word pairs and of
// its words, the same hashes as tokens'.
type nameRun struct {
	pairs, words []uint32
}

// nameRuns returns, for each run of two or more capitalised words in the
// title (a person, place or organisation: "Trần Thế Cương", "Hưng Yên"),
// its word pairs and words.
// Sibling events differ mainly in such names: "Hưng Yên có tân Chủ tịch
// tỉnh" is not "Lào Cai có tân chủ tịch tỉnh".
func nameRuns(title string) []nameRun {
	var runs []nameRun
	var cur nameRun
	var prev uint64
	var text []string
	flush := func() {
		if len(cur.pairs) > 0 && !commonNames[strings.Join(text, " ")] {
			runs = append(runs, cur)
		}
		cur, prev, text = nameRun{}, 0, nil
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
				h := fnv64(spelling([]byte(folded)))
				if prev != 0 {
					cur.pairs = append(cur.pairs, uint32(splitmix(prev*31+h)))
				}
				cur.words = append(cur.words, uint32(h))
				text = append(text, folded)
				prev = h
			}
			start = -1
		}
		i += n
	}
	flush()
	return runs
}

// foreignName reports a name of a that b's tokens never mention: none of
// its word pairs, and fewer than two of its words — a name shortened or
// reordered by the other outlet ("ATP Tour Finals" / "ATP Finals", "Gạo
// Ông Cua ST25" / "Gạo ST25") is still mentioned.
func foreignName(a []nameRun, b []wtok) bool {
	has := func(t uint32) bool {
		_, ok := slices.BinarySearchFunc(b, t, func(x wtok, t uint32) int { return cmpU32(x.t, t) })
		return ok
	}
	for _, run := range a {
		found := slices.ContainsFunc(run.pairs, has)
		if !found {
			n := 0
			for _, w := range run.words {
				if has(w) {
					n++
				}
			}
			found = n >= 2
		}
		if !found {
			return true
		}
	}
	return false
}
