package sqlstore

import (
	"strings"

	"ttdn/directory"
	"ttdn/vntext"
	"ttdn/watch"
)

// tayNinhOnly are the shipped watch terms that are Tây Ninh's places and
// festivals, and the Cambodia terms a province without that border does
// not start with.
var (
	tayNinhOnly = map[string]bool{"tay-ninh": true, "long-an": true, "tan-an": true, "moc-bai": true, "xa-mat": true,
		"ba-den": true, "toa-thanh": true, "dau-tieng": true, "trang-bang": true, "hoa-thanh": true, "go-dau": true,
		"ben-cau": true, "tan-bien": true, "tan-chau": true, "duong-minh-chau": true, "duc-hoa": true, "duc-hue": true,
		"ben-luc": true, "can-giuoc": true, "kien-tuong": true, "my-quy-tay": true, "chang-riec": true, "phuoc-dong": true,
		"le-hoi": true, "cpc-provinces": true}
	cambodiaOnly = map[string]bool{"campuchia": true, "bien-gioi-vn-cpc": true, "thuong-mai-bien-gioi": true, "funan-techo": true}
)

// watchDefaultsFor is the starting watchlist of p: the shipped one for Tây
// Ninh; for another province its own name in the usual forms, then the
// shipped topics without Tây Ninh's places (and without the Cambodia terms
// where there is no such border), named for p.
func watchDefaultsFor(p directory.ProvinceInfo) []watch.Term {
	if p.Name == directory.ShippedProvince {
		return watch.Default
	}
	folded := vntext.Fold(p.Name)
	terms := []watch.Term{{Code: "tinh", Name: p.Name, Aliases: []string{p.Place(), p.PlaceEN(), titleWords(folded) + " province"},
		Folded: true, Kind: watch.Entity, Priority: watch.High, Themes: []string{"van-hoa-lich-su"}}}
	for _, old := range p.FormedFrom {
		if old != p.Name {
			terms = append(terms, watch.Term{Code: "tinh-" + strings.ReplaceAll(vntext.Fold(old), " ", "-"), Name: old,
				Aliases: []string{"tỉnh " + old}, Kind: watch.Entity, Priority: watch.Normal})
		}
	}
	cambodia := false
	for _, b := range p.Borders {
		cambodia = cambodia || b == directory.Cambodia
	}
	for _, t := range watch.Default {
		if tayNinhOnly[t.Code] || (!cambodia && cambodiaOnly[t.Code]) {
			continue
		}
		t.Name = strings.ReplaceAll(t.Name, directory.ShippedProvince, p.Name)
		var aliases []string
		for _, a := range t.Aliases {
			if !strings.Contains(a, directory.ShippedProvince) && !strings.Contains(a, "Tay Ninh") {
				aliases = append(aliases, a)
			}
		}
		t.Aliases = aliases
		terms = append(terms, t)
	}
	return terms
}

// titleWords capitalises each word of folded ASCII text: "ha tinh" → "Ha Tinh".
func titleWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
