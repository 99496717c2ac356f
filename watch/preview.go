package watch

// Doc is a text to match: a press item's title and body.
type Doc struct {
	ID    string
	Title string
	Text  string
}

// PreviewHit is an item a rule would match, with the first match in
// context so the monitor can judge the rule before saving it.
type PreviewHit struct {
	Doc     int    // index into the docs previewed
	Hits    int    // occurrences in title and text
	Snippet string // the first occurrence with some words around it
}

// snippetContext is the bytes of context kept on each side of a match.
const snippetContext = 60

// Preview returns the docs that term would match ("what it would have
// matched in the last 30 days"), in order.
func Preview(term Term, docs []Doc) []PreviewHit {
	m := Compile([]Term{term})
	var out []PreviewHit
	for i, d := range docs {
		th := m.Match(d.Title)
		bh := m.Match(d.Text)
		if len(th)+len(bh) == 0 {
			continue
		}
		var snip string
		if len(th) > 0 {
			snip = snippet(d.Title, th[0])
		} else {
			snip = snippet(d.Text, bh[0])
		}
		out = append(out, PreviewHit{Doc: i, Hits: len(th) + len(bh), Snippet: snip})
	}
	return out
}

// snippet cuts text around h at word boundaries and marks the match with
// guillemets.
func snippet(text string, h Hit) string {
	from := min(wordStart(text, max(0, h.Start-snippetContext)), h.Start)
	to := max(wordEnd(text, min(len(text), h.End+snippetContext)), h.End)
	s := text[from:h.Start] + "«" + text[h.Start:h.End] + "»" + text[h.End:to]
	if from > 0 {
		s = "…" + s
	}
	if to < len(text) {
		s += "…"
	}
	return s
}

// wordStart moves i forward to the start of the next word (or a rune
// boundary) so a snippet never begins inside a word or a rune.
func wordStart(text string, i int) int {
	if i == 0 {
		return 0
	}
	for i < len(text) && text[i] != ' ' {
		i++
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}

// wordEnd moves i back to the end of the previous word.
func wordEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for i > 0 && text[i] != ' ' {
		i--
	}
	return i
}
