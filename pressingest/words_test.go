package pressingest_test

import (
	"testing"

	"ttdn/presstext"
	"ttdn/sqlstore"
	"ttdn/tone"
)

// TestToneFromSearchWords checks, over the news sample, that the tone of
// an item guessed from the words of its search index (split once at
// ingest) is the tone of its text, title and summary as sentences.
func TestToneFromSearchWords(t *testing.T) {
	toned := 0
	for _, r := range loadNews(t) {
		title, summary := presstext.Clean(presstext.Text(r.Title)), presstext.Text(r.Summary)
		want := tone.Guess(title + ".\n" + summary)
		if got := tone.GuessWords(sqlstore.SearchWords(title, summary)); got != want {
			t.Fatalf("%q: %+v from the index words, %+v from the text", title, got, want)
		}
		if want.Tone != tone.Neutral {
			toned++
		}
	}
	if toned < 100 {
		t.Errorf("only %d items with a tone: the sample does not exercise the lexicon", toned)
	}
}
