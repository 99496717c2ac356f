package ttdn

import (
	"context"
	"strings"
	"time"
)

// PlanStatus is where a plan is in its life: a draft is freely editable; an
// issued plan changes only by amendment; a closed plan is history.
type PlanStatus string

const (
	PlanDraft  PlanStatus = "draft"
	PlanIssued PlanStatus = "issued"
	PlanClosed PlanStatus = "closed"
)

// Label returns the status in Vietnamese.
func (s PlanStatus) Label() string {
	switch s {
	case PlanDraft:
		return "Dự thảo"
	case PlanIssued:
		return "Đã ban hành"
	case PlanClosed:
		return "Đã kết thúc"
	}
	return string(s)
}

// Plan is a yearly TTĐN plan (kế hoạch) with every part an issued plan has:
// its header, legal bases, objectives and requirements (section I), content
// directions (II), tasks (III), budget clause (IV), unit responsibilities (V),
// reporting schedule, distribution list and signer.
//
// The JSON form is the contract of `ttdn plan parse` and of the API.
type Plan struct {
	ID     int64  `json:"id,omitempty"`
	Number string `json:"number"` // "79/KH-UBND"; "" when the text lacks its header
	Kind   string `json:"kind"`   // "Kế hoạch"
	Title  string `json:"title"`
	Year   int    `json:"year"`
	// YearTo is the last year of a multi-year plan or programme ("giai
	// đoạn 2021–2025"); 0 for a plan of one year.
	YearTo   int    `json:"year_to,omitempty"`
	Issuer   string `json:"issuer"` // issuing body, e.g. "Ủy ban nhân dân tỉnh Tây Ninh"
	Place    string `json:"place"`  // "Tây Ninh"
	IssuedOn Date   `json:"issued_on"`
	Signer   string `json:"signer"`
	// SignerTitle is the signer's position, e.g. "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
	SignerTitle string `json:"signer_title,omitempty"`
	// Decision is the decision that issued the plan as its attachment
	// ("Quyết định ban hành Kế hoạch…"); nil when the plan was issued
	// under its own number.
	Decision *Decision `json:"decision,omitempty"`

	LegalBases []Document `json:"legal_bases"` // the preamble's "Thực hiện …", "Căn cứ …"
	References []Document `json:"references"`  // every distinct document cited anywhere

	Sections          []Section         `json:"sections"`
	Objectives        []string          `json:"objectives"`         // I.1 Mục đích
	Requirements      []string          `json:"requirements"`       // I.2 Yêu cầu
	ContentDirections []string          `json:"content_directions"` // II Nội dung
	Tasks             []*Task           `json:"tasks"`
	Budget            string            `json:"budget"` // IV Kinh phí
	Responsibilities  []*Responsibility `json:"responsibilities"`
	Closing           []string          `json:"closing,omitempty"` // paragraphs after section V's items
	ReportSchedule    ReportSchedule    `json:"report_schedule"`
	Distribution      []Recipient       `json:"distribution"` // Nơi nhận

	Status         PlanStatus     `json:"status,omitempty"`
	Classification Classification `json:"classification"`
	Version        int            `json:"version,omitempty"`
	CreatedAt      time.Time      `json:"created_at,omitzero"`
	UpdatedAt      time.Time      `json:"updated_at,omitzero"`

	// TaskCount is the number of tasks the reader may see; storage fills it
	// in lists, where Tasks is not loaded.
	TaskCount int `json:"task_count,omitempty"`
}

// Decision is the document that issued a plan attached to it: its number,
// date, issuer and summary, and who signed it.
type Decision struct {
	Document
	Signer      string `json:"signer"`
	SignerTitle string `json:"signer_title,omitempty"`
}

// Section is a Roman-numbered part of a plan ("III" "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI").
type Section struct {
	Number string `json:"number"`
	Title  string `json:"title"`
}

// DayMonth is a yearly date such as a reporting due date (20/6, 05/12).
type DayMonth struct {
	Day   int `json:"day"`
	Month int `json:"month"`
}

// ReportSchedule is the plan's reporting sentence: on which dates units
// report, to which unit (which consolidates), and whom that unit reports to.
type ReportSchedule struct {
	DueDates   []DayMonth `json:"due_dates"`
	ReportTo   *UnitRef   `json:"report_to"`
	Recipients []UnitRef  `json:"recipients"`
}

// Recipient is one line of "Nơi nhận": the text as written ("Bộ Thông tin và
// Truyền thông (b/c);") and the unit it names, when it names a known one.
type Recipient struct {
	Text string   `json:"text"`
	Unit *UnitRef `json:"unit,omitempty"`
}

// Validate checks what a plan must have before it is stored.
func (p *Plan) Validate() error {
	if strings.TrimSpace(p.Title) == "" {
		return Errorf(EINVALID, "Kế hoạch phải có tên (trích yếu).", "A plan needs a title.")
	} else if p.Year != 0 && (p.Year < 1990 || p.Year > 2200) {
		return Errorf(EINVALID, "Năm kế hoạch %d không hợp lệ.", "Invalid plan year %d.", p.Year)
	}
	for _, t := range p.Tasks {
		if err := t.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// UnitIDs returns every resolved unit the plan's tasks and responsibilities
// name, for the access policy.
func (p *Plan) UnitIDs() []int64 {
	var ids []int64
	for _, t := range p.Tasks {
		ids = append(ids, t.UnitIDs()...)
	}
	for _, r := range p.Responsibilities {
		for _, u := range r.Units {
			if u.ID != 0 && !u.Group {
				ids = append(ids, u.ID)
			}
		}
	}
	return ids
}

// PlanFilter selects plans. Nil fields do not filter.
type PlanFilter struct {
	ID     *int64
	Year   *int
	Status *PlanStatus
	Query  *string
	Offset int
	Limit  int
	// Choices asks for lists and pickers: each plan without the long lists
	// of its text (objectives, requirements, content directions, closing),
	// which only the plan's own page shows.
	Choices bool
	// NoTaskCount leaves TaskCount 0: a picker that shows no count need
	// not have every plan's readable tasks counted.
	NoTaskCount bool
}

// PlanUpdate changes a plan's own fields (tasks change through TaskService).
// Version must equal the plan's current version, or the update is refused
// with ECONFLICT.
type PlanUpdate struct {
	Version           int
	Number            *string
	Title             *string
	Year              *int
	Issuer            *string
	Place             *string
	IssuedOn          *Date
	Signer            *string
	SignerTitle       *string
	Objectives        *[]string
	Requirements      *[]string
	ContentDirections *[]string
	Budget            *string
	Classification    *Classification
}

// PlanService manages plans. FindPlanByID returns the whole plan with its
// tasks and responsibilities; FindPlans returns plans without them.
type PlanService interface {
	FindPlanByID(ctx context.Context, id int64) (*Plan, error)
	FindPlans(ctx context.Context, filter PlanFilter) ([]*Plan, int, error)
	CreatePlan(ctx context.Context, p *Plan) error
	UpdatePlan(ctx context.Context, id int64, upd PlanUpdate) (*Plan, error)
	DeletePlan(ctx context.Context, id int64) error
}
