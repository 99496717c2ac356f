package feed

import (
	"strings"
	"time"
)

// dateLayouts are tried in order after the weekday is stripped and a zone
// abbreviation is replaced by its offset; the common RFC 822 and RFC 3339
// forms come first.
var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 -0700",
	"2 January 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"January 2, 2006 15:04:05 -0700",
	"January 2, 2006",
	"Jan 2, 2006 15:04:05 -0700",
	"Jan 2 2006 15:04:05 -0700",
	"Jan 2, 2006",
}

// zoneOffsets maps the zone abbreviations feeds write to their offsets;
// time.Parse would give unknown abbreviations an offset of zero.
var zoneOffsets = map[string]string{
	"GMT": "+0000", "UT": "+0000", "UTC": "+0000", "Z": "+0000",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"BST": "+0100", "CET": "+0100", "CEST": "+0200", "EET": "+0200",
	"EEST": "+0300", "MSK": "+0300", "IST": "+0530", "ICT": "+0700",
	"WIB": "+0700", "SGT": "+0800", "HKT": "+0800", "JST": "+0900",
	"KST": "+0900", "AEST": "+1000", "AEDT": "+1100",
}

// ParseDate parses the date formats found in feeds (RFC 822/1123 with or
// without weekday and seconds, RFC 3339/ISO 8601, and common deviations).
// Dates without a zone are taken as UTC. It returns the zero time when s
// cannot be read.
func ParseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC1123Z, s); err == nil {
		return t.UTC()
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC()
	}
	s = normaliseDate(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// normaliseDate strips a leading weekday, collapses spaces, upper-cases a
// trailing 'z' and replaces a trailing zone abbreviation by its offset.
func normaliseDate(s string) string {
	if i := strings.IndexByte(s, ','); i > 0 && i <= 10 && isAlpha(s[:i]) {
		s = s[i+1:]
	}
	fields := strings.Fields(s)
	if n := len(fields); n > 1 {
		last := strings.ToUpper(fields[n-1])
		if off, ok := zoneOffsets[last]; ok {
			fields[n-1] = off
		} else if (last[0] == '+' || last[0] == '-') && len(last) == 6 && last[3] == ':' {
			fields[n-1] = last[:3] + last[4:] // +07:00 → +0700
		}
	}
	s = strings.Join(fields, " ")
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	return s
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
