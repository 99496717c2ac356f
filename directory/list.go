package directory

import (
	"strings"

	"ttdn"
)

// ResolveList resolves a list of unit names as plans write them: "Công an
// tỉnh, Sở Thông tin và Truyền thông, …, các sở, ban ngành và cơ quan báo
// chí". Commas and "và" cannot split it blindly, because names contain them
// ("Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thành phố"), so the
// list is read left to right taking the longest known name at each word;
// what lies between known names is split at commas (and at "và" before a
// capitalised word) and returned unresolved, with Name and Text as written.
// Nothing is dropped except connectives. A unit named twice is returned once.
func (r *Resolver) ResolveList(text string) []ttdn.UnitRef {
	toks := tokenize(text)
	refs := []ttdn.UnitRef{}
	seenUnit, seenText := map[unitKey]bool{}, map[string]bool{}
	add := func(ref ttdn.UnitRef) {
		if ref.Resolved() {
			if k := refKey(ref); !seenUnit[k] {
				seenUnit[k] = true
				refs = append(refs, ref)
			}
		} else if !seenText[ref.Text] {
			seenText[ref.Text] = true
			refs = append(refs, ref)
		}
	}
	unmatched := -1
	for i := 0; i < len(toks); {
		n, h := r.longest(toks, i)
		if h == nil {
			if unmatched < 0 {
				unmatched = i
			}
			i++
			continue
		}
		if unmatched >= 0 {
			unresolved(text, toks[unmatched:i], add)
			unmatched = -1
		}
		n += placeSuffix(toks[i+n:])
		ref := h.ref
		ref.Text = text[toks[i].start:toks[i+n-1].end]
		add(ref)
		i += n
	}
	if unmatched >= 0 {
		unresolved(text, toks[unmatched:], add)
	}
	return refs
}

// placeSuffix counts the words after a known name that only restate the
// province ("… 94-16 tỉnh", "… Tây Ninh"), which belong to the name.
func placeSuffix(toks []token) int {
	switch {
	case len(toks) >= 2 && toks[0].word == "tay" && toks[1].word == "ninh" && !toks[0].split:
		return 2
	case len(toks) >= 1 && toks[0].word == "tinh" && !toks[0].split && (len(toks) == 1 || toks[1].split):
		return 1
	}
	return 0
}

// unresolved splits a run of unknown words into names and passes each on.
// A comma splits only before a capitalised word: "UBND các xã, phường biên
// giới" is one name, "Hội A, Hội B" two; "và" splits before a capital too.
func unresolved(text string, toks []token, add func(ttdn.UnitRef)) {
	start := 0
	for i := 1; i <= len(toks); i++ {
		if i < len(toks) && !(toks[i].split && toks[i].upper) && !(toks[i-1].word == "va" && toks[i].upper) {
			continue
		}
		piece := trimConnectives(toks[start:i])
		if len(piece) > 0 {
			t := closeParen(text, piece[0].start, piece[len(piece)-1].end)
			add(ttdn.UnitRef{Name: t, Text: t})
		}
		start = i
	}
}

// closeParen returns text[start:end], extended over a closing parenthesis
// the piece opened: "Sở Thông tin tỉnh Svay Rieng (Campuchia)".
func closeParen(text string, start, end int) string {
	t := text[start:end]
	if strings.Count(t, "(") > strings.Count(t, ")") {
		if j := strings.IndexByte(text[end:], ')'); j >= 0 && strings.TrimSpace(text[end:end+j]) == "" {
			t = text[start : end+j+1]
		}
	}
	return t
}

// connectives join names in a list and are not part of any.
var connectives = map[string]bool{"va": true, "cung": true, "voi": true, "hoac": true}

func trimConnectives(toks []token) []token {
	for len(toks) > 0 && connectives[toks[0].word] {
		toks = toks[1:]
	}
	for len(toks) > 0 && connectives[toks[len(toks)-1].word] {
		toks = toks[:len(toks)-1]
	}
	return toks
}
