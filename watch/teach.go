package watch

// ExclusionPhrases returns phrases around hit h of text that a monitor may
// add to the term's exclusions when the hit is not relevant: the match
// with the word before it, with the word after it, and with both — never
// across clause punctuation, which matching does not cross either. "Doanh
// nhân Trần Việt Tân xây dựng" gives "Trần Việt Tân", "Việt Tân xây" and
// "Trần Việt Tân xây". Each phrase contains the match, so excluding it
// excludes this hit.
func ExclusionPhrases(text string, h Hit) []string {
	type span struct {
		start, end int
		brk        bool
	}
	var words []span
	scanWords(text, nil, func(w word) { words = append(words, span{w.start, w.end, w.brk}) })
	first, last := -1, -1
	for i, w := range words {
		if w.start == h.Start {
			first = i
		}
		if w.end == h.End {
			last = i
		}
	}
	if first < 0 || last < first {
		return nil
	}
	var out []string
	add := func(from, to int) {
		p := text[words[from].start:words[to].end]
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	before := first > 0 && !words[first].brk
	after := last+1 < len(words) && !words[last+1].brk
	if before {
		add(first-1, last)
	}
	if after {
		add(first, last+1)
	}
	if before && after {
		add(first-1, last+1)
	}
	return out
}
