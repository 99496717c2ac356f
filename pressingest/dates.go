package pressingest

import (
	"strings"
	"time"
)

// earliest is the first publication time taken as real: feeds carry
// epoch zero, "0001-01-01" and two-digit-year accidents.
var earliest = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// timeLayouts are the date forms seen in feeds and news files, most
// common first. Offsets may lack their colon ("-0500"), as many feeds
// write them.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02 15:04:05-0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	"2006-01-02",
}

// ParseTime reads a date in any of timeLayouts; a time without a zone is
// taken as Vietnam time (the news files' own).
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if !strings.Contains(l, "07") && !strings.Contains(l, "MST") {
				t, _ = time.ParseInLocation(l, s, vietnamZone)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

var vietnamZone = time.FixedZone("ICT", 7*3600)

// saneDates replaces a publication time before 1990 or more than a day
// after the fetch by the fetch time, and says so.
func saneDates(published, fetched time.Time) (time.Time, bool) {
	if published.IsZero() {
		return fetched, false
	}
	if published.Before(earliest) || published.After(fetched.Add(24*time.Hour)) {
		return fetched, true
	}
	return published, false
}
