package story

import (
	"slices"
	"strings"
	"sync"

	"ttdn"
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
