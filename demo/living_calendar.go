package demo

import (
	"fmt"
	"time"

	"ttdn"
)

// calendar places the living year around the demo's today, so that on any
// day of any year the plan was issued a while ago, some deadlines have
// passed and others are near, and a report period is under review with its
// due date behind it.
type calendar struct {
	Now    time.Time // the demo's now, in Vietnam's time
	Today  ttdn.Date
	Year   int
	Issued ttdn.Date // the plan's issue date: early January, or 75 days back early in the year
	// The open report period: a month whose due date is at least four days
	// behind today, or — in the first weeks of January, when that month
	// would belong to last year — an ad hoc period of this year.
	PeriodType             ttdn.PeriodType
	PeriodNumber           int
	PeriodName             string
	CutOffFrom, CutOffTo   ttdn.Date
	PeriodDue, PeriodOpens ttdn.Date
}

// minWorkDays is how long before today the plan was issued at least, so the
// year has work behind it.
const minWorkDays = 60

func newCalendar(now time.Time) calendar {
	vn := ttdn.VietnamZone()
	now = now.In(vn)
	c := calendar{Now: now, Today: ttdn.DateOf(now), Year: now.Year()}
	c.Issued = ttdn.Date{Year: c.Year, Month: time.January, Day: 6}
	if c.days(c.Issued, c.Today) < minWorkDays {
		c.Issued = addDays(c.Today, -75)
	}
	// The latest month whose due date (the 20th) is four days or more ago.
	m := time.Date(c.Year, now.Month(), 20, 0, 0, 0, 0, time.UTC)
	if c.days(ttdn.DateOf(m), c.Today) < 4 {
		m = m.AddDate(0, -1, 0)
	}
	if m.Year() == c.Year {
		c.PeriodType, c.PeriodNumber = ttdn.PeriodMonth, int(m.Month())
		c.PeriodName = ttdn.DefaultName(ttdn.PeriodMonth, c.Year, c.PeriodNumber)
		c.CutOffFrom, c.CutOffTo = ttdn.DefaultWindow(ttdn.PeriodMonth, c.Year, c.PeriodNumber)
		c.PeriodDue = ttdn.DateOf(m)
	} else {
		c.PeriodType, c.PeriodNumber = ttdn.PeriodAdHoc, 1
		c.PeriodName = ttdn.DefaultName(ttdn.PeriodAdHoc, c.Year, 1)
		c.CutOffFrom, c.CutOffTo = c.Issued, addDays(c.Today, -12)
		c.PeriodDue = addDays(c.Today, -5)
	}
	c.PeriodOpens = addDays(c.CutOffTo, -3)
	return c
}

// days returns the whole days from a to b.
func (c calendar) days(a, b ttdn.Date) int {
	return int(b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours() / 24)
}

// at returns day at hour:minute in Vietnam's time.
func (c calendar) at(day ttdn.Date, hour, minute int) time.Time {
	return time.Date(day.Year, day.Month, day.Day, hour, minute, 0, 0, ttdn.VietnamZone())
}

// between returns the day a fraction f (0–1) of the way from a to b.
func (c calendar) between(a, b ttdn.Date, f float64) ttdn.Date {
	return addDays(a, int(f*float64(c.days(a, b))))
}

// addDays returns d moved by n days.
func addDays(d ttdn.Date, n int) ttdn.Date { return ttdn.DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

func (c calendar) String() string {
	return fmt.Sprintf("today %s, plan %d issued %s, period %q %s–%s due %s", c.Today, c.Year, c.Issued,
		c.PeriodName, c.CutOffFrom, c.CutOffTo, c.PeriodDue)
}
