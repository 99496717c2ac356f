package searchrank

import (
	"strings"
	"unicode/utf8"
)

// Span is a piece of a snippet; Hit spans are words of the query.
type Span struct {
	Text string
	Hit  bool
}

// Snippet returns up to about width bytes of text around its first
// query word, cut at word boundaries, with the query's words marked
// (as matched: diacritics honoured). Text without a hit gives its start.
func Snippet(q Query, text string, width int) []Span {
	var t tokens
	t.split(text)
	words := t.words
	var hits []word
	first := -1
	for k, w := range words {
		for i := range q.Terms {
			if t.matches(&q.Terms[i], k) {
				hits = append(hits, w)
				if first < 0 {
					first = w.start
				}
				break
			}
		}
	}
	start, end := 0, len(text)
	if len(text) > width {
		if first > width/3 {
			start = first - width/3
		}
		end = min(len(text), start+width)
		start, end = wordStart(text, words, start), wordEnd(text, words, end)
	}
	var out []Span
	if start > 0 {
		out = append(out, Span{Text: "… "})
	}
	pos := start
	for _, h := range hits {
		if h.start < start || h.end > end {
			continue
		}
		gap := text[pos:h.start]
		if n := len(out); n > 0 && out[n-1].Hit && pos > start && strings.TrimSpace(gap) == "" {
			out[n-1].Text += gap + text[h.start:h.end] // "Mộc Bài" is one mark
			pos = h.end
			continue
		}
		if h.start > pos {
			out = append(out, Span{Text: gap})
		}
		out = append(out, Span{Text: text[h.start:h.end], Hit: true})
		pos = h.end
	}
	if pos < end {
		out = append(out, Span{Text: text[pos:end]})
	}
	if end < len(text) {
		out = append(out, Span{Text: " …"})
	}
	return out
}

// wordStart moves offset back to the start of the word it falls in.
func wordStart(text string, words []word, off int) int {
	for _, w := range words {
		if w.start <= off && off < w.end {
			return w.start
		}
	}
	for off > 0 && !utf8.RuneStart(text[off]) {
		off--
	}
	return off
}

// wordEnd moves offset back before the word it falls in.
func wordEnd(text string, words []word, off int) int {
	for _, w := range words {
		if w.start < off && off < w.end {
			return w.start
		}
	}
	for off < len(text) && !utf8.RuneStart(text[off]) {
		off++
	}
	return off
}
