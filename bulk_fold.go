package ttdn

import (
	"strings"
	"unicode"
)

// The root package imports only the standard library, so it cannot use
// vntext; CSV headers and statuses need just this much folding: lower case,
// Vietnamese diacritics dropped (precomposed or combining), đ → d.

// vietBase maps each base letter to its precomposed Vietnamese variants.
var vietBase = map[rune]string{
	'a': "àáảãạăằắẳẵặâầấẩẫậ",
	'e': "èéẻẽẹêềếểễệ",
	'i': "ìíỉĩị",
	'o': "òóỏõọôồốổỗộơờớởỡợ",
	'u': "ùúủũụưừứửữự",
	'y': "ỳýỷỹỵ",
	'd': "đ",
}

var vietFold = func() map[rune]rune {
	m := map[rune]rune{}
	for base, vs := range vietBase {
		for _, v := range vs {
			m[v] = base
		}
	}
	return m
}()

// foldKey lowers s, drops its diacritics and turns every run of other
// characters into one underscore: "Tỷ lệ (%)" → "ty_le".
func foldKey(s string) string {
	var b strings.Builder
	pending := false
	for _, r := range strings.ToLower(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := vietFold[r]; ok {
			r = f
		}
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if pending && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			pending = false
			continue
		}
		pending = true
	}
	return b.String()
}
