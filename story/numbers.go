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

// numberRe finds other numbers: "1.700", "3,6", "2025".
var numberRe = regexp.MustCompile(`\d+(?:[.,]\d+)*`)

// figures are the dates and numbers of a title.
type figures struct {
	dates []uint16 // day*16+month
	nums  []float64
}

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
	for _, s := range numberRe.FindAllString(rest, 6) {
		f.nums = append(f.nums, parseNumber(s))
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
// date and none is shared, or each has a number the other lacks.
func (a *figures) conflict(b *figures) bool {
	if len(a.dates) > 0 && len(b.dates) > 0 && !shareDate(a.dates, b.dates) {
		return true
	}
	return len(a.nums) > 0 && len(b.nums) > 0 && hasForeign(a.nums, b.nums) && hasForeign(b.nums, a.nums)
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

// hasForeign reports a number of a that matches none of b: years
// (1900–2100) exactly, others within 10 %.
func hasForeign(a, b []float64) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if close(x, y) {
				found = true
				break
			}
		}
		if !found {
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
