package planparse

import (
	"strings"
	"unicode/utf8"
)

// Hand-written matchers for the line markers tested on every paragraph:
// regular expressions with an unanchorable alternation cost a scan of the
// whole line each, and these run on every line of every plan.

// romanHead matches "III. CÔNG TÁC…" (also "III)", "III/", "III:", "III -").
func romanHead(p string) (num, title string, ok bool) {
	i := 0
	for i < len(p) && i < 7 && strings.IndexByte("IVXL", p[i]) >= 0 {
		i++
	}
	if i == 0 || i > 6 {
		return "", "", false
	}
	num, rest := p[:i], strings.TrimLeft(p[i:], " ")
	r, n := utf8.DecodeRuneInString(rest)
	if n == 0 || !strings.ContainsRune(".)/:–-", r) {
		return "", "", false
	}
	title = strings.TrimLeft(rest[n:], " ")
	if title == "" {
		return "", "", false
	}
	return num, title, true
}

// itemMarker matches "3. Sở Thông tin…" or "3)" alone.
func itemMarker(p string) (n int, head string, ok bool) {
	i := 0
	for i < len(p) && i < 3 && '0' <= p[i] && p[i] <= '9' {
		n = n*10 + int(p[i]-'0')
		i++
	}
	if i == 0 || i > 2 {
		return 0, "", false
	}
	rest := strings.TrimLeft(p[i:], " ")
	if rest == "" || (rest[0] != '.' && rest[0] != ')') {
		return 0, "", false
	}
	rest = rest[1:]
	if rest != "" && rest[0] != ' ' {
		return 0, "", false // "1.1." or a date "20.6.2019"
	}
	return n, strings.TrimSpace(rest), true
}

// subItem matches "a) …", "b. …", "đ) …".
func subItem(p string) bool {
	r, n := utf8.DecodeRuneInString(p)
	if !(r >= 'a' && r <= 'z' || r == 'đ') || len(p) <= n+1 {
		return false
	}
	return (p[n] == ')' || p[n] == '.') && p[n+1] == ' '
}

// bullets begin list lines.
const bullets = "-+•*–"

// isBullet reports a list line: "- Đơn vị thực hiện: …".
func isBullet(p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	return strings.ContainsRune(bullets, r) && !strings.HasPrefix(p, "--")
}

// stripBullet removes a leading "- ", "+ ", "• ".
func stripBullet(s string) string {
	if !isBullet(s) {
		return s
	}
	_, n := utf8.DecodeRuneInString(s)
	return strings.TrimSpace(s[n:])
}

// subMarker matches "3.1. Xây dựng…" or "3.1 Xây dựng…" in section 3.
func subMarker(p string, sec int) (m int, head string, ok bool) {
	prefix := itoa(sec) + "."
	rest, found := strings.CutPrefix(p, prefix)
	if !found {
		return 0, "", false
	}
	i := 0
	for i < len(rest) && i < 3 && '0' <= rest[i] && rest[i] <= '9' {
		m = m*10 + int(rest[i]-'0')
		i++
	}
	if i == 0 || i > 2 {
		return 0, "", false
	}
	rest = strings.TrimPrefix(rest[i:], ".")
	rest = strings.TrimPrefix(rest, ")")
	if rest != "" && rest[0] != ' ' {
		return 0, "", false // "3.1.2" belongs to the item
	}
	return m, strings.TrimSpace(rest), true
}

// letters number "a)", "b)"… items; "đ" follows "d" as in Vietnamese.
var letters = []rune("abcdđeghiklmnopqrstuvxy")

// letterItem matches "a) Xây dựng…" and "b. Tổ chức…", giving the letter's
// rank from 1.
func letterItem(p string) (m int, head string, ok bool) {
	if !subItem(p) {
		return 0, "", false
	}
	r, n := utf8.DecodeRuneInString(p)
	for i, l := range letters {
		if l == r {
			return i + 1, strings.TrimSpace(p[n+1:]), true
		}
	}
	return 0, "", false
}
