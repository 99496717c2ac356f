package directory

import (
	"strings"

	"ttdn/vntext"
)

// ProvinceKind is the level a provincial unit bears in its name.
type ProvinceKind string

// The two kinds of provincial-level unit.
const (
	Province ProvinceKind = "tỉnh"      // tỉnh Hà Tĩnh
	City     ProvinceKind = "thành phố" // thành phố Hà Nội (centrally run)
)

// ProvinceInfo is one of the 34 provincial-level units after the 2025
// reorganisation (Nghị quyết 202/2025/QH15), from
// shared/reference/provinces-2025.md. Borders are the countries it has a
// land border with; Coastal says it has a sea coast (the border guard
// also keeps the sea border, so a coastal province has one too).
type ProvinceInfo struct {
	Name       string       // "Hà Nội", "Thành phố Hồ Chí Minh" is "Hồ Chí Minh"
	Kind       ProvinceKind // tỉnh or thành phố
	FormedFrom []string     // the pre-2025 provinces merged into it; one entry when unchanged
	Borders    []string     // "Trung Quốc", "Lào", "Campuchia"
	Coastal    bool
}

// Country names of Việt Nam's land borders.
const (
	China    = "Trung Quốc"
	Laos     = "Lào"
	Cambodia = "Campuchia"
)

// CountryCode is a border country's code ("cn", "la", "kh"), for the
// words the UI shows in each language.
func CountryCode(name string) string {
	switch name {
	case China:
		return "cn"
	case Laos:
		return "la"
	case Cambodia:
		return "kh"
	}
	return name
}

// Merged reports whether other provinces merged into it in 2025.
func (p ProvinceInfo) Merged() bool { return len(p.FormedFrom) > 1 }

// Place is the province as sentences name it: "tỉnh Hà Tĩnh", "thành phố Hà Nội".
func (p ProvinceInfo) Place() string { return string(p.Kind) + " " + p.Name }

// PlaceEN is the province in English: "Hà Tĩnh Province", "Hà Nội City".
func (p ProvinceInfo) PlaceEN() string {
	if p.Kind == City {
		return p.Name + " City"
	}
	return p.Name + " Province"
}

// HasBorderGuard reports whether the border guard has a provincial command
// there: on a land border or a coast.
func (p ProvinceInfo) HasBorderGuard() bool { return len(p.Borders) > 0 || p.Coastal }

// Code is the province's slug ("ha-noi"), for settings and file names.
func (p ProvinceInfo) Code() string { return strings.ReplaceAll(vntext.Fold(p.Name), " ", "-") }

// provinces are the 34 units. The border and coast facts are from the
// national map (22 provinces on a land border, 21 on the coast after the
// merger); they are not in the reference file, so check them before
// relying on them for more than which commands the directory starts with.
var provinces = []ProvinceInfo{
	{Name: "Hà Nội", Kind: City, FormedFrom: []string{"Hà Nội"}},
	{Name: "Huế", Kind: City, FormedFrom: []string{"Thừa Thiên Huế"}, Borders: []string{Laos}, Coastal: true},
	{Name: "Lai Châu", Kind: Province, FormedFrom: []string{"Lai Châu"}, Borders: []string{China}},
	{Name: "Điện Biên", Kind: Province, FormedFrom: []string{"Điện Biên"}, Borders: []string{China, Laos}},
	{Name: "Sơn La", Kind: Province, FormedFrom: []string{"Sơn La"}, Borders: []string{Laos}},
	{Name: "Lạng Sơn", Kind: Province, FormedFrom: []string{"Lạng Sơn"}, Borders: []string{China}},
	{Name: "Quảng Ninh", Kind: Province, FormedFrom: []string{"Quảng Ninh"}, Borders: []string{China}, Coastal: true},
	{Name: "Thanh Hóa", Kind: Province, FormedFrom: []string{"Thanh Hóa"}, Borders: []string{Laos}, Coastal: true},
	{Name: "Nghệ An", Kind: Province, FormedFrom: []string{"Nghệ An"}, Borders: []string{Laos}, Coastal: true},
	{Name: "Hà Tĩnh", Kind: Province, FormedFrom: []string{"Hà Tĩnh"}, Borders: []string{Laos}, Coastal: true},
	{Name: "Cao Bằng", Kind: Province, FormedFrom: []string{"Cao Bằng"}, Borders: []string{China}},
	{Name: "Tuyên Quang", Kind: Province, FormedFrom: []string{"Tuyên Quang", "Hà Giang"}, Borders: []string{China}},
	{Name: "Lào Cai", Kind: Province, FormedFrom: []string{"Lào Cai", "Yên Bái"}, Borders: []string{China}},
	{Name: "Thái Nguyên", Kind: Province, FormedFrom: []string{"Thái Nguyên", "Bắc Kạn"}},
	{Name: "Phú Thọ", Kind: Province, FormedFrom: []string{"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"}},
	{Name: "Bắc Ninh", Kind: Province, FormedFrom: []string{"Bắc Ninh", "Bắc Giang"}},
	{Name: "Hưng Yên", Kind: Province, FormedFrom: []string{"Hưng Yên", "Thái Bình"}, Coastal: true},
	{Name: "Hải Phòng", Kind: City, FormedFrom: []string{"Hải Phòng", "Hải Dương"}, Coastal: true},
	{Name: "Ninh Bình", Kind: Province, FormedFrom: []string{"Ninh Bình", "Hà Nam", "Nam Định"}, Coastal: true},
	{Name: "Quảng Trị", Kind: Province, FormedFrom: []string{"Quảng Trị", "Quảng Bình"}, Borders: []string{Laos}, Coastal: true},
	{Name: "Đà Nẵng", Kind: City, FormedFrom: []string{"Đà Nẵng", "Quảng Nam"}, Borders: []string{Laos}, Coastal: true},
	{Name: "Quảng Ngãi", Kind: Province, FormedFrom: []string{"Quảng Ngãi", "Kon Tum"}, Borders: []string{Laos, Cambodia}, Coastal: true},
	{Name: "Gia Lai", Kind: Province, FormedFrom: []string{"Gia Lai", "Bình Định"}, Borders: []string{Cambodia}, Coastal: true},
	{Name: "Khánh Hòa", Kind: Province, FormedFrom: []string{"Khánh Hòa", "Ninh Thuận"}, Coastal: true},
	{Name: "Lâm Đồng", Kind: Province, FormedFrom: []string{"Lâm Đồng", "Đắk Nông", "Bình Thuận"}, Borders: []string{Cambodia}, Coastal: true},
	{Name: "Đắk Lắk", Kind: Province, FormedFrom: []string{"Đắk Lắk", "Phú Yên"}, Borders: []string{Cambodia}, Coastal: true},
	{Name: "Hồ Chí Minh", Kind: City, FormedFrom: []string{"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}, Coastal: true},
	{Name: "Đồng Nai", Kind: Province, FormedFrom: []string{"Đồng Nai", "Bình Phước"}, Borders: []string{Cambodia}},
	{Name: "Tây Ninh", Kind: Province, FormedFrom: []string{"Tây Ninh", "Long An"}, Borders: []string{Cambodia}},
	{Name: "Cần Thơ", Kind: City, FormedFrom: []string{"Cần Thơ", "Sóc Trăng", "Hậu Giang"}, Coastal: true},
	{Name: "Vĩnh Long", Kind: Province, FormedFrom: []string{"Vĩnh Long", "Bến Tre", "Trà Vinh"}, Coastal: true},
	{Name: "Đồng Tháp", Kind: Province, FormedFrom: []string{"Đồng Tháp", "Tiền Giang"}, Borders: []string{Cambodia}, Coastal: true},
	{Name: "Cà Mau", Kind: Province, FormedFrom: []string{"Cà Mau", "Bạc Liêu"}, Coastal: true},
	{Name: "An Giang", Kind: Province, FormedFrom: []string{"An Giang", "Kiên Giang"}, Borders: []string{Cambodia}, Coastal: true},
}

// Provinces returns the 34 provincial-level units, a fresh slice in the
// reference's order.
func Provinces() []ProvinceInfo {
	out := make([]ProvinceInfo, len(provinces))
	copy(out, provinces)
	return out
}

// ShippedProvince is the province the shipped directory (Entries) is of.
const ShippedProvince = "Tây Ninh"

// FindProvince finds a province by its name as people write it, with or
// without "tỉnh"/"thành phố"/"TP.", with or without diacritics ("Ha Noi",
// "TP. Hồ Chí Minh", "thành phố Huế"). A province that merged into another
// in 2025 ("Bình Dương") finds the one it merged into, with merged true.
func FindProvince(name string) (p ProvinceInfo, mergedInto bool, ok bool) {
	key := provinceKey(name)
	if key == "" {
		return ProvinceInfo{}, false, false
	}
	for _, p := range provinces {
		if provinceKey(p.Name) == key {
			return p, false, true
		}
	}
	for _, p := range provinces {
		for _, old := range p.FormedFrom {
			if provinceKey(old) == key {
				return p, true, true
			}
		}
	}
	return ProvinceInfo{}, false, false
}

// provinceKey folds a province name and drops its level word.
func provinceKey(name string) string {
	f := strings.Join(strings.FieldsFunc(vntext.Fold(name), func(r rune) bool {
		return r == ' ' || r == '.' || r == '-' || r == '–' || r == ','
	}), " ")
	for _, prefix := range []string{"thanh pho ", "tinh ", "tp "} {
		f = strings.TrimPrefix(f, prefix)
	}
	if f == "hcm" || f == "tphcm" || f == "sai gon" {
		f = "ho chi minh"
	}
	if f == "thua thien hue" {
		f = "hue"
	}
	return f
}
