package story

import (
	"unicode"
	"unicode/utf8"
)

// titleWords calls fn for each word of text in order: the word, whether it
// starts with a capital, and whether it opens a sentence — read as
// entityHashes reads sentences, so that the event words and the places of
// a title see the same words and openings.
func titleWords(text string, fn func(s string, upper, open bool)) {
	open, start := true, -1
	for i := 0; i <= len(text); {
		r, n := utf8.RuneError, 1
		if i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if i < len(text) && !notWordRune(r) {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if start >= 0 {
			s := text[start:i]
			first, _ := utf8.DecodeRuneInString(s)
			fn(s, unicode.IsUpper(first), open)
			open, start = false, -1
		}
		switch r {
		case '.', '!', '?', ':', '\n', '"', '“', '[', '(':
			open = true
		}
		i += n
	}
}
