package ttdn

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// PeriodType is how long a report period is.
type PeriodType string

// Period types.
const (
	PeriodHalfYear PeriodType = "half_year" // 6 tháng
	PeriodYear     PeriodType = "year"      // năm
	PeriodQuarter  PeriodType = "quarter"   // quý
	PeriodMonth    PeriodType = "month"     // tháng
	PeriodAdHoc    PeriodType = "ad_hoc"    // đột xuất
)

// Label returns the type in Vietnamese.
func (t PeriodType) Label() string {
	switch t {
	case PeriodHalfYear:
		return "6 tháng"
	case PeriodYear:
		return "Năm"
	case PeriodQuarter:
		return "Quý"
	case PeriodMonth:
		return "Tháng"
	case PeriodAdHoc:
		return "Đột xuất"
	}
	return string(t)
}

// Valid reports whether t is a known type.
func (t PeriodType) Valid() bool { return t.Label() != string(t) }

// maxNumber is how many periods of the type a year has (0: the number is
// not used).
func (t PeriodType) maxNumber() int {
	switch t {
	case PeriodHalfYear:
		return 1 // only the first half is reported; the second is the year
	case PeriodQuarter:
		return 4
	case PeriodMonth:
		return 12
	}
	return 0
}

// PeriodStatus tells an open period (units report) from a closed one.
type PeriodStatus string

// Period statuses.
const (
	PeriodOpen   PeriodStatus = "open"
	PeriodClosed PeriodStatus = "closed"
)

// ReportPeriod is one round of reporting under a plan (kỳ báo cáo): the
// window whose data the reports cover (thời gian chốt số liệu), the date
// they are due (hạn nộp) and the units expected to report.
type ReportPeriod struct {
	ID         int64        `json:"id,omitempty"`
	PlanID     int64        `json:"plan_id"`
	Type       PeriodType   `json:"type"`
	Year       int          `json:"year"`
	Number     int          `json:"number"` // quarter 1–4, month 1–12, ad hoc sequence; 0 for a year, 1 for the half-year
	Name       string       `json:"name"`
	CutOffFrom Date         `json:"cutoff_from"`
	CutOffTo   Date         `json:"cutoff_to"`
	DueDate    Date         `json:"due_date"`
	Status     PeriodStatus `json:"status,omitempty"`
	// ExpectedUnitIDs are the units expected to report; storage fills them
	// when it loads one period.
	ExpectedUnitIDs []int64        `json:"expected_unit_ids,omitempty"`
	Classification  Classification `json:"classification"`
	Version         int            `json:"version,omitempty"`
	CreatedAt       time.Time      `json:"created_at,omitzero"`
	UpdatedAt       time.Time      `json:"updated_at,omitzero"`
}

// DefaultWindow returns the cut-off window of a period by Nghị định
// 09/2019/NĐ-CP, art. 12: data run from the 15th of the month before the
// period starts to the 14th of its last month. So a month m is 15/(m-1) →
// 14/m, quarter q is 15/(3q-3) → 14/3q, the first half-year 15/12 of the
// previous year → 14/6, the year 15/12 of the previous year → 14/12. An
// ad hoc period has no default.
func DefaultWindow(t PeriodType, year, number int) (from, to Date) {
	var first, last int // first and last calendar month of the period
	switch t {
	case PeriodMonth:
		first, last = number, number
	case PeriodQuarter:
		first, last = 3*number-2, 3*number
	case PeriodHalfYear:
		first, last = 1, 6
	case PeriodYear:
		first, last = 1, 12
	default:
		return Date{}, Date{}
	}
	start := time.Date(year, time.Month(first)-1, 15, 0, 0, 0, 0, time.UTC) // month 0 is December of year-1
	return DateOf(start), Date{year, time.Month(last), 14}
}

// DueDateFor returns the due date of a period whose window ends on cutOffTo:
// the plan's reporting date (ReportSchedule.DueDates) nearest to cutOffTo
// within 30 days either way — the seed's 20/6 for the half-year, 05/12 for
// the year — or, when the plan has none near, the 20th of cutOffTo's month
// (six days after the cut-off, as Nghị định 09/2019 leaves units to send).
func DueDateFor(s ReportSchedule, cutOffTo Date) Date {
	end := cutOffTo.Time(time.UTC)
	best, bestDays := Date{}, 31.0
	for _, dm := range s.DueDates {
		for _, y := range []int{cutOffTo.Year - 1, cutOffTo.Year, cutOffTo.Year + 1} {
			d, err := NewDate(y, time.Month(dm.Month), dm.Day)
			if err != nil {
				continue
			}
			days := d.Time(time.UTC).Sub(end).Hours() / 24
			if days < 0 {
				days = -days
			}
			if days <= 30 && days < bestDays {
				best, bestDays = d, days
			}
		}
	}
	if best.IsZero() {
		best = Date{cutOffTo.Year, cutOffTo.Month, 20}
	}
	return best
}

// DefaultName returns the period's name as reports title it ("6 tháng đầu
// năm 2019", "năm 2019", "quý II năm 2019", "tháng 3 năm 2019").
func DefaultName(t PeriodType, year, number int) string {
	switch t {
	case PeriodHalfYear:
		return fmt.Sprintf("6 tháng đầu năm %d", year)
	case PeriodYear:
		return fmt.Sprintf("năm %d", year)
	case PeriodQuarter:
		roman := []string{"", "I", "II", "III", "IV"}
		if number >= 1 && number <= 4 {
			return fmt.Sprintf("quý %s năm %d", roman[number], year)
		}
	case PeriodMonth:
		return fmt.Sprintf("tháng %d năm %d", number, year)
	}
	return fmt.Sprintf("đột xuất số %d năm %d", number, year)
}

// NewReportPeriod returns a period of plan p with the default window, due
// date and name; the caller may change any of them before opening it.
func NewReportPeriod(p *Plan, t PeriodType, year, number int) *ReportPeriod {
	rp := &ReportPeriod{PlanID: p.ID, Type: t, Year: year, Number: number, Name: DefaultName(t, year, number),
		Classification: p.Classification}
	if t == PeriodYear {
		rp.Number = 0
	}
	rp.CutOffFrom, rp.CutOffTo = DefaultWindow(t, year, rp.Number)
	if !rp.CutOffTo.IsZero() {
		rp.DueDate = DueDateFor(p.ReportSchedule, rp.CutOffTo)
	}
	return rp
}

// Validate checks a period before it is opened or changed.
func (rp *ReportPeriod) Validate() error {
	if !rp.Type.Valid() {
		return Errorf(EINVALID, "Loại kỳ báo cáo %q không hợp lệ (6 tháng, năm, quý, tháng, đột xuất).", "Invalid period type %q (half_year, year, quarter, month, ad_hoc).", rp.Type)
	} else if rp.Year < 1990 || rp.Year > 2200 {
		return Errorf(EINVALID, "Năm của kỳ báo cáo %d không hợp lệ.", "Invalid period year %d.", rp.Year)
	} else if m := rp.Type.maxNumber(); m > 0 && (rp.Number < 1 || rp.Number > m) {
		return Errorf(EINVALID, "Số thứ tự kỳ %d không hợp lệ cho kỳ %s (1–%d).", "Invalid period number %d for a %s period (1–%d).", rp.Number, rp.Type.Label(), m)
	} else if rp.CutOffFrom.IsZero() || rp.CutOffTo.IsZero() || rp.DueDate.IsZero() {
		return Errorf(EINVALID, "Kỳ báo cáo cần ngày bắt đầu, ngày kết thúc chốt số liệu và hạn nộp.", "A period needs a cut-off start, a cut-off end and a due date.")
	} else if rp.CutOffTo.Before(rp.CutOffFrom) {
		return Errorf(EINVALID, "Ngày kết thúc chốt số liệu (%s) phải sau ngày bắt đầu (%s).", "The cut-off end (%s) must not be before its start (%s).", rp.CutOffTo, rp.CutOffFrom)
	} else if strings.TrimSpace(rp.Name) == "" {
		return Errorf(EINVALID, "Kỳ báo cáo phải có tên.", "A period needs a name.")
	}
	return nil
}

// Contains reports whether day lies in the cut-off window.
func (rp *ReportPeriod) Contains(day Date) bool {
	return !day.Before(rp.CutOffFrom) && !rp.CutOffTo.Before(day)
}

// Deadline is the end of the due date in Vietnam's time: a report sent at
// 23:59 on the due date is on time.
func (rp *ReportPeriod) Deadline() time.Time {
	return rp.DueDate.Time(VietnamZone()).AddDate(0, 0, 1)
}

// IsLate reports whether a submission at t is after the deadline.
func (rp *ReportPeriod) IsLate(t time.Time) bool { return !t.Before(rp.Deadline()) }

// VietnamZone returns Asia/Ho_Chi_Minh, or UTC+7 when the tz database is
// missing (Vietnam has kept UTC+7 without daylight saving since 1975).
func VietnamZone() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}

// PeriodFilter selects periods. Nil fields do not filter.
type PeriodFilter struct {
	PlanID   *int64
	Type     *PeriodType
	Year     *int
	FromYear *int
	ToYear   *int
	Status   *PeriodStatus
	Offset   int
	Limit    int
}

// PeriodUpdate changes a period. Version must equal its current version.
type PeriodUpdate struct {
	Version    int
	Name       *string
	CutOffFrom *Date
	CutOffTo   *Date
	DueDate    *Date
	Status     *PeriodStatus
}

// ReportPeriodService opens and follows report periods.
type ReportPeriodService interface {
	FindPeriodByID(ctx context.Context, id int64) (*ReportPeriod, error)
	FindPeriods(ctx context.Context, f PeriodFilter) ([]*ReportPeriod, int, error)
	// ExpectedReporters returns the units a period of plan planID active
	// on day is expected to hear from: every unit the plan's tasks and
	// responsibilities name, groups expanded to their members active on
	// day, ended units replaced by their active successors.
	ExpectedReporters(ctx context.Context, planID int64, day Date) ([]*Unit, error)
	// OpenPeriod stores rp with its expected reporters (rp.ExpectedUnitIDs,
	// or the derived ones when empty) in one transaction.
	OpenPeriod(ctx context.Context, rp *ReportPeriod) error
	UpdatePeriod(ctx context.Context, id int64, upd PeriodUpdate) (*ReportPeriod, error)
	// SetExpectedReporters adds and removes expected units.
	SetExpectedReporters(ctx context.Context, id int64, add, remove []int64) (*ReportPeriod, error)
}

// PeriodStats is the completeness and timeliness of one period (DHIS2's
// reporting rate): expected reports, those sent (on time or late), those
// accepted, and those missing.
type PeriodStats struct {
	PeriodID  int64 `json:"period_id"`
	Expected  int   `json:"expected"`
	Submitted int   `json:"submitted"`
	OnTime    int   `json:"on_time"`
	Late      int   `json:"late"`
	Accepted  int   `json:"accepted"`
	Missing   int   `json:"missing"`
}

// Percent returns part of Expected as a whole percentage (0 when nothing is
// expected).
func (s *PeriodStats) Percent(part int) int {
	if s.Expected == 0 {
		return 0
	}
	return part * 100 / s.Expected
}

// CellState is one unit's state in one period of the completeness matrix.
type CellState string

// Cell states, from worst to best.
const (
	CellNotExpected CellState = ""        // the unit was not expected to report
	CellMissing     CellState = "missing" // expected, nothing sent (a draft counts as nothing)
	CellLate        CellState = "late"    // sent after the due date
	CellOnTime      CellState = "on_time" // sent by the due date
)

// CompletenessRow is one unit across the matrix's periods; Cells are in
// the order of CompletenessMatrix.Periods, Accepted beside them.
type CompletenessRow struct {
	UnitID   int64       `json:"unit_id"`
	UnitName string      `json:"unit_name"`
	Cells    []CellState `json:"cells"`
	Accepted []bool      `json:"accepted"`
	// Totals over the row's expected periods.
	Expected, OnTime, Late, Missing int
}

// CompletenessMatrix is units × periods, with each period's stats.
type CompletenessMatrix struct {
	Periods []*ReportPeriod    `json:"periods"`
	Stats   []*PeriodStats     `json:"stats"` // in the order of Periods
	Rows    []*CompletenessRow `json:"rows"`
}

// CompletenessFilter selects the periods and units of a matrix.
type CompletenessFilter struct {
	PlanID   *int64
	Type     *PeriodType
	FromYear *int
	ToYear   *int
	UnitID   *int64 // one unit over the years
}

// CompletenessService follows the reporting cycle.
type CompletenessService interface {
	FindPeriodStats(ctx context.Context, periodID int64) (*PeriodStats, error)
	FindCompleteness(ctx context.Context, f CompletenessFilter) (*CompletenessMatrix, error)
}
