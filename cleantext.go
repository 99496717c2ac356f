package ttdn

import (
	"strings"
	"unicode/utf8"
)

// CleanText removes what no text in ttdn may hold: NUL characters, which
// PostgreSQL refuses in text (SQLite stores them, and the data then cannot
// move to PostgreSQL), and bytes that are not UTF-8. Every door text comes
// in by — forms, query strings, uploaded files, feeds, news files, archives
// being imported — passes it through here, so both engines store the same
// text and neither fails on it.
func CleanText(s string) string {
	if IsCleanText(s) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

// IsCleanText reports whether CleanText would leave s as it is.
func IsCleanText(s string) bool {
	return strings.IndexByte(s, 0) < 0 && utf8.ValidString(s)
}
