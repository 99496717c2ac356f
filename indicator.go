package ttdn

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// indicatorCodeRE: indicator codes are stable keys used in exports and the
// API, so they stay plain ASCII.
var indicatorCodeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{1,62}$`)

// ValueType is what an indicator's value is: a number of things, of
// minutes, of đồng, or a text.
type ValueType string

// Value types.
const (
	ValueCount   ValueType = "count"   // số lượng
	ValueMinutes ValueType = "minutes" // số phút
	ValueVND     ValueType = "vnd"     // đồng (integer)
	ValueText    ValueType = "text"    // văn bản
)

// Label returns the type in Vietnamese.
func (t ValueType) Label() string {
	switch t {
	case ValueCount:
		return "Số lượng"
	case ValueMinutes:
		return "Số phút"
	case ValueVND:
		return "Đồng"
	case ValueText:
		return "Văn bản"
	}
	return string(t)
}

// Valid reports whether t is a known type.
func (t ValueType) Valid() bool { return t.Label() != string(t) }

// Numeric reports whether values of t are integers.
func (t ValueType) Numeric() bool { return t == ValueCount || t == ValueMinutes || t == ValueVND }

// Breakdown is a dimension an indicator's value may be split by (the
// "trong đó" rows of a report table).
type Breakdown string

// Breakdowns.
const (
	ByChannel  Breakdown = "channel"  // theo kênh
	ByTopic    Breakdown = "topic"    // theo chủ đề
	ByLanguage Breakdown = "language" // theo ngôn ngữ
	ByCountry  Breakdown = "country"  // theo quốc gia
	ByVerdict  Breakdown = "verdict"  // theo kết luận (vụ việc cần phản bác)
)

// Label returns the breakdown in Vietnamese.
func (b Breakdown) Label() string {
	switch b {
	case ByChannel:
		return "Theo kênh"
	case ByTopic:
		return "Theo chủ đề"
	case ByLanguage:
		return "Theo ngôn ngữ"
	case ByCountry:
		return "Theo quốc gia"
	case ByVerdict:
		return "Theo kết luận"
	}
	return string(b)
}

// Valid reports whether b is a known breakdown.
func (b Breakdown) Valid() bool { return b.Label() != string(b) }

// Indicator is one entry of the catalogue of what units report (chỉ tiêu).
// Source names the rule that pre-fills it from the activity registry, task
// progress, the budget records or the press monitor ("" for none: the unit
// types it). A retired indicator stays
// in the catalogue, so reports that used it keep their values.
type Indicator struct {
	ID         int64       `json:"id,omitempty"`
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	NameEN     string      `json:"name_en,omitempty"`
	ValueType  ValueType   `json:"value_type"`
	Unit       string      `json:"unit,omitempty"` // unit of measure: "tin, bài", "lượt người"
	Breakdowns []Breakdown `json:"breakdowns,omitempty"`
	Source     string      `json:"source,omitempty"`
	Position   int         `json:"position"`
	CreatedAt  time.Time   `json:"created_at,omitzero"`
	RetiredAt  time.Time   `json:"retired_at,omitzero"`
	Version    int         `json:"version,omitempty"`
}

// Retired reports whether the indicator is no longer offered to new plans.
func (i *Indicator) Retired() bool { return !i.RetiredAt.IsZero() }

// Has reports whether the indicator may be split by b.
func (i *Indicator) Has(b Breakdown) bool {
	for _, x := range i.Breakdowns {
		if x == b {
			return true
		}
	}
	return false
}

// Validate checks an indicator's fields.
func (i *Indicator) Validate() error {
	if !indicatorCodeRE.MatchString(i.Code) {
		return Errorf(EINVALID, "Mã chỉ tiêu %q không hợp lệ (chữ thường không dấu, số, gạch dưới).", "Invalid indicator code %q (lowercase letters, digits, '_').", i.Code)
	} else if strings.TrimSpace(i.Name) == "" {
		return Errorf(EINVALID, "Chỉ tiêu phải có tên.", "An indicator needs a name.")
	} else if !i.ValueType.Valid() {
		return Errorf(EINVALID, "Kiểu giá trị %q không hợp lệ (số lượng, số phút, đồng, văn bản).", "Invalid value type %q (count, minutes, vnd, text).", i.ValueType)
	}
	for _, b := range i.Breakdowns {
		if !b.Valid() {
			return Errorf(EINVALID, "Cách phân tổ %q không hợp lệ (kênh, chủ đề, ngôn ngữ, quốc gia, kết luận).", "Invalid breakdown %q (channel, topic, language, country, verdict).", b)
		}
	}
	if i.ValueType == ValueText && len(i.Breakdowns) > 0 {
		return Errorf(EINVALID, "Chỉ tiêu dạng văn bản không phân tổ được.", "A text indicator cannot have breakdowns.")
	}
	return nil
}

// IndicatorFilter selects indicators. Retired ones are left out unless
// WithRetired.
type IndicatorFilter struct {
	Code        *string
	PlanID      *int64 // the indicators a plan selected, in its order
	WithRetired bool
}

// IndicatorService manages the catalogue and the indicators each plan's
// units report.
type IndicatorService interface {
	FindIndicators(ctx context.Context, f IndicatorFilter) ([]*Indicator, error)
	CreateIndicator(ctx context.Context, i *Indicator) error
	// RetireIndicator stops offering the indicator to plans; values already
	// reported keep it.
	RetireIndicator(ctx context.Context, id int64, version int) (*Indicator, error)
	// SetPlanIndicators replaces the plan's selection with ids, in order.
	SetPlanIndicators(ctx context.Context, planID int64, ids []int64) error
}

// Pre-fill rules (Indicator.Source): each counts records of the activity
// registry or of task progress a unit made inside a period's cut-off
// window. sqlstore implements them.
const (
	SourceArticles         = "articles"          // media articles and portal posts
	SourceProgrammes       = "programmes"        // radio/TV programmes and columns
	SourceMinutes          = "minutes"           // their air time
	SourcePressConferences = "press_conferences" // họp báo
	SourcePressBriefings   = "press_briefings"   // thông tin cho báo chí, phát ngôn
	SourceTrainings        = "trainings"         // courses
	SourceAttendees        = "attendees"         // people trained
	SourceDelegations      = "delegations"       // foreign press delegations
	SourceReporters        = "reporters"         // their members
	SourceDelegationPieces = "delegation_pieces" // articles they produced
	SourcePubTitles        = "publication_titles"
	SourcePubCopies        = "publication_copies"
	SourceEvents           = "events"           // fairs, exhibitions, conferences, cultural programmes
	SourceCluster          = "cluster"          // content on a border-gate information cluster
	SourceTasksCompleted   = "tasks_completed"  // tasks the unit reported done
	SourceProgressUpdates  = "progress_updates" // progress updates the unit recorded
)

// Pre-fill rules from the budget records and the press monitor. They
// count the unit and the units below it that do not report themselves in
// the period (see sqlstore/reports_prefill_budget.go and
// reports_prefill_press.go).
const (
	// Indicator 12: the figures of BudgetTotals, each in its own window
	// (estimates first submitted, forwarded after appraisal, approved;
	// allocations and spending by entry date).
	SourceBudgetEstimated = "budget_estimated"
	SourceBudgetAppraised = "budget_appraised"
	SourceBudgetApproved  = "budget_approved"
	SourceBudgetAllocated = "budget_allocated"
	SourceBudgetSpent     = "budget_spent"
	// SourceArticlesPress is SourceArticles plus the items about the
	// province the unit's own outlets published (press sources it owns,
	// hits not dismissed), an item already logged as an activity counted
	// once.
	SourceArticlesPress = "articles_press"
	// SourcePressFlagged counts the press items the unit's monitors marked
	// "needs action" (indicator 10, false information detected, until
	// rebuttal cases exist).
	SourcePressFlagged = "press_flagged"
)

// Pre-fill rules from rebuttal cases (issue 14): the cases whose lead unit
// (before assignment, the detecting unit) is the unit or a unit below it
// that does not report itself, in the period's window (see
// sqlstore/reports_prefill_cases.go). SourcePressFlagged counts the cases
// the unit's people opened too.
const (
	SourceCases               = "cases"                 // detected in the window, by topic and verdict
	SourceCasesClarified      = "cases_clarified"       // assessed with a verdict other than "unverified"
	SourceCasesCountered      = "cases_countered"       // with a response first published in the window
	SourceCaseResponseMinutes = "case_response_minutes" // their mean time from detection to the response
)

// DefaultIndicators is the catalogue ttdn ships, from DESIGN.md §5 (the
// narrative sections of item 13 are UnitReport's sections, not indicators).
func DefaultIndicators() []*Indicator {
	ch, tp, lg, co := ByChannel, ByTopic, ByLanguage, ByCountry
	n := func(code, name, en string, vt ValueType, unit, src string, b ...Breakdown) *Indicator {
		return &Indicator{Code: code, Name: name, NameEN: en, ValueType: vt, Unit: unit, Source: src, Breakdowns: b}
	}
	list := []*Indicator{
		n("documents_issued", "Văn bản chỉ đạo, kế hoạch ban hành", "Directives and plans issued", ValueCount, "văn bản", ""),
		n("articles", "Tin, bài thông tin đối ngoại", "Articles and news items", ValueCount, "tin, bài", SourceArticlesPress, ch, lg),
		n("broadcast_programmes", "Chương trình, chuyên mục phát thanh, truyền hình", "Radio and TV programmes", ValueCount, "chương trình", SourceProgrammes, ch, lg),
		n("broadcast_minutes", "Thời lượng phát sóng", "Air time", ValueMinutes, "phút", SourceMinutes, ch),
		n("press_conferences", "Họp báo", "Press conferences", ValueCount, "cuộc", SourcePressConferences, tp),
		n("spokesperson_statements", "Phát ngôn, cung cấp thông tin cho báo chí", "Spokesperson statements", ValueCount, "lượt", SourcePressBriefings),
		n("trainings", "Lớp tập huấn, bồi dưỡng", "Training courses", ValueCount, "lớp", SourceTrainings, tp),
		n("training_attendees", "Người được tập huấn", "People trained", ValueCount, "lượt người", SourceAttendees, tp),
		n("press_delegations", "Đoàn phóng viên nước ngoài", "Foreign press delegations", ValueCount, "đoàn", SourceDelegations, co),
		n("foreign_reporters", "Phóng viên nước ngoài", "Foreign reporters", ValueCount, "người", SourceReporters, co),
		n("delegation_articles", "Tin, bài của phóng viên nước ngoài", "Articles by foreign reporters", ValueCount, "tin, bài", SourceDelegationPieces),
		n("publication_titles", "Ấn phẩm (tờ rơi, sách, CD, DVD)", "Publication titles", ValueCount, "đầu ấn phẩm", SourcePubTitles, lg),
		n("publication_copies", "Số bản ấn phẩm", "Publication copies", ValueCount, "bản", SourcePubCopies, lg),
		n("events", "Sự kiện, hội chợ, triển lãm, hội thảo", "Events, fairs and exhibitions", ValueCount, "sự kiện", SourceEvents, co),
		n("cluster_items", "Thông tin tại Cụm TTĐN cửa khẩu (Mộc Bài, Xa Mát)", "Border-gate information cluster items", ValueCount, "lượt", SourceCluster, ch),
		n("false_info_detected", "Vụ việc thông tin sai sự thật phát hiện", "False-information cases detected", ValueCount, "vụ việc", SourcePressFlagged),
		n("false_info_clarified", "Vụ việc đã làm rõ", "Cases clarified", ValueCount, "vụ việc", SourceCasesClarified),
		n("false_info_countered", "Vụ việc đã phản bác", "Cases countered", ValueCount, "vụ việc", SourceCasesCountered),
		n("false_info_response_minutes", "Thời gian phản hồi trung bình", "Average response time", ValueMinutes, "phút", SourceCaseResponseMinutes),
		n("false_info_cases", "Vụ việc cần phản bác theo kết luận, chủ đề", "Rebuttal cases by verdict and topic", ValueCount, "vụ việc", SourceCases, ByVerdict, tp),
		n("national_db_records", "Dữ liệu đóng góp cơ sở dữ liệu quốc gia về TTĐN", "Records contributed to the national TTĐN database", ValueCount, "bản ghi", ""),
		n("tasks_completed", "Nhiệm vụ hoàn thành", "Tasks completed", ValueCount, "nhiệm vụ", SourceTasksCompleted),
		n("budget_estimated", "Kinh phí dự toán", "Budget estimated", ValueVND, "đồng", SourceBudgetEstimated),
		n("budget_appraised", "Kinh phí thẩm định", "Budget appraised", ValueVND, "đồng", SourceBudgetAppraised),
		n("budget_allocated", "Kinh phí được cấp", "Budget allocated", ValueVND, "đồng", SourceBudgetAllocated),
		n("budget_spent", "Kinh phí đã sử dụng", "Budget spent", ValueVND, "đồng", SourceBudgetSpent),
	}
	for i, ind := range list {
		ind.Position = i + 1
	}
	return list
}

// ParseValue checks one entered value against the indicator's type and
// returns the number (numeric types) or the text. A form's raw text may
// group thousands with dots or spaces ("1.500.000") and end with "đ".
func (i *Indicator) ParseValue(in ValueInput) (*int64, string, error) {
	if i.ValueType == ValueText {
		if in.Number != nil {
			return nil, "", Errorf(EINVALID, "Chỉ tiêu “%[1]s” nhận văn bản, không nhận số.", "Indicator %[2]q takes text, not a number.", i.Name, i.Code)
		}
		text := ""
		if in.Text != nil {
			text = strings.TrimSpace(*in.Text)
		} else if in.Raw != nil {
			text = strings.TrimSpace(*in.Raw)
		}
		return nil, text, nil
	}
	if in.Text != nil && strings.TrimSpace(*in.Text) != "" {
		return nil, "", i.errNotNumber(*in.Text)
	}
	n := in.Number
	if in.Raw != nil {
		raw := strings.TrimSpace(*in.Raw)
		if raw == "" {
			return nil, "", nil
		}
		v, ok := parseGrouped(raw)
		if !ok {
			return nil, "", i.errNotNumber(raw)
		}
		n = &v
	}
	if n != nil && *n < 0 {
		return nil, "", Errorf(EINVALID, "Giá trị của chỉ tiêu “%[1]s” không được âm (%[2]d).", "The value of indicator %[3]q must not be negative (%[2]d).", i.Name, *n, i.Code)
	}
	return n, "", nil
}

func (i *Indicator) errNotNumber(s string) error {
	what, whatEN := "số nguyên", "a whole number"
	if i.ValueType == ValueVND {
		what, whatEN = "số tiền bằng đồng (số nguyên)", "an amount in đồng (a whole number)"
	} else if i.ValueType == ValueMinutes {
		what, whatEN = "số phút (số nguyên)", "a number of minutes (a whole number)"
	}
	return Errorf(EINVALID, "Giá trị “%[1]s” của chỉ tiêu “%[2]s” phải là %[3]s.", "The value %[1]q of indicator %[4]q must be %[5]s.", s, i.Name, what, i.Code, whatEN)
}

// parseGrouped parses a whole number written with dot or space thousands
// separators and an optional "đ"/"đồng"/"VND" suffix; a sign is kept so that
// a negative number gets its own message.
func parseGrouped(s string) (int64, bool) {
	for _, suf := range []string{"đồng", "VND", "vnd", "đ"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, suf))
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(s)
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int64(r-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
