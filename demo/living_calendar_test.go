package demo

import (
	"testing"
	"time"

	"ttdn"
)

// TestCalendarEveryDay places the living year on every day of a common and
// a leap year, at both ends of the day: the plan is of today's year and
// issued at least two months back; the open period is of that year, opened
// after the plan's issue, its window before its due date, due four days
// back or more.
func TestCalendarEveryDay(t *testing.T) {
	vn := ttdn.VietnamZone()
	for d := time.Date(2027, 1, 1, 0, 1, 0, 0, vn); d.Year() < 2029; d = d.AddDate(0, 0, 1) {
		for _, now := range []time.Time{d, d.Add(23*time.Hour + 57*time.Minute)} {
			c := newCalendar(now.UTC())
			switch {
			case c.Year != now.Year() || c.Today != ttdn.DateOf(now):
				t.Fatalf("%s: year %d, today %s", now, c.Year, c.Today)
			case c.days(c.Issued, c.Today) < minWorkDays:
				t.Fatalf("%s: plan issued %s, only %d days back", now, c.Issued, c.days(c.Issued, c.Today))
			case c.days(c.PeriodDue, c.Today) < 4:
				t.Fatalf("%s: period due %s", now, c.PeriodDue)
			case c.PeriodOpens.Before(c.Issued) || !c.CutOffFrom.Before(c.CutOffTo) || !c.CutOffTo.Before(c.PeriodDue) ||
				!c.PeriodOpens.Before(c.CutOffTo):
				t.Fatalf("%s: %s", now, c)
			}
			rp := &ttdn.ReportPeriod{Type: c.PeriodType, Year: c.Year, Number: c.PeriodNumber, Name: c.PeriodName,
				CutOffFrom: c.CutOffFrom, CutOffTo: c.CutOffTo, DueDate: c.PeriodDue}
			if err := rp.Validate(); err != nil {
				t.Fatalf("%s: %v", now, err)
			}
		}
	}
}
