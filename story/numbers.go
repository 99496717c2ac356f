package story

import (
	"regexp"
	"strconv"
	"strings"
)

// Titles name their event's date and figures; a different date or a
// clearly different figure is a different event ("Xổ số … ngày 1 tháng 1"
// and "… ngày 2 tháng 1", "Thùy Linh vào vòng 4" and "vòng 5"), while
// outlets round the same figure differently ("175.000 tấn", "170.000
// tấn"). So dates must agree exactly and other numbers within 10 %.

// dateRe finds dates in a folded title: "ngay 1 thang 11", "1/11",
// "1.11", "1-11-2025", "toi 31.10".
var dateRe = regexp.MustCompile(`ngay (\d{1,2}) thang (\d{1,2})|(?:^|[^\d.,/-])(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?(?:$|[^\d.,/-])`)

// numberRe finds other numbers with the words around them: "1.700",
// "3,6", "2025". A number glued to letters ("m3", "U22", "COP30", "ST25",
// "1Office") is part of a name, not a figure.
var numberRe = regexp.MustCompile(`(?:^|([a-z]+) |[^a-z0-9.,])(\d+(?:[.,]\d+)*)(?: ([a-z]+)|[^a-z0-9]|$)`)

// figures are the dates and numbers of a title.
type figures struct {
	dates []uint16 // day*16+month
	nums  []figure
}

// figure is a number with the words that say what it counts: the word
// before ("vòng 4", "cấp 14") and after ("26 người", "105 triệu").
// Years carry the key "year".
type figure struct {
	v          float64
	prev, next string
}

// notUnits are words around numbers that say nothing of what is counted
// ("hơn 160", "gần 300", "lên 162", "3 và 4").
var notUnits = map[string]bool{"hon": true, "gan": true, "len": true, "con": true, "tu": true, "khoang": true,
	"tren": true, "duoi": true, "toi": true, "den": true, "va": true, "la": true, "co": true, "nhat": true, "trong": true,
	"thu": true, "sau": true}

func titleFigures(folded string) figures {
	var f figures
	rest := dateRe.ReplaceAllStringFunc(folded, func(m string) string {
		g := dateRe.FindStringSubmatch(m)
		d, mo := g[1], g[2]
		if d == "" {
			d, mo = g[3], g[4]
		}
		day, _ := strconv.Atoi(d)
		month, _ := strconv.Atoi(mo)
		if day < 1 || day > 31 || month < 1 || month > 12 {
			return m // "6/45", "24/24", "2-1" scores with a 0: not dates
		}
		f.dates = append(f.dates, uint16(day*16+month))
		return " "
	})
	for _, m := range numberRe.FindAllStringSubmatch(rest, 6) {
		x := figure{v: parseNumber(m[2]), prev: m[1], next: m[3]}
		if notUnits[x.prev] {
			x.prev = ""
		}
		if notUnits[x.next] {
			x.next = ""
		}
		if isYear(x.v) {
			x.prev, x.next = "year", ""
		}
		f.nums = append(f.nums, x)
	}
	return f
}

// parseNumber reads Vietnamese number notation: "." groups thousands and
// "," marks decimals ("1.700", "3,6").
func parseNumber(s string) float64 {
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Replace(s, ",", ".", 1)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// conflict reports figures that cannot be one event: both titles carry a
// date and none is shared, or they count the same thing (a number of
// each with a shared word around it: "vòng 4" / "vòng 5", "26 người" /
// "66 người", years) differently and neither number is found in the other
// title. Numbers of different things ("sau 2 tháng" / "hơn 7 tuổi",
// "200 VĐV" / "2025") say nothing against each other.
func (a *figures) conflict(b *figures) bool {
	if len(a.dates) > 0 && len(b.dates) > 0 && !shareDate(a.dates, b.dates) {
		return true
	}
	for _, x := range a.nums {
		for _, y := range b.nums {
			if sameUnit(x, y) && !close(x.v, y.v) && !hasClose(x.v, b.nums) && !hasClose(y.v, a.nums) {
				return true
			}
		}
	}
	return false
}

func sameUnit(x, y figure) bool {
	return x.prev != "" && x.prev == y.prev || x.next != "" && x.next == y.next
}

func shareDate(a, b []uint16) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// hasClose reports a number of b that matches x: years (1900–2100)
// exactly, others within 10 %.
func hasClose(x float64, b []figure) bool {
	for _, y := range b {
		if close(x, y.v) {
			return true
		}
	}
	return false
}

func close(x, y float64) bool {
	if x == y {
		return true
	}
	if isYear(x) || isYear(y) {
		return false
	}
	return abs64(x-y) <= 0.1*max(x, y)
}

func isYear(x float64) bool { return x >= 1900 && x <= 2100 && x == float64(int(x)) }

func abs64(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
