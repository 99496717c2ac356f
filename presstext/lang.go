package presstext

import (
	"unicode"
	"unicode/utf8"
)

// Lang is a BCP 47 primary language subtag.
type Lang string

// The languages Detect tells apart.
const (
	Vietnamese   Lang = "vi"
	English      Lang = "en"
	French       Lang = "fr"
	Khmer        Lang = "km"
	Chinese      Lang = "zh"
	Japanese     Lang = "ja"
	Korean       Lang = "ko"
	Thai         Lang = "th"
	Lao          Lang = "lo"
	Russian      Lang = "ru"
	Undetermined Lang = "und"
)

// detectLimit bounds the bytes Detect reads: a title and the start of a
// summary decide the language as well as the whole text does.
const detectLimit = 1200

// Detect guesses the language of a text. Scripts decide first (Khmer,
// Han, kana, Hangul, Thai, Lao, Cyrillic); Latin text is Vietnamese when
// letters only Vietnamese uses (ơ, ư, ă, đ, the tone-marked vowels of
// U+1EA0–U+1EF9) are frequent, otherwise the stop-word profile of English,
// French or Vietnamese without diacritics decides. Text with too little
// evidence is Undetermined. The text should be in NFC.
func Detect(text string) Lang {
	if len(text) > detectLimit {
		text = text[:detectLimit]
	}
	var c runeCounts
	c.count(text)
	if l := c.byScript(); l != "" {
		return l
	}
	if c.latin < 3 {
		return Undetermined
	}
	// ≥ 1 Vietnamese-only letter per 25 Latin letters: ordinary Vietnamese
	// has several per word; a French or English text quoting a Vietnamese
	// name ("Tây Ninh") has far fewer.
	if c.vietnamese*25 >= c.latin {
		return Vietnamese
	}
	return stopWordVote(text, c.french > 0)
}

// runeCounts counts the runes of each script of interest.
type runeCounts struct {
	latin, vietnamese, french                     int
	khmer, han, kana, hangul, thai, lao, cyrillic int
}

func (c *runeCounts) count(s string) {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			i++
			if 'a' <= b|0x20 && b|0x20 <= 'z' {
				c.latin++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		c.add(r)
	}
}

func (c *runeCounts) add(r rune) {
	switch {
	case r >= 0x1780 && r <= 0x17FF || r >= 0x19E0 && r <= 0x19FF:
		c.khmer++
	case r >= 0x0E00 && r <= 0x0E7F:
		c.thai++
	case r >= 0x0E80 && r <= 0x0EFF:
		c.lao++
	case r >= 0x3040 && r <= 0x30FF:
		c.kana++
	case r >= 0xAC00 && r <= 0xD7AF || r >= 0x1100 && r <= 0x11FF:
		c.hangul++
	case r >= 0x0400 && r <= 0x04FF:
		c.cyrillic++
	case unicode.Is(unicode.Han, r):
		c.han++
	case r >= 0x1EA0 && r <= 0x1EF9 || vietnameseOnly(r):
		c.latin++
		c.vietnamese++
	case r >= 0xC0 && r <= 0x24F:
		c.latin++
		if frenchOnly(r) {
			c.french++
		}
	}
}

// vietnameseOnly reports the Latin letters outside U+1EA0–U+1EF9 that
// Vietnamese uses and French does not.
func vietnameseOnly(r rune) bool {
	switch r {
	case 'ă', 'Ă', 'ơ', 'Ơ', 'ư', 'Ư', 'đ', 'Đ', 'ĩ', 'Ĩ', 'ũ', 'Ũ', 'õ', 'Õ', 'ã', 'Ã', 'ì', 'Ì', 'ò', 'Ò', 'ý', 'Ý':
		return true
	}
	return false
}

// frenchOnly reports letters French uses and Vietnamese does not.
func frenchOnly(r rune) bool {
	switch r {
	case 'ç', 'Ç', 'œ', 'Œ', 'ë', 'ï', 'î', 'û', 'ÿ', 'æ':
		return true
	}
	return false
}

// byScript decides by a non-Latin script holding at least a third of the
// letters, or "".
func (c *runeCounts) byScript() Lang {
	total := c.latin + c.khmer + c.han + c.kana + c.hangul + c.thai + c.lao + c.cyrillic
	if total == 0 {
		return ""
	}
	switch third := (total + 2) / 3; {
	case c.khmer >= third:
		return Khmer
	case c.kana > 0 && c.kana+c.han >= third:
		return Japanese
	case c.han >= third:
		return Chinese
	case c.hangul >= third:
		return Korean
	case c.thai >= third:
		return Thai
	case c.lao >= third:
		return Lao
	case c.cyrillic >= third:
		return Russian
	}
	return ""
}
