package feed

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"
)

// decodeText turns the raw bytes between a field's tags into its text:
// CDATA sections are taken verbatim, entities in ordinary text are decoded
// (the whole HTML entity set, since feeds use &nbsp; and friends without
// declaring them), comments are dropped and any markup left inside the
// field (unescaped HTML in a description) is kept as written for the HTML
// sanitiser downstream. The result is trimmed and valid UTF-8.
func decodeText(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	if bytes.IndexByte(raw, '<') < 0 && bytes.IndexByte(raw, '&') < 0 {
		return validString(raw)
	}
	var b strings.Builder
	b.Grow(len(raw))
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '<')
		if i < 0 {
			writeUnescaped(&b, raw)
			break
		}
		writeUnescaped(&b, raw[:i])
		raw = raw[i:]
		switch {
		case bytes.HasPrefix(raw, cdataOpen):
			raw = raw[len(cdataOpen):]
			j := bytes.Index(raw, cdataClose)
			if j < 0 { // truncated CDATA: keep what there is
				j = len(raw)
				b.Write(raw)
				raw = nil
				break
			}
			b.Write(raw[:j])
			raw = raw[j+len(cdataClose):]
		case bytes.HasPrefix(raw, commentOpen):
			j := bytes.Index(raw, commentClose)
			if j < 0 {
				raw = nil
				break
			}
			raw = raw[j+len(commentClose):]
		default:
			// Markup: copy up to the next '<' (or '&' to decode), tag and all.
			j := bytes.IndexAny(raw[1:], "<&")
			if j < 0 {
				b.Write(raw)
				raw = nil
				break
			}
			b.Write(raw[:j+1])
			raw = raw[j+1:]
		}
	}
	out := strings.TrimSpace(b.String())
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out
}

func writeUnescaped(b *strings.Builder, s []byte) {
	if bytes.IndexByte(s, '&') < 0 {
		b.Write(s)
		return
	}
	b.WriteString(html.UnescapeString(string(s)))
}

// rawText returns the raw inner markup of a field (Atom xhtml content),
// trimmed and valid UTF-8.
func rawText(raw []byte) string {
	return validString(bytes.TrimSpace(raw))
}

// attrText decodes an attribute value.
func attrText(v []byte) string {
	if bytes.IndexByte(v, '&') >= 0 {
		return strings.TrimSpace(strings.ToValidUTF8(html.UnescapeString(string(v)), "\uFFFD"))
	}
	return validString(bytes.TrimSpace(v))
}

func validString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
