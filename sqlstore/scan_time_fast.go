package sqlstore

import "time"

// parseStoredUTC reads the form SQLite stores a UTC time in,
// "2006-01-02 15:04:05.999999999+00:00", without time.Parse's layout
// walk: a search reads the date of each of up to 1,000 candidates. Any
// other form (or a day past the 28th, which time.Date would not refuse)
// reports false and goes to time.Parse.
func parseStoredUTC(s string) (time.Time, bool) {
	n := len(s)
	if n < 25 || s[n-6:] != "+00:00" || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	num := func(i, j int) int {
		v := 0
		for ; i < j; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day, hour, minute, sec := num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
		sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	nsec, frac := 0, s[19:n-6]
	if frac != "" {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
			return time.Time{}, false
		}
		if nsec = num(20, n-6); nsec < 0 {
			return time.Time{}, false
		}
		for range 10 - len(frac) {
			nsec *= 10
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC), true
}
