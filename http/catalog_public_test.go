package http

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"ttdn"
)

// TestPublicWords checks the public site's catalog from its templates and
// code: every key a public template or handler asks for exists, and every
// entry has its Vietnamese, English and Khmer words (the Khmer ones in
// Khmer script, unless a name or format).
func TestPublicWords(t *testing.T) {
	used := regexp.MustCompile(`\.T "([a-z_.]+)"|publicT\([^,]+, "([a-z_.]+)"`)
	files, _ := fs.Glob(publicHTML, "html/public/*.html")
	var sources []string
	for _, f := range files {
		b, _ := publicHTML.ReadFile(f)
		sources = append(sources, string(b))
	}
	for _, f := range []string{"public_pages.go", "public_routes.go", "public_feeds.go", "public_ical.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, string(b))
	}
	n := 0
	for _, src := range sources {
		for _, m := range used.FindAllStringSubmatch(src, -1) {
			key := m[1] + m[2]
			n++
			if strings.HasSuffix(key, ".") {
				continue // a prefix completed in code: checked below
			}
			if _, ok := publicWords[key]; !ok {
				t.Errorf("key %q is used but not in publicWords", key)
			}
		}
	}
	for _, k := range ttdn.PublicationKinds {
		if _, ok := publicWords["nav."+string(k)]; !ok {
			t.Errorf("no words for the section %s", k)
		}
	}
	for _, v := range ttdn.Verdicts {
		if _, ok := publicWords["verdict."+string(v)]; !ok && v.Clarified() {
			t.Errorf("no words for the verdict %s", v)
		}
	}
	khmer := regexp.MustCompile(`[\x{1780}-\x{17FF}]`)
	for key, w := range publicWords {
		for i, s := range w {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s has no words in language %d", key, i)
			}
		}
		if !khmer.MatchString(w[2]) {
			t.Errorf("%s: the Khmer words %q are not Khmer", key, w[2])
		}
	}
	if n < 30 {
		t.Fatalf("only %d uses found", n)
	}
}
