package presstext

import "ttdn/vntext"

// stopWords maps a folded function word to the languages it marks, as a
// bit set (bit 0 English, 1 French, 2 Vietnamese). Folding lets the same
// table read Vietnamese typed without diacritics ("tinh Tay Ninh").
var stopWords = buildStopWords(map[Lang]string{
	English: "the of and to in is for on with that by as are was from at an be this it " +
		"has have will its their or not but after over about said says who new",
	French: "le la les de des du et est une un en pour dans que qui sur au aux avec par " +
		"pas ce cette il elle sont ont plus son ses leur mais ou selon d l a",
	Vietnamese: "va cua cac la trong nhung duoc cho voi nguoi mot khong co nay da se tai " +
		"khi tu den ve nhu cung sau tren thi bi vao ra nam ngay tinh hoc dan nuoc",
})

const (
	bitEN = 1 << iota
	bitFR
	bitVI
)

func buildStopWords(lists map[Lang]string) map[string]uint8 {
	bits := map[Lang]uint8{English: bitEN, French: bitFR, Vietnamese: bitVI}
	m := make(map[string]uint8)
	for lang, list := range lists {
		for _, w := range vntext.Words(list) {
			m[w] |= bits[lang]
		}
	}
	return m
}

// stopWordVote decides between English, French and Vietnamese by the
// function words of text; frenchLetters (ç, è, œ…) tips a close vote.
func stopWordVote(text string, frenchLetters bool) Lang {
	var buf [64]byte
	var en, fr, vi int
	forEachWord(text, buf[:0], func(w []byte) {
		b := stopWords[string(w)]
		if b&bitEN != 0 {
			en++
		}
		if b&bitFR != 0 {
			fr++
		}
		if b&bitVI != 0 {
			vi++
		}
	})
	if frenchLetters {
		fr++
	}
	switch {
	case en == 0 && fr == 0 && vi == 0:
		return Undetermined
	case en >= fr && en >= vi:
		return English
	case fr >= vi:
		return French
	}
	return Vietnamese
}

// forEachWord calls fn with the folded form of every word of s; the slice
// is reused between calls. Words longer than buf are skipped: stop words
// are short.
func forEachWord(s string, buf []byte, fn func([]byte)) {
	start := -1
	for i, r := range s {
		if vntext.IsWordRune(r) && r != '\'' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			emitWord(s[start:i], buf, fn)
			start = -1
		}
	}
	if start >= 0 {
		emitWord(s[start:], buf, fn)
	}
}

func emitWord(w string, buf []byte, fn func([]byte)) {
	if len(w) <= cap(buf) {
		fn(vntext.AppendFold(buf[:0], w))
	}
}
