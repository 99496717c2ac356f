package http

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestCatalogCoversTemplates: every key a template or handler asks for is
// in the catalog in both languages, so no page shows a raw key.
func TestCatalogCoversTemplates(t *testing.T) {
	keyRE := regexp.MustCompile(`(?:\.T|translate\(lang,|titleKey|, ")\s*"([a-z_]+\.[a-z_]+)"`)
	var sources []string
	files, _ := fs.Glob(htmlFS, "html/*.html")
	for _, name := range files {
		b, _ := fs.ReadFile(htmlFS, name)
		sources = append(sources, string(b))
	}
	for _, src := range sources {
		for _, m := range keyRE.FindAllStringSubmatch(src, -1) {
			e, ok := catalog[m[1]]
			if !ok {
				t.Errorf("catalog lacks %q", m[1])
			} else if e[0] == "" || e[1] == "" {
				t.Errorf("catalog entry %q lacks a language", m[1])
			}
		}
	}
	for _, prefix := range []string{"task.", "unit.as_"} {
		for _, role := range []string{"lead", "executing", "coordinating"} {
			if _, ok := catalog[prefix+role]; !ok {
				t.Errorf("catalog lacks %q", prefix+role)
			}
		}
	}
	for key := range catalog {
		if strings.HasPrefix(key, "flash.") && catalog[key][1] == "" {
			t.Errorf("flash %q lacks English", key)
		}
	}
}

func TestTemplatesParse(t *testing.T) {
	tm := mustParseTemplates()
	for _, name := range []string{"login", "error", "plans", "plan", "plan_edit", "task_edit", "import", "import_preview", "units", "unit", "users", "user_form"} {
		if tm.pages[name] == nil {
			t.Errorf("no page %q", name)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/plans": "/plans", "//evil.example": "", "https://evil.example": "", "/\\evil": "", "": ""} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
