package ttdn

import "strings"

// languageNames names the languages ttdn meets, in Vietnamese and English:
// people read names, never codes ("vi" is for machines).
var languageNames = map[string][2]string{
	"vi": {"Tiếng Việt", "Vietnamese"}, "en": {"Tiếng Anh", "English"}, "km": {"Tiếng Khmer", "Khmer"},
	"zh": {"Tiếng Trung", "Chinese"}, "fr": {"Tiếng Pháp", "French"}, "ru": {"Tiếng Nga", "Russian"},
	"ja": {"Tiếng Nhật", "Japanese"}, "ko": {"Tiếng Hàn", "Korean"}, "lo": {"Tiếng Lào", "Lao"},
	"th": {"Tiếng Thái", "Thai"}, "de": {"Tiếng Đức", "German"}, "es": {"Tiếng Tây Ban Nha", "Spanish"},
}

// LanguageName names a language code ("vi", "en-GB") in Vietnamese, or in
// English when english is set; an unknown code is returned as written (it
// is what the source said).
func LanguageName(code string, english bool) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(code)), "-")
	if n, ok := languageNames[base]; ok {
		if english {
			return n[1]
		}
		return n[0]
	}
	return code
}

// BreakdownItemName is how a "trong đó" row names its item: a language by
// its name, anything else (a channel, a theme) as stored.
func BreakdownItemName(b Breakdown, item string, english bool) string {
	if b == ByLanguage {
		return LanguageName(item, english)
	}
	return item
}
