package ttdn

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Frequency is how often a recurring deadline comes back.
type Frequency string

const (
	Monthly    Frequency = "monthly"     // hằng tháng
	Quarterly  Frequency = "quarterly"   // hằng quý
	HalfYearly Frequency = "half_yearly" // 6 tháng
	Yearly     Frequency = "yearly"      // hằng năm
)

// months returns the period length in months, 0 for an unknown frequency.
func (f Frequency) months() int {
	switch f {
	case Monthly:
		return 1
	case Quarterly:
		return 3
	case HalfYearly:
		return 6
	case Yearly:
		return 12
	}
	return 0
}

// Recurrence is a deadline that recurs: on Day of the Month-th month of
// each period (Month is 1 for monthly; 1–3 for quarterly, e.g. the 15th of
// the last month of the quarter is {Quarterly, 15, 3}; 1–12 for yearly). A
// day past the month's end means its last day. The zero value is "none".
type Recurrence struct {
	Freq  Frequency `json:"freq"`
	Day   int       `json:"day"`
	Month int       `json:"month,omitempty"`
}

// IsZero reports whether there is no recurrence.
func (r Recurrence) IsZero() bool { return r == Recurrence{} }

// Validate checks the frequency, day and month.
func (r Recurrence) Validate() error {
	if r.IsZero() {
		return nil
	}
	n := r.Freq.months()
	if n == 0 {
		return Errorf(EINVALID, "Chu kỳ %q không hợp lệ (hằng tháng, hằng quý, 6 tháng, hằng năm).", "Invalid frequency %q (monthly, quarterly, half_yearly, yearly).", r.Freq)
	} else if r.Day < 1 || r.Day > 31 {
		return Errorf(EINVALID, "Ngày %d của hạn định kỳ không hợp lệ.", "Invalid day %d of a recurring deadline.", r.Day)
	} else if r.Month < 0 || r.Month > n {
		return Errorf(EINVALID, "Tháng %d trong chu kỳ không hợp lệ.", "Invalid month %d within the period.", r.Month)
	}
	return nil
}

// Next returns the first due date on or after d.
func (r Recurrence) Next(d Date) Date {
	n := r.Freq.months()
	if n == 0 || r.Day < 1 {
		return Date{}
	}
	m := max(r.Month, 1)
	// Periods start in January: the first period holding d, then the next.
	start := (int(d.Month)-1)/n*n + 1
	for i := 0; i < 2; i++ {
		due := clampDate(d.Year, start+m-1+i*n, r.Day)
		if !due.Before(d) {
			return due
		}
	}
	return clampDate(d.Year, start+m-1+2*n, r.Day)
}

// Prev returns the last due date strictly before d.
func (r Recurrence) Prev(d Date) Date {
	next := r.Next(d)
	if next.IsZero() {
		return next
	}
	n := r.Freq.months()
	return clampDate(next.Year, int(next.Month)-n, r.Day)
}

// clampDate returns day of month (which may overflow into later or earlier
// years) in year, or the month's last day when day is past it.
func clampDate(year, month, day int) Date {
	t := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	last := t.AddDate(0, 1, -1).Day()
	return Date{t.Year(), t.Month(), min(day, last)}
}

// String returns the stored form: "monthly:20", "quarterly:15:3".
func (r Recurrence) String() string {
	if r.IsZero() {
		return ""
	} else if r.Month > 0 {
		return fmt.Sprintf("%s:%d:%d", r.Freq, r.Day, r.Month)
	}
	return fmt.Sprintf("%s:%d", r.Freq, r.Day)
}

// Label returns the recurrence as Vietnamese offices write it.
func (r Recurrence) Label() string {
	switch r.Freq {
	case Monthly:
		return fmt.Sprintf("Ngày %d hằng tháng", r.Day)
	case Quarterly:
		return fmt.Sprintf("Ngày %d tháng thứ %d mỗi quý", r.Day, max(r.Month, 1))
	case HalfYearly:
		return fmt.Sprintf("Ngày %d tháng thứ %d mỗi 6 tháng", r.Day, max(r.Month, 1))
	case Yearly:
		return fmt.Sprintf("Ngày %d/%d hằng năm", r.Day, max(r.Month, 1))
	}
	return ""
}

// ParseRecurrence reads the form String writes; "" is no recurrence.
func ParseRecurrence(s string) (Recurrence, error) {
	if s == "" {
		return Recurrence{}, nil
	}
	parts := strings.Split(s, ":")
	bad := Errorf(EINVALID, "Hạn định kỳ %q không hợp lệ.", "Invalid recurring deadline %q.", s)
	if len(parts) < 2 || len(parts) > 3 {
		return Recurrence{}, bad
	}
	r := Recurrence{Freq: Frequency(parts[0])}
	var err error
	if r.Day, err = strconv.Atoi(parts[1]); err != nil {
		return Recurrence{}, bad
	}
	if len(parts) == 3 {
		if r.Month, err = strconv.Atoi(parts[2]); err != nil {
			return Recurrence{}, bad
		}
	}
	return r, r.Validate()
}
