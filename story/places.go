package story

import (
	"slices"
	"sync"

	"ttdn/directory"
)

// Places: a province's name is where the news happens, not what it is
// about. A provincial monitor reads its own province's name in most of
// its items, and one storm's or one flood's many local stories share the
// provinces they strike ("Đắk Lắk cho học sinh nghỉ học" / "Đắk Lắk sẵn
// sàng điều 15.000 quân"). So the words and word pairs of the provinces'
// names — the 34 of 2025 and those merged into them, which the press still
// writes ("Bình Định cũ") — and of Hồ Chí Minh City's usual short forms
// are not entity tokens: they weigh in the similarity as words, not in the
// share of names two items have in common.

// placeAliases are the short forms of place names the press writes
// beside the directory's names.
var placeAliases = []string{"TP.HCM", "TP HCM", "TPHCM", "Sài Gòn"}

// placeTokens is the sorted set of the token hashes of place names.
var placeTokens = sync.OnceValue(func() []uint32 {
	var names []string
	for _, p := range directory.Provinces() {
		names = append(names, p.Name)
		names = append(names, p.FormedFrom...)
	}
	names = append(names, placeAliases...)
	var out []uint32
	var buf []byte
	for _, n := range names {
		var t []uint32
		t, buf = tokens(n, maxTitleTokens, buf)
		out = append(out, t...)
	}
	slices.Sort(out)
	return slices.Compact(out)
})

// withoutPlaces removes place-name tokens from sorted ents.
func withoutPlaces(ents []uint32) []uint32 {
	places := placeTokens()
	return slices.DeleteFunc(ents, func(t uint32) bool {
		_, ok := slices.BinarySearch(places, t)
		return ok
	})
}
