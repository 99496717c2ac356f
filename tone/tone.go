// Package tone makes the first guess at the tone of a press item —
// positive, neutral or negative towards its subject — from a small
// lexicon of Vietnamese and English words and phrases. Reviewers correct
// the guess; the lexicon only has to sort the obvious cases so the review
// queue starts in a sensible order.
package tone

import "ttdn/vntext"

// Tone is a reviewer's (or the lexicon's) judgement of an item.
type Tone string

// The tones.
const (
	Positive Tone = "positive"
	Neutral  Tone = "neutral"
	Negative Tone = "negative"
)

// Score is the lexicon's evidence for a text.
type Score struct {
	Positive, Negative int // weighted phrase hits
	Tone               Tone
}

// Guess returns the tone of text: the side with more weighted lexicon
// hits wins when it leads by at least two (one weak word is not a tone);
// a negator just before a phrase ("không", "chưa", "not", "no") flips it.
func Guess(text string) Score {
	return GuessWords(vntext.Words(text))
}

// GuessWords is Guess of a text whose vntext.Words are words (ingest
// splits each item's text once, for the search index and the tone).
func GuessWords(words []string) Score {
	var s Score
	for i := 0; i < len(words); i++ {
		e, n := lookup(words, i)
		if n == 0 {
			continue
		}
		w := e.weight
		if i > 0 && negators[words[i-1]] {
			w = -w
		}
		if w > 0 {
			s.Positive += w
		} else {
			s.Negative -= w
		}
		i += n - 1
	}
	switch d := s.Positive - s.Negative; {
	case d >= 2:
		s.Tone = Positive
	case d <= -2:
		s.Tone = Negative
	default:
		s.Tone = Neutral
	}
	return s
}

// lookup finds the longest lexicon phrase starting at words[i] and
// returns it and its length in words (0 if none).
func lookup(words []string, i int) (entry, int) {
	var buf [96]byte
	key := buf[:0]
	best, bestN := entry{}, 0
	for n := 0; n < maxPhrase && i+n < len(words); n++ {
		if n > 0 {
			key = append(key, ' ')
		}
		key = append(key, words[i+n]...)
		if e, ok := lexicon[string(key)]; ok {
			best, bestN = e, n+1
		}
	}
	return best, bestN
}
