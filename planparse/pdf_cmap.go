package planparse

import (
	"io"
	"unicode/utf16"
)

// toUnicode is a font's ToUnicode CMap: how its character codes map to
// text. The PDF library reads the file; the CMap is read here because
// producers write ranges that cross a byte boundary ("<0000> <FFFF>
// <0000>", as fpdf and others do) and those must be counted as integers.
type toUnicode struct {
	widths []int // code lengths in bytes the codespace allows (1–4)
	chars  map[uint32][]rune
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	dst    []rune   // first code's text; later codes add to its last rune
	list   [][]rune // or one text per code
}

// maxCMapBytes bounds a CMap stream; real ones are a few KB.
const maxCMapBytes = 1 << 20

// readToUnicode parses a CMap stream's bfchar and bfrange blocks.
func readToUnicode(r io.Reader) *toUnicode {
	data, _ := io.ReadAll(io.LimitReader(r, maxCMapBytes))
	m := &toUnicode{chars: map[uint32][]rune{}}
	toks := cmapTokens(data)
	seen := map[int]bool{}
	for i := 0; i < len(toks); i++ {
		switch toks[i].word {
		case "begincodespacerange":
			for i += 1; i+1 < len(toks) && toks[i].hex != nil && toks[i+1].hex != nil; i += 2 {
				if n := len(toks[i].hex); n >= 1 && n <= 4 && !seen[n] {
					seen[n] = true
					m.widths = append(m.widths, n)
				}
			}
			i--
		case "beginbfchar":
			for i += 1; i+1 < len(toks) && toks[i].hex != nil && toks[i+1].hex != nil; i += 2 {
				if len(m.chars) < 1<<16 {
					m.chars[codeOf(toks[i].hex)] = utf16Runes(toks[i+1].hex)
				}
			}
			i--
		case "beginbfrange":
			for i += 1; i+2 < len(toks) && toks[i].hex != nil && toks[i+1].hex != nil && len(m.ranges) < 1<<14; {
				rg := cmapRange{lo: codeOf(toks[i].hex), hi: codeOf(toks[i+1].hex)}
				i += 2
				switch {
				case toks[i].hex != nil:
					rg.dst = utf16Runes(toks[i].hex)
					i++
				case toks[i].word == "[":
					for i++; i < len(toks) && toks[i].hex != nil; i++ {
						rg.list = append(rg.list, utf16Runes(toks[i].hex))
					}
					i++ // "]"
				default:
					i++
					continue
				}
				if rg.hi >= rg.lo {
					m.ranges = append(m.ranges, rg)
				}
			}
			i--
		}
	}
	if len(m.widths) == 0 {
		m.widths = []int{2}
	}
	return m
}

// lookup returns the text of code, and whether the CMap maps it.
func (m *toUnicode) lookup(code uint32) ([]rune, bool) {
	if r, ok := m.chars[code]; ok {
		return r, true
	}
	for _, rg := range m.ranges {
		if code < rg.lo || code > rg.hi {
			continue
		}
		off := code - rg.lo
		if rg.list != nil {
			if int(off) < len(rg.list) {
				return rg.list[off], true
			}
			return nil, false
		}
		if len(rg.dst) == 0 {
			return nil, false
		}
		out := append([]rune(nil), rg.dst...)
		out[len(out)-1] += rune(off)
		return out, true
	}
	return nil, false
}

// codeLen gives the length of the code at the start of raw: the shortest
// codespace width that the CMap maps, or its first width.
func (m *toUnicode) codeLen(raw string) int {
	for _, w := range m.widths {
		if w <= len(raw) {
			if _, ok := m.lookup(codeOf([]byte(raw[:w]))); ok {
				return w
			}
		}
	}
	return min(m.widths[0], len(raw))
}

func codeOf(b []byte) uint32 {
	var c uint32
	for _, x := range b[:min(len(b), 4)] {
		c = c<<8 | uint32(x)
	}
	return c
}

// utf16Runes decodes big-endian UTF-16 (a ToUnicode destination).
func utf16Runes(b []byte) []rune {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	if len(b)%2 == 1 {
		u = append(u, uint16(b[len(b)-1]))
	}
	return utf16.Decode(u)
}

// cmapToken is a hex string, a bracket or a word of a CMap.
type cmapToken struct {
	hex  []byte
	word string
}

func cmapTokens(data []byte) []cmapToken {
	var toks []cmapToken
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '<' && i+1 < len(data) && data[i+1] != '<':
			j := i + 1
			var hex []byte
			var hi byte
			odd := false
			for ; j < len(data) && data[j] != '>'; j++ {
				v, ok := hexVal(data[j])
				if !ok {
					continue
				}
				if odd {
					hex = append(hex, hi<<4|v)
				} else {
					hi = v
				}
				odd = !odd
			}
			if odd {
				hex = append(hex, hi<<4)
			}
			if hex == nil {
				hex = []byte{}
			}
			toks = append(toks, cmapToken{hex: hex})
			i = j + 1
		case c == '[' || c == ']':
			toks = append(toks, cmapToken{word: string(c)})
			i++
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == '/' || c == '{' || c == '}':
			i++
		default:
			j := i
			for j < len(data) && data[j] > ' ' && !isCMapDelim(data[j]) {
				j++
			}
			toks = append(toks, cmapToken{word: string(data[i:j])})
			i = j
		}
	}
	return toks
}

func isCMapDelim(c byte) bool {
	switch c {
	case '<', '>', '[', ']', '(', ')', '/', '{', '}', '%':
		return true
	}
	return false
}

func hexVal(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
