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
		n += r.placeSuffix(toks[i+n:])
		n += localityTail(toks[i:i+n], toks[i+n:])
		if j := i + n; n >= 2 && j < len(toks) && !toks[j].split && toks[j].upper && unmatched < 0 {
			// "Báo Điện Biên Phủ" is not "Báo Điện Biên" and "Phủ": a
			// known name that runs on into a capitalised word the
			// directory does not know is another name.
			if m, _ := r.longest(toks, j); m == 0 {
				unmatched = i
				i = j
				continue
			}
		}
		if unmatched >= 0 {
			unresolved(text, toks[unmatched:i], add)
			unmatched = -1
		}
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
// province ("… 94-16 tỉnh", "… Tây Ninh", "… tỉnh Bình Dương"), which
// belong to the name. The province's name comes from the directory.
func (r *Resolver) placeSuffix(toks []token) int {
	if len(toks) == 0 || toks[0].split {
		return 0
	}
	skip := 0
	if toks[0].word == "tinh" || toks[0].word == "thanh" && len(toks) > 1 && toks[1].word == "pho" {
		skip = 1
		if toks[0].word == "thanh" {
			skip = 2
		}
	}
	for _, place := range r.places {
		if len(toks) >= skip+len(place) && !toks[skip].split {
			match := true
			for k, w := range place {
				match = match && toks[skip+k].word == w && (k == 0 || !toks[skip+k].split)
			}
			if match {
				return skip + len(place)
			}
		}
	}
	if toks[0].word == "tinh" && (len(toks) == 1 || toks[1].split) {
		return 1
	}
	return 0
}

// localityKinds are the kinds of locality a group of local committees
// lists, folded: "UBND các huyện, thành phố, thị xã" in any order.
var localityKinds = [][]string{{"huyen"}, {"quan"}, {"thi", "xa"}, {"thanh", "pho"}, {"xa"}, {"phuong"}, {"thi", "tran"}}

// localityTail counts the words after a name that lists localities ("các
// huyện, thành phố") which go on listing them (", thị xã"), so the order a
// plan writes them in does not leave a stray "thị xã".
func localityTail(name, rest []token) int {
	lists := false
	for _, t := range name {
		lists = lists || t.word == "cac"
	}
	if !lists {
		return 0
	}
	n := 0
	for n < len(rest) && rest[n].split {
		matched := 0
		for _, k := range localityKinds {
			if n+len(k) <= len(rest) && matched == 0 {
				ok := true
				for j, w := range k {
					ok = ok && rest[n+j].word == w && (j == 0 || !rest[n+j].split)
				}
				if ok {
					matched = len(k)
				}
			}
		}
		if matched == 0 {
			break
		}
		n += matched
	}
	return n
}

// unresolved splits a run of unknown words into names and passes each on.
// A comma splits only before a capitalised word: "UBND các xã, phường biên
// giới" is one name, "Hội A, Hội B" two; "và" splits before a capital too.
func unresolved(text string, toks []token, add func(ttdn.UnitRef)) {
	start := 0
	for i := 1; i <= len(toks); i++ {
		if i < len(toks) && !(toks[i].split && toks[i].upper) && !(toks[i-1].word == "va" && toks[i].upper && organs[toks[i].word]) {
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

// organs are the first words of bodies' names, folded: "và" before one
// starts a new name ("Hội A và Hội B"), before anything else it is part of
// the name ("Sở Văn hóa và Thể thao").
var organs = map[string]bool{"so": true, "ban": true, "hoi": true, "trung": true, "bo": true, "cuc": true, "dai": true, "bao": true,
	"uy": true, "ubnd": true, "lien": true, "cong": true, "vien": true, "truong": true, "phong": true, "chi": true, "doan": true,
	"mat": true, "tinh": true, "thanh": true, "van": true, "hiep": true, "tong": true, "quan": true, "huyen": true, "xa": true,
	"cac": true, "nha": true, "tap": true, "ngan": true, "kho": true, "benh": true, "to": true}

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
