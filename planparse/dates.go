package planparse

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// Dates as plans write them: 28/02/2013, 06/3/2018, 14 tháng 5 năm 2018.
var (
	numericDateRe = regexp.MustCompile(`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`)
	wordDateRe    = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})`)
)

// findDate finds the first date in s. found is true when something shaped
// like a date was there, even if it does not exist in the calendar (then the
// Date is zero).
func findDate(s string) (d ttdn.Date, found bool) {
	var m []string
	w, n := wordDateRe.FindStringSubmatchIndex(s), numericDateRe.FindStringSubmatchIndex(s)
	switch {
	case w != nil && (n == nil || w[0] <= n[0]):
		m = []string{s[w[2]:w[3]], s[w[4]:w[5]], s[w[6]:w[7]]}
	case n != nil:
		m = []string{s[n[2]:n[3]], s[n[4]:n[5]], s[n[6]:n[7]]}
	default:
		return ttdn.Date{}, false
	}
	day, _ := strconv.Atoi(m[0])
	month, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[2])
	d, err := ttdn.NewDate(year, time.Month(month), day)
	if err != nil {
		return ttdn.Date{}, true
	}
	return d, true
}

// dateAt parses a date that starts s (after optional ", ngày"): the date of
// a cited document right after its number. It returns the date, how many
// bytes it took, and whether one was there.
var leadingDateRe = regexp.MustCompile(`^\s*,?\s*(?:ban hành\s+)?(?i:ngày)\s+(\d{1,2})\s*(?:/|-|\.|tháng)\s*(\d{1,2})\s*(?:/|-|\.|năm)\s*(\d{4})`)

func dateAt(s string) (ttdn.Date, int, bool) {
	s = s[:min(len(s), 100)] // the date follows the number closely
	m := leadingDateRe.FindStringSubmatchIndex(s)
	if m == nil {
		return ttdn.Date{}, 0, false
	}
	day, _ := strconv.Atoi(s[m[2]:m[3]])
	month, _ := strconv.Atoi(s[m[4]:m[5]])
	year, _ := strconv.Atoi(s[m[6]:m[7]])
	d, err := ttdn.NewDate(year, time.Month(month), day)
	if err != nil {
		return ttdn.Date{}, m[1], true
	}
	return d, m[1], true
}

// lastDayOf returns the last day of month in year.
func lastDayOf(year int, month time.Month) ttdn.Date {
	return ttdn.DateOf(time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC))
}

var (
	quarterRe = regexp.MustCompile(`quy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)\s*(\d{4})`)
	monthRe   = regexp.MustCompile(`thang\s*(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})`)
	yearRe    = regexp.MustCompile(`nam\s*(\d{4})`)
)

// undatedDeadlines are deadlines that are recognised but have no date.
var undatedDeadlines = []string{"thuong xuyen", "hang nam", "dinh ky", "ca nam", "lien tuc", "khi co yeu cau",
	"theo ke hoach", "theo chi dao", "theo tien do", "hang thang", "hang quy", "mot lan", "moi nam", "hang tuan"}

// ParseDeadline reads a deadline as plans write it ("Quý II/2026",
// "trước ngày 15/8/2026", "Thường xuyên"): its date (zero for habits) and
// whether the text was understood.
func ParseDeadline(text string) (ttdn.Date, bool) {
	d, ok, _ := parseDeadline(text)
	return d, ok
}

// parseDeadline reads a deadline text. A date ("trước ngày 15 tháng 8 năm
// 2026") gives that date. A quarter ("Quý II/2026"), a month ("tháng 6/2026")
// or a year ("năm 2026") gives its last day, so overdue tasks show: the text
// is kept as written beside it. "Thường xuyên" and the like have no date. ok
// is false when the text could not be read; badDate when it names a date
// that does not exist (31/02). The caller warns in both cases.
func parseDeadline(text string) (d ttdn.Date, ok, badDate bool) {
	if d, found := findDate(text); found {
		return d, !d.IsZero(), d.IsZero()
	}
	d, ok = deadlinePeriod(text)
	return d, ok, false
}

// deadlinePeriod reads a deadline given as a period or a habit.
func deadlinePeriod(text string) (d ttdn.Date, ok bool) {
	f := folded(text)
	if m := quarterRe.FindStringSubmatch(f); m != nil {
		q := map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[m[1]]
		y, _ := strconv.Atoi(m[2])
		return validYear(lastDayOf(y, time.Month(3*q)))
	}
	if m := monthRe.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return ttdn.Date{}, false
		}
		return validYear(lastDayOf(y, time.Month(mo)))
	}
	if m := yearRe.FindStringSubmatch(f); m != nil {
		// "Năm 2022", "Cả năm 2021": the year's last day.
		y, _ := strconv.Atoi(m[1])
		return validYear(ttdn.Date{Year: y, Month: 12, Day: 31})
	}
	for _, u := range undatedDeadlines {
		if strings.Contains(f, u) {
			return ttdn.Date{}, true
		}
	}
	return ttdn.Date{}, false
}

func validYear(d ttdn.Date) (ttdn.Date, bool) {
	if d.Year < 1990 || d.Year > 2200 {
		return ttdn.Date{}, false
	}
	return d, true
}
