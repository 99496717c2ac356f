package story

import (
	"slices"
	"strings"
	"sync"

	"ttdn"
	"ttdn/directory"
	"ttdn/vntext"
)

// Places: a province's name is where the news happens, not what it is
// about. A provincial monitor reads its own province's name in most of
// its items, and one storm's or one flood's many local stories share the
// provinces they strike ("Đắk Lắk cho học sinh nghỉ học" / "Đắk Lắk sẵn
// sàng điều 15.000 quân"). So the words and word pairs of the provinces'
// names — the 34 of 2025 and those merged into them, which the press still
// writes ("Bình Định cũ") —, of Hồ Chí Minh City's usual short forms, of
// the countries of the world and of the districts and communes the
// directory ships are not entity tokens: they weigh in the similarity as
// words, not in the share of names two items have in common. What a
// place does say is where: two titles each naming a place the other item
// never mentions are told of two places (placesDiffer, a link figure).

// placeAliases are the short forms of place names the press writes
// beside the directory's names.
var placeAliases = []string{"TP.HCM", "TP HCM", "TPHCM", "Sài Gòn"}

// countries are the countries of the world (and a few territories) as
// the Vietnamese press names them: general knowledge, not read from the
// sample. A foreign country is where the news happens as much as a
// province is.
var countries = []string{
	"Việt Nam", "Lào", "Campuchia", "Thái Lan", "Myanmar", "Malaysia", "Singapore", "Indonesia", "Philippines",
	"Brunei", "Đông Timor", "Timor-Leste", "Trung Quốc", "Đài Loan", "Hồng Kông", "Ma Cao", "Nhật Bản", "Hàn Quốc",
	"Triều Tiên", "Mông Cổ", "Ấn Độ", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "Bhutan", "Maldives",
	"Afghanistan", "Iran", "Iraq", "Syria", "Liban", "Lebanon", "Israel", "Palestine", "Jordan", "Ả Rập Xê Út",
	"Saudi Arabia", "UAE", "Qatar", "Kuwait", "Bahrain", "Oman", "Yemen", "Thổ Nhĩ Kỳ", "Síp", "Gruzia", "Armenia",
	"Azerbaijan", "Kazakhstan", "Uzbekistan", "Turkmenistan", "Kyrgyzstan", "Tajikistan", "Nga", "Ukraine",
	"Belarus", "Ba Lan", "Séc", "Slovakia", "Hungary", "Romania", "Bulgaria", "Moldova", "Serbia", "Croatia",
	"Slovenia", "Bosnia", "Montenegro", "Albania", "Macedonia", "Hy Lạp", "Italy", "Ý", "Tây Ban Nha",
	"Bồ Đào Nha", "Pháp", "Đức", "Anh", "Ireland", "Scotland", "Hà Lan", "Bỉ", "Luxembourg", "Thụy Sĩ", "Áo",
	"Đan Mạch", "Na Uy", "Thụy Điển", "Phần Lan", "Iceland", "Estonia", "Latvia", "Litva", "Lithuania", "Mỹ",
	"Hoa Kỳ", "Canada", "Mexico", "Cuba", "Brazil", "Argentina", "Chile", "Peru", "Colombia", "Venezuela",
	"Ecuador", "Bolivia", "Uruguay", "Paraguay", "Panama", "Jamaica", "Haiti", "Guatemala", "Honduras",
	"Nicaragua", "Costa Rica", "El Salvador", "Ai Cập", "Libya", "Tunisia", "Algeria", "Maroc", "Morocco",
	"Sudan", "Nam Sudan", "Ethiopia", "Somalia", "Kenya", "Uganda", "Tanzania", "Rwanda", "Congo", "Nigeria",
	"Ghana", "Senegal", "Mali", "Niger", "Chad", "Cameroon", "Angola", "Zambia", "Zimbabwe", "Mozambique",
	"Madagascar", "Nam Phi", "Namibia", "Botswana", "Úc", "Australia", "New Zealand", "Papua New Guinea", "Fiji",
}

// localPlaces are the names of the districts and communes the shipped
// directory holds, without their level word ("huyện Tân Biên" → "Tân Biên").
func localPlaces() []string {
	var out []string
	for _, e := range directory.Entries() {
		if e.Unit.Kind != ttdn.UnitDistrict && e.Unit.Kind != ttdn.UnitCommune {
			continue
		}
		for _, a := range e.Unit.Aliases {
			for _, level := range []string{"thành phố ", "thị xã ", "huyện ", "xã ", "phường "} {
				if strings.HasPrefix(a, level) {
					out = append(out, strings.TrimPrefix(a, level))
				}
			}
		}
	}
	return out
}

// provincesOnly leaves the countries and the directory's districts and
// communes out of the places, as the seventh grouper did (tests measure
// it; README: eighth grouper).
var provincesOnly = false

// placeTokens is the sorted set of the token hashes of place names.
func placeTokens() []uint32 {
	if provincesOnly {
		return provincePlaceTokens()
	}
	return widePlaceTokens()
}

var provincePlaceTokens = sync.OnceValue(func() []uint32 { return placeHashes(false) })
var widePlaceTokens = sync.OnceValue(func() []uint32 { return placeHashes(true) })

func placeHashes(wide bool) []uint32 {
	var names []string
	for _, p := range directory.Provinces() {
		names = append(names, p.Name)
		names = append(names, p.FormedFrom...)
	}
	names = append(names, placeAliases...)
	if wide {
		names = append(names, countries...)
		names = append(names, localPlaces()...)
	}
	var out []uint32
	var buf []byte
	for _, n := range names {
		var t []uint32
		t, buf = tokens(n, maxTitleTokens, buf)
		out = append(out, t...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// withoutPlaces removes place-name tokens from sorted ents.
func withoutPlaces(ents []uint32) []uint32 {
	places := placeTokens()
	return slices.DeleteFunc(ents, func(t uint32) bool {
		_, ok := slices.BinarySearch(places, t)
		return ok
	})
}

// countrySynonyms are the countries the press names two ways; each pair
// is one place.
var countrySynonyms = [][2]string{{"Mỹ", "Hoa Kỳ"}, {"Úc", "Australia"}, {"Ý", "Italy"}, {"Maroc", "Morocco"},
	{"Liban", "Lebanon"}, {"Litva", "Lithuania"}, {"Đông Timor", "Timor-Leste"}, {"Ả Rập Xê Út", "Saudi Arabia"}}

// placeName is one way of writing a place: its words' hashes (as
// tokens') and all its tokens.
type placeName struct {
	id    uint16
	words []uint32
	toks  []uint32
}

// placeIndex holds the places (provinces — a merged one is the province
// it merged into, Hồ Chí Minh City's short forms are the city —,
// countries, the directory's districts and communes) by first word and by
// place.
type placeIndex struct {
	byFirst map[uint32][]placeName
	byID    map[uint16][]placeName
}

var placeNames = sync.OnceValue(func() placeIndex {
	out := placeIndex{byFirst: map[uint32][]placeName{}, byID: map[uint16][]placeName{}}
	var buf []byte
	id := uint16(0)
	add := func(name string) {
		var words []uint32
		for _, w := range strings.FieldsFunc(name, notWordRune) {
			buf = vntext.AppendFold(buf[:0], w)
			words = append(words, uint32(fnv64(spelling(buf))))
		}
		if len(words) == 0 {
			return
		}
		var toks []uint32
		toks, buf = tokens(name, maxTitleTokens, buf)
		p := placeName{id: id, words: words, toks: toks}
		out.byFirst[words[0]] = append(out.byFirst[words[0]], p)
		out.byID[id] = append(out.byID[id], p)
	}
	for _, p := range directory.Provinces() {
		id++
		add(p.Name)
		for _, n := range p.FormedFrom {
			add(n)
		}
		if p.Name == "Hồ Chí Minh" {
			for _, a := range placeAliases {
				add(a)
			}
		}
	}
	synonym := map[string]string{}
	for _, s := range countrySynonyms {
		synonym[s[1]] = s[0]
	}
	for _, c := range countries {
		if _, ok := synonym[c]; ok {
			continue
		}
		id++
		add(c)
		for _, s := range countrySynonyms {
			if s[0] == c {
				add(s[1])
			}
		}
	}
	for _, l := range localPlaces() {
		id++
		add(l)
	}
	return out
})

// titlePlaces returns the places a title names: a place name written
// with a capital, and a one-word name only inside a sentence ("Áo xanh
// tình nguyện" opening a title is not Austria).
func titlePlaces(title string) []uint16 {
	type word struct {
		h           uint32
		upper, open bool
	}
	ws := make([]word, 0, 24)
	buf := make([]byte, 0, 64)
	titleWords(title, func(s string, upper, open bool) {
		buf = vntext.AppendFold(buf[:0], s)
		ws = append(ws, word{h: uint32(fnv64(spelling(buf))), upper: upper, open: open})
	})
	names := placeNames()
	var out []uint16
	for k, w := range ws {
		if !w.upper {
			continue
		}
		for _, p := range names.byFirst[w.h] {
			if len(p.words) == 1 && w.open || k+len(p.words) > len(ws) {
				continue
			}
			match := true
			for j, h := range p.words[1:] {
				if ws[k+1+j].h != h {
					match = false
					break
				}
			}
			if match && !slices.Contains(out, p.id) {
				out = append(out, p.id)
			}
		}
	}
	return out
}

// mentionsPlace reports whether toks hold every token of some name of place id.
func mentionsPlace(toks []wtok, id uint16) bool {
	has := func(t uint32) bool {
		_, ok := slices.BinarySearchFunc(toks, t, func(x wtok, t uint32) int { return cmpU32(x.t, t) })
		return ok
	}
	for _, p := range placeNames().byID[id] {
		if !slices.ContainsFunc(p.toks, func(t uint32) bool { return !has(t) }) {
			return true
		}
	}
	return false
}

// placesDiffer reports two titles each naming a place the other item
// never mentions: what happened in one place is not what happened in
// another ("Hưng Yên" / "Lào Cai", "Gia Lai" / "Đắk Lắk").
func placesDiffer(a, b *Features) bool {
	elsewhere := func(x, y *Features) bool {
		for _, id := range x.places {
			if !mentionsPlace(y.toks, id) {
				return true
			}
		}
		return false
	}
	return len(a.places) > 0 && len(b.places) > 0 && elsewhere(a, b) && elsewhere(b, a)
}
