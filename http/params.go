package http

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// Numbers arrive as text from query strings and forms. The helpers here
// read them with bounds, so that what reaches storage fits every column of
// both engines (PostgreSQL's integer is 32 bits) and what reaches
// arithmetic cannot overflow; anything else is a clear EINVALID, never an
// internal error.

// Bounds of what people type or links carry.
const (
	minYear, maxYear = 1900, 2200 // ttdn.Date's range
	maxPage          = 100_000    // far past any list's end
)

// formVersion reads the version a form carries (optimistic concurrency): a
// whole number that fits a version column.
func formVersion(r *http.Request) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
	if err != nil || v < 0 || v > math.MaxInt32 {
		return 0, errBadVersion
	}
	return v, nil
}

var errBadVersion = ttdn.Errorf(ttdn.EINVALID, "Phiên bản biểu mẫu không hợp lệ; hãy tải lại trang và thử lại.",
	"Invalid form version; reload the page and try again.")

// parseYear reads a year: empty is none (nil), a whole number from 1900 to
// 2200 is one, anything else is refused with its name in the message.
func parseYear(s string) (*int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < minYear || y > maxYear {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Năm %q không hợp lệ (từ %d đến %d).", "Invalid year %q (from %d to %d).",
			clipParam(s), minYear, maxYear)
	}
	return &y, nil
}

// boundedInt reads an optional whole number between lo and hi: empty is
// none (nil); anything else out of range is refused, naming the field.
func boundedInt(s, field string, lo, hi int) (*int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return nil, ttdn.Errorf(ttdn.EINVALID, "%s phải là số nguyên từ %d đến %d.", "%s must be a whole number from %d to %d.",
			field, lo, hi)
	}
	return &n, nil
}

// clipParam shortens a value quoted back in a message.
func clipParam(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
