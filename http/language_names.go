package http

import "strings"

// Languages are shown by name, never by code ("vi" is for machines).
var languageNames = map[string][2]string{
	"vi": {"Tiếng Việt", "Vietnamese"}, "en": {"Tiếng Anh", "English"}, "km": {"Tiếng Khmer", "Khmer"},
	"zh": {"Tiếng Trung", "Chinese"}, "fr": {"Tiếng Pháp", "French"}, "ru": {"Tiếng Nga", "Russian"},
	"ja": {"Tiếng Nhật", "Japanese"}, "ko": {"Tiếng Hàn", "Korean"}, "lo": {"Tiếng Lào", "Lao"},
	"th": {"Tiếng Thái", "Thai"}, "de": {"Tiếng Đức", "German"}, "es": {"Tiếng Tây Ban Nha", "Spanish"},
}

// LangName names a language code in the page's language; an unknown code is
// shown as written (it is what the source said).
func (p *page) LangName(code string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(code)), "-")
	if n, ok := languageNames[base]; ok {
		if p.Lang == "en" {
			return n[1]
		}
		return n[0]
	}
	return code
}

// LangNames names a list of language codes.
func (p *page) LangNames(codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = p.LangName(c)
	}
	return strings.Join(names, ", ")
}
