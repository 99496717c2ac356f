package directory

import (
	"unicode"
	"unicode/utf8"

	"ttdn/vntext"
)

// token is one word of a text as the Resolver sees it: folded, with its
// byte span in the original text so a match can give back the text as
// written. Punctuation is not a token: "Sở TT&TT", "Sở TT và TT" and
// "Sở Văn hóa, Thể thao và Du lịch" match by their words alone.
type token struct {
	word       string // folded
	start, end int    // byte span in the original text
	// split is set when a list separator ("," or ";") stands between the
	// previous token and this one.
	split bool
	upper bool // the word starts with an upper-case letter as written

	fstart, fend int // span of word in the folded text
}

// tokenize splits s into folded word tokens. All folded words share one
// backing string, so a text costs two allocations.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/6+1)
	buf := make([]byte, 0, len(s))
	split := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !vntext.IsWordRune(r) {
			if r == ',' || r == ';' {
				split = true
			}
			i += n
			continue
		}
		start := i
		for i < len(s) {
			r, n = utf8.DecodeRuneInString(s[i:])
			if !vntext.IsWordRune(r) {
				break
			}
			i += n
		}
		first, _ := utf8.DecodeRuneInString(s[start:])
		from := len(buf)
		buf = vntext.AppendFold(buf, s[start:i])
		// fstart/fend locate the word in buf until buf becomes a string.
		toks = append(toks, token{start: start, end: i, split: split, upper: isUpper(first), fstart: from, fend: len(buf)})
		split = false
	}
	folded := string(buf)
	for k := range toks {
		toks[k].word = folded[toks[k].fstart:toks[k].fend]
	}
	return toks
}

func isUpper(r rune) bool { return unicode.IsUpper(r) }
