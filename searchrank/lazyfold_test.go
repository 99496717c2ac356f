package searchrank

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttdn/vntext"
)

// TestLazyFoldMatchesFullFold checks the first-rune rejection of
// tokens.matches against folding every word: for every word of a day of
// the news sample typed as a term (as is, without diacritics, as a
// prefix), the words it matches are those whose full fold and key agree.
func TestLazyFoldMatchesFullFold(t *testing.T) {
	files, _ := filepath.Glob("../../shared/testdata/news/*.json")
	if len(files) == 0 {
		t.Fatal("shared news sample missing")
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var recs []struct{ Title, Summary string }
	if err := json.Unmarshal(raw, &recs); err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range recs[:min(len(recs), 60)] {
		text.WriteString(r.Title + " — " + r.Summary + "\n")
	}
	var tk tokens
	tk.split(vntext.NFC(text.String()))
	words := make([]string, len(tk.words))
	for i, w := range tk.words {
		words[i] = tk.text[w.start:w.end]
	}
	seen, checked := map[string]bool{}, 0
	for _, w := range words {
		for _, typed := range []string{w, vntext.Fold(w), w + "*", strings.ToUpper(w)} {
			if seen[typed] {
				continue
			}
			seen[typed] = true
			q := Parse(typed)
			if len(q.Terms) != 1 {
				continue
			}
			term := &q.Terms[0]
			for i, x := range words {
				want := fullMatch(term, x)
				if got := tk.matches(term, i); got != want {
					t.Fatalf("term %q on word %q: matches %v, full fold %v", typed, x, got, want)
				}
				checked++
			}
		}
	}
	if checked < 100_000 {
		t.Fatalf("only %d pairs checked", checked)
	}
}

// fullMatch is tokens.matches without shortcuts.
func fullMatch(q *Term, w string) bool {
	f := vntext.Fold(w)
	if q.Prefix && !strings.HasPrefix(f, q.Folded) || !q.Prefix && f != q.Folded {
		return false
	}
	if !q.Marked {
		return true
	}
	if q.Prefix {
		return strings.HasPrefix(vntext.Key(w), prefixKey(q.Key))
	}
	return vntext.Key(w) == q.Key
}
