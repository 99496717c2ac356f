package watch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ttdn/vntext"
)

type newsItem struct{ Title, Summary string }

// loadNews reads the shared news sample (8,012 items); it fails when the
// data is missing (CI puts shared/ beside the repository).
func loadNews(t testing.TB) []string {
	files, _ := filepath.Glob("../../shared/testdata/news/*.json")
	if len(files) == 0 {
		t.Fatal("shared news sample missing: ../../shared/testdata/news/*.json")
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var day []newsItem
		if err := json.Unmarshal(b, &day); err != nil {
			t.Fatal(err)
		}
		for _, it := range day {
			texts = append(texts, it.Title+"\n"+it.Summary)
		}
	}
	return texts
}

// thousandTerms returns the default list plus terms cut from the news
// titles themselves (mostly 2–3 consecutive words, some typed without
// diacritics), 1,000 in all, so that the sample has many matches.
func thousandTerms(texts []string) []Term {
	terms := slices.Clone(Default)
	for i := 0; len(terms) < 1000; i += 7 {
		words := strings.Fields(texts[i%len(texts)])
		if len(words) < 4 {
			continue
		}
		n := 2 + i%2
		if i%10 == 0 {
			n = 1 // some single words, common ones included
		}
		at := (i / 7) % (len(words) - n)
		name := strings.Trim(strings.Join(words[at:at+n], " "), ",.:;!?\"'()“”")
		if len(foldWords(name)) == 0 {
			continue
		}
		if i%5 == 0 {
			name = vntext.Fold(name)
		}
		terms = append(terms, Term{Code: fmt.Sprint("t", i), Name: name, Priority: Normal})
	}
	return terms
}

// occurrence is a hit as the reference sees it: term, form, first word.
type occurrence struct{ term, form, word int }

// naiveMatch is the reference: for every form of every term, every place
// where its folded words appear in the folded words of text, found by
// plain substring search on space-joined words.
func naiveMatch(terms []Term, text string) []occurrence {
	joined := " " + strings.Join(vntext.Words(text), " ") + " "
	var out []occurrence
	for ti := range terms {
		seen := map[string]bool{}
		for fi, form := range terms[ti].Forms() {
			key := strings.Join(vntext.Words(form), " ")
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			needle := " " + key + " "
			for off := 0; ; {
				j := strings.Index(joined[off:], needle)
				if j < 0 {
					break
				}
				pos := off + j
				out = append(out, occurrence{ti, fi, strings.Count(joined[:pos+1], " ") - 1})
				off = pos + 1
			}
		}
	}
	return out
}

// fastOccurrences converts the Matcher's hits to occurrences.
func fastOccurrences(m *Matcher, text string) []occurrence {
	wordAt := map[int]int{}
	forEachWord(text, nil, func(_ []byte, start, _ int) { wordAt[start] = len(wordAt) })
	var out []occurrence
	for _, h := range m.Match(text) {
		out = append(out, occurrence{h.Term, h.Form, wordAt[h.Start]})
	}
	return out
}

func cmpOcc(a, b occurrence) int {
	if a.term != b.term {
		return a.term - b.term
	}
	if a.form != b.form {
		return a.form - b.form
	}
	return a.word - b.word
}

// TestMatcherAgreesWithNaive is the differential test: on every item of
// the news sample, the Matcher and the naive reference find exactly the
// same occurrences of 1,000 terms.
func TestMatcherAgreesWithNaive(t *testing.T) {
	texts := loadNews(t)
	terms := thousandTerms(texts)
	m := Compile(terms)
	total, items := 0, 0
	for i, text := range texts {
		want := naiveMatch(terms, text)
		got := fastOccurrences(m, text)
		slices.SortFunc(want, cmpOcc)
		slices.SortFunc(got, cmpOcc)
		if !slices.Equal(got, want) {
			t.Fatalf("item %d %q:\n got %v\nwant %v", i, text, got, want)
		}
		total += len(got)
		if len(got) > 0 {
			items++
		}
	}
	t.Logf("%d items, %d terms: %d occurrences in %d items, identical", len(texts), len(terms), total, items)
	if total < 10000 {
		t.Errorf("only %d occurrences: the test terms do not exercise the matcher", total)
	}
}

// BenchmarkMatch1000 matches 1,000 terms over the news sample (title and
// summary of each item); items/s is the figure that matters for ingest.
func BenchmarkMatch1000(b *testing.B) {
	texts := loadNews(b)
	m := Compile(thousandTerms(texts))
	var hits []Hit
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		hits = m.AppendMatches(hits[:0], texts[n%len(texts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}
