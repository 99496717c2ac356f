package feed

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

func hasUTF16BOM(b []byte) bool {
	return bytes.HasPrefix(b, utf16LEBOM) || bytes.HasPrefix(b, utf16BEBOM)
}

// toUTF8 converts an XML document to UTF-8. The byte-order mark wins over
// the declaration, and the bytes win over both: servers and CMSs often
// declare one encoding and send another (a UTF-8 feed declaring UTF-16, a
// UTF-8 feed declaring ISO-8859-1), so a declaration is believed only when
// the bytes are not already valid UTF-8.
func toUTF8(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, utf16LEBOM):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data)
	case bytes.HasPrefix(data, utf16BEBOM):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data)
	case len(data) >= 2 && data[0] == '<' && data[1] == 0:
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data)
	case len(data) >= 2 && data[0] == 0 && data[1] == '<':
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data)
	}
	if utf8.Valid(data) {
		return data
	}
	label := declaredEncoding(data)
	if label == "" || strings.HasPrefix(label, "utf") {
		return data // invalid bytes become U+FFFD field by field
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return data
	}
	return decodeWith(enc, data)
}

func decodeWith(enc encoding.Encoding, data []byte) []byte {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// declaredEncoding returns the lower-cased encoding named in the XML
// declaration, or "".
func declaredEncoding(data []byte) string {
	head := data[:min(len(data), 512)]
	end := bytes.Index(head, piClose)
	if !bytes.Contains(head, []byte("<?xml")) || end < 0 {
		return ""
	}
	decl := head[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
	rest = bytes.TrimLeft(rest, "\"'")
	j := bytes.IndexAny(rest, "\"' ?")
	if j >= 0 {
		rest = rest[:j]
	}
	return strings.ToLower(string(rest))
}
