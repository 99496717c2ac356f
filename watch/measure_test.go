package watch

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"ttdn/vntext"
)

// foldedHits is the matcher before issue 11, as a reference: every form's
// folded words anywhere in the folded words of text, diacritics,
// punctuation and rules ignored. It returns the codes of the terms found.
func foldedHits(terms []Term, text string) []string {
	joined := " " + strings.Join(vntext.Words(text), " ") + " "
	var codes []string
	for _, t := range terms {
		for _, f := range t.Forms() {
			if key := strings.Join(vntext.Words(f), " "); key != "" && strings.Contains(joined, " "+key+" ") {
				codes = append(codes, t.Code)
				break
			}
		}
	}
	return codes
}

// TestMeasureDefaultWatchlist counts, over the news sample, the items the
// default watchlist hits with the folded matcher of before and with the
// Matcher, and lists the hits lost with their reason (for docs/PRESS.md;
// set TTDN_MATCH_REPORT=1 to print every lost hit). New hits are a subset
// of the old: exact diacritics imply equal folded words.
func TestMeasureDefaultWatchlist(t *testing.T) {
	items := loadItems(t)
	m := Compile(Default)
	var oldHits, newHits, oldItems, newItems int
	lost := map[string]int{}
	reasons := map[string]int{}
	var report []string
	for _, it := range items {
		old := map[string]bool{}
		for _, text := range []string{it.Title, it.Summary} {
			for _, c := range foldedHits(Default, text) {
				old[c] = true
			}
		}
		now := map[string]bool{}
		for _, text := range []string{it.Title, it.Summary} {
			for _, i := range m.MatchTerms(text) {
				now[Default[i].Code] = true
			}
		}
		oldHits, newHits = oldHits+len(old), newHits+len(now)
		if len(old) > 0 {
			oldItems++
		}
		if len(now) > 0 {
			newItems++
		}
		for c := range now {
			if !old[c] {
				t.Errorf("%s: new hit %s the folded matcher did not find", it.ID, c)
			}
		}
		for c := range old {
			if now[c] {
				continue
			}
			lost[c]++
			why := lostReason(c, it)
			reasons[why]++
			report = append(report, c+"\t"+why+"\t"+it.Title+" || "+it.Summary)
		}
	}
	t.Logf("%d items: folded matcher %d hits in %d items; Matcher %d hits in %d items; lost %d (%.1f %%)",
		len(items), oldHits, oldItems, newHits, newItems, oldHits-newHits, 100*float64(oldHits-newHits)/float64(oldHits))
	t.Logf("lost by reason: %v", reasons)
	codes := make([]string, 0, len(lost))
	for c := range lost {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool { return lost[codes[i]] > lost[codes[j]] })
	for _, c := range codes {
		t.Logf("  %-20s %d", c, lost[c])
	}
	if os.Getenv("TTDN_MATCH_REPORT") == "1" {
		slices.Sort(report)
		for _, r := range report {
			t.Log(r)
		}
	}
}

// lostReason says why the Matcher drops a hit the folded matcher had: the
// term's context rule or exclusions, clause punctuation (with the
// punctuation blanked out the Matcher finds it), or diacritics.
func lostReason(code string, it newsItem) string {
	i := slices.IndexFunc(Default, func(t Term) bool { return t.Code == code })
	bare := Default[i]
	bare.Context, bare.Exclude = nil, nil
	m := Compile([]Term{bare})
	switch {
	case len(m.Match(it.Title))+len(m.Match(it.Summary)) > 0:
		return "rule"
	case len(m.Match(blankPunctuation(it.Title)))+len(m.Match(blankPunctuation(it.Summary))) > 0:
		return "punctuation"
	}
	return "diacritics"
}

func blankPunctuation(s string) string {
	return strings.Map(func(r rune) rune {
		if isClauseRune(r) {
			return ' '
		}
		return r
	}, s)
}
