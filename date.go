package ttdn

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date without a time of day: the date of a document, a
// deadline, a unit's validity. The zero Date means "no date" and encodes as JSON
// null, so a deadline written as "Thường xuyên" has a text but no Date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the Date, or an EINVALID error if it does not exist in the
// calendar (31/02, month 13…).
func NewDate(year int, month time.Month, day int) (Date, error) {
	d := Date{year, month, day}
	if !d.valid() {
		return Date{}, Errorf(EINVALID, "Ngày %02d/%02d/%04d không tồn tại.", "The date %02d/%02d/%04d does not exist.", day, int(month), year)
	}
	return d, nil
}

func (d Date) valid() bool {
	if d.Year < 1900 || d.Year > 2200 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day && t.Month() == d.Month
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == Date{} }

// ISO returns the date as YYYY-MM-DD, the form stored in the database, or "".
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// String returns the date as Vietnamese offices write it: dd/mm/yyyy.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Before reports whether d is strictly before e. It compares fields, not
// strings: dashboards call it for every task.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	} else if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// ParseISODate parses YYYY-MM-DD; "" gives the zero Date.
func ParseISODate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, Errorf(EINVALID, "Ngày %q không hợp lệ (cần dạng năm-tháng-ngày).", "Invalid date %q (expected YYYY-MM-DD).", s)
	}
	return DateOf(t), nil
}

// ParseDate parses a date as a user types it: dd/mm/yyyy (also d/m/yyyy and
// dd-mm-yyyy) or YYYY-MM-DD; "" gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	for _, layout := range []string{"2/1/2006", "02/01/2006", "2-1-2006", "2006-01-02", "2006-1-2"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return Date{}, Errorf(EINVALID, "Ngày %q không hợp lệ (cần dạng ngày/tháng/năm, ví dụ 20/06/2019).", "Invalid date %q (expected dd/mm/yyyy, e.g. 20/06/2019).", s)
}

// MarshalJSON encodes d as "YYYY-MM-DD", or null when zero.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.ISO())
}

// UnmarshalJSON accepts "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil {
		*d = Date{}
		return nil
	}
	v, err := ParseISODate(*s)
	*d = v
	return err
}
