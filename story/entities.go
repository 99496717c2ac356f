package story

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"ttdn/vntext"
)

// Entities: two outlets headline one event in their own words and write
// their own summaries, but name the same people, places, bodies and
// figures. The entity tokens of an item are those of its word and word-
// pair tokens that are part of a name — a capitalised word that does not
// open a sentence, and the pairs of consecutive capitalised words — or a
// number of two or more significant digits — except the words of place
// names, which are settings (places.go). They are marked in the item's
// token list (wtok.ent), so they cost no memory of their own.

// entityHashes returns the sorted hashes (the same as tokens') of the
// entity words and word pairs of text.
func entityHashes(text string, buf []byte) ([]uint32, []byte) {
	out := make([]uint32, 0, 16)
	var prev uint64 // hash of the previous capitalised word in the run, or 0
	sentence := true
	start := -1
	for i := 0; i <= len(text); {
		r, n := utf8.RuneError, 1
		if i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		letter := i < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
		if letter {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if start >= 0 {
			word := text[start:i]
			first, _ := utf8.DecodeRuneInString(word)
			upper, digit := unicode.IsUpper(first), '0' <= first && first <= '9'
			var h uint64
			if upper || digit { // only names and numbers are hashed
				buf = vntext.AppendFold(buf[:0], word)
				h = fnv64(spelling(buf))
			}
			switch {
			case upper:
				if !sentence || prev != 0 {
					out = append(out, uint32(h))
				}
				if prev != 0 {
					out = append(out, uint32(splitmix(prev*31+h)))
				}
				prev = h
			case digit && significant(buf) >= 2:
				out = append(out, uint32(h))
				prev = 0
			default:
				prev = 0
			}
			sentence = false
			start = -1
		}
		switch {
		case r == ' ': // a name runs on over spaces
		case r == '.' && i+1 < len(text) && text[i+1] != ' ': // "TP.HCM"
			prev = 0
		case r == '.' || r == '!' || r == '?' || r == ':' || r == '\n' || r == '"' || r == '“' || r == '[' || r == '(':
			sentence, prev = true, 0
		default:
			prev = 0
		}
		i += n
	}
	slices.Sort(out)
	return slices.Compact(out), buf
}

// significant counts the digits of a number word without its trailing
// zeros ("000" of "7.000" says nothing; "2025", "13", "196" do).
func significant(w []byte) int {
	n := len(w)
	for n > 0 && w[n-1] == '0' {
		n--
	}
	k := 0
	for _, c := range w[:n] {
		if c >= '0' && c <= '9' {
			k++
		}
	}
	return k
}

// markEntities sets ent on the tokens of toks found in ents (both sorted).
func markEntities(toks []wtok, ents []uint32) {
	j := 0
	for i := range toks {
		for j < len(ents) && ents[j] < toks[i].t {
			j++
		}
		if j < len(ents) && ents[j] == toks[i].t {
			toks[i].ent = true
		}
	}
}
