// Package presstext normalises the text of press items before they are
// matched, grouped and stored: HTML to plain text, Unicode NFC, collapsed
// white space, canonical URLs for duplicate detection, and language
// detection. It is pure and runs on every ingested item, so it is written
// for speed.
package presstext

import (
	"html"
	"strings"
	"unicode/utf8"

	"ttdn/vntext"
)

// Text returns the plain text of an HTML fragment (a feed's description or
// content): tags removed, scripts, styles and similar dropped with their
// content, entities decoded, block ends (<br>, </p>, </li>, …) turned into
// line breaks, white space collapsed (one space inside a line, no empty
// lines) and the result in Unicode NFC.
func Text(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return Clean(html.UnescapeString(s))
	}
	w := textWriter{b: make([]byte, 0, len(s))}
	stripTags(&w, s)
	return vntext.NFC(w.String())
}

// Clean returns s in NFC with white space collapsed into single spaces and
// trimmed: the form of titles and other one-line text.
func Clean(s string) string {
	w := textWriter{b: make([]byte, 0, len(s)), oneLine: true}
	w.text(s)
	return vntext.NFC(w.String())
}

// stripTags writes the text of s to w.
func stripTags(w *textWriter, s string) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			w.text(unescape(s))
			return
		}
		w.text(unescape(s[:i]))
		s = s[i:]
		t, rest, ok := readTag(s)
		if !ok { // a '<' that starts no tag is text
			w.text("<")
			s = s[1:]
			continue
		}
		s = rest
		switch {
		case t.comment:
		case !t.end && dropped[t.name]:
			s = skipElement(s, t.name)
		case blocks[t.name]:
			w.newline()
		default:
			w.space() // inline tags still separate words: "a<span>b" rarely means "ab"
		}
	}
}

// dropped elements are removed with their content.
var dropped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"iframe": true, "object": true, "svg": true, "head": true, "select": true,
}

// blocks are elements whose start or end breaks the line.
var blocks = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"tr": true, "table": true, "blockquote": true, "section": true, "article": true,
	"header": true, "footer": true, "figure": true, "figcaption": true, "hr": true,
	"pre": true, "dd": true, "dt": true, "dl": true, "caption": true,
}

func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// tag is what readTag found.
type tag struct {
	name    string // lower case
	end     bool
	comment bool // also <!DOCTYPE> and <?…?>
}

// readTag reads the tag at the start of s ("<…>") and returns it and the
// rest of s; ok is false when s does not start a tag.
func readTag(s string) (t tag, rest string, ok bool) {
	if len(s) < 2 {
		return t, s, false
	}
	switch c := s[1]; {
	case strings.HasPrefix(s, "<!--"):
		if j := strings.Index(s[4:], "-->"); j >= 0 {
			return tag{comment: true}, s[4+j+3:], true
		}
		return tag{comment: true}, "", true
	case c == '!' || c == '?':
		return tag{comment: true}, afterGT(s), true
	case c == '/':
		t.end = true
		s = s[1:]
	case !isLetter(c):
		return t, s, false
	}
	n := 1
	for n < len(s) && (isLetter(s[n]) || s[n] >= '0' && s[n] <= '9' || s[n] == '-' || s[n] == ':') {
		n++
	}
	t.name = strings.ToLower(s[1:n])
	return t, afterGT(s[n:]), t.name != ""
}

// afterGT returns s after the '>' that closes the tag, skipping quoted
// attribute values; an unclosed tag runs to the end.
func afterGT(s string) string {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return s[i+1:]
		}
	}
	return ""
}

// skipElement returns s after the end tag of name (case-insensitive).
func skipElement(s, name string) string {
	for {
		i := strings.Index(s, "</")
		if i < 0 {
			return ""
		}
		s = s[i+2:]
		if len(s) >= len(name) && strings.EqualFold(s[:len(name)], name) {
			return afterGT(s[len(name):])
		}
	}
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// textWriter collects text, collapsing white space: runs of spaces become
// one space, line breaks one newline, and neither is written at the start
// or end.
type textWriter struct {
	b       []byte
	pending byte // ' ' or '\n' waiting for the next visible character
	oneLine bool // newlines become spaces
}

func (w *textWriter) space() {
	if w.pending == 0 {
		w.pending = ' '
	}
}

func (w *textWriter) newline() {
	if w.oneLine {
		w.space()
		return
	}
	w.pending = '\n'
}

func (w *textWriter) text(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case ' ', '\t', '\r', '\f', '\v':
				w.space()
			case '\n':
				w.space() // source line breaks are not paragraph breaks
			default:
				w.flush()
				w.b = append(w.b, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			continue // invalid byte
		case r == 0xA0 || r == 0x2007 || r == 0x202F || r >= 0x2000 && r <= 0x200A || r == 0x3000:
			w.space()
		case r == 0x200B || r == 0xFEFF || r == 0x00AD: // zero-width, BOM, soft hyphen
		case r == 0x2028 || r == 0x2029:
			w.newline()
		default:
			w.flush()
			w.b = append(w.b, s[i-n:i]...)
		}
	}
}

func (w *textWriter) flush() {
	if w.pending != 0 && len(w.b) > 0 {
		w.b = append(w.b, w.pending)
	}
	w.pending = 0
}

func (w *textWriter) String() string { return string(w.b) }
