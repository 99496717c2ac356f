package http

import (
	"time"

	"ttdn"
)

// dayRange reads a filter's "from" and "to" days (dd/mm/yyyy as people
// type them) as Vietnam times: from the start of the first day to the end
// of the last, the "to" day included. An empty field is zero; a day that
// does not parse is refused with ParseDate's message.
func dayRange(from, to string) (start, end time.Time, err error) {
	f, err := ttdn.ParseDate(from)
	if err != nil {
		return start, end, err
	}
	t, err := ttdn.ParseDate(to)
	if err != nil {
		return start, end, err
	}
	if !f.IsZero() {
		start = f.Time(vietnam)
	}
	if !t.IsZero() {
		end = t.Time(vietnam).AddDate(0, 0, 1)
	}
	return start, end, nil
}
