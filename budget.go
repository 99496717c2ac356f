package ttdn

import (
	"strings"
	"time"
)

// ResourceBudget is the policy kind of budget estimates (dự toán kinh phí).
const ResourceBudget ResourceKind = "budget"

// FundingSource is where a budget line's money comes from.
type FundingSource string

// Funding sources.
const (
	FundProvincial FundingSource = "provincial" // ngân sách tỉnh
	FundCentral    FundingSource = "central"    // ngân sách trung ương
	FundSocial     FundingSource = "socialised" // xã hội hóa
	FundOther      FundingSource = "other"      // nguồn khác
)

// FundingSources lists every source in display order.
var FundingSources = []FundingSource{FundProvincial, FundCentral, FundSocial, FundOther}

// Label returns the source in Vietnamese.
func (f FundingSource) Label() string {
	switch f {
	case FundProvincial:
		return "Ngân sách tỉnh"
	case FundCentral:
		return "Ngân sách trung ương"
	case FundSocial:
		return "Xã hội hóa"
	case FundOther:
		return "Nguồn khác"
	}
	return string(f)
}

// Valid reports whether f is a known source.
func (f FundingSource) Valid() bool { return f.Label() != string(f) }

// BudgetStatus is where an estimate stands in its workflow: a unit drafts
// and submits it, the finance agency appraises it and returns it for
// revision or forwards it, and the decision that approves it is recorded.
type BudgetStatus string

// Budget statuses.
const (
	BudgetDraft     BudgetStatus = "draft"     // dự thảo
	BudgetSubmitted BudgetStatus = "submitted" // đã gửi thẩm định
	BudgetReturned  BudgetStatus = "returned"  // trả lại để chỉnh sửa
	BudgetForwarded BudgetStatus = "forwarded" // đã thẩm định, trình phê duyệt
	BudgetApproved  BudgetStatus = "approved"  // đã phê duyệt
)

// BudgetStatuses lists every status in workflow order.
var BudgetStatuses = []BudgetStatus{BudgetDraft, BudgetSubmitted, BudgetReturned, BudgetForwarded, BudgetApproved}

// Label returns the status in Vietnamese.
func (s BudgetStatus) Label() string {
	switch s {
	case BudgetDraft:
		return "Dự thảo"
	case BudgetSubmitted:
		return "Chờ thẩm định"
	case BudgetReturned:
		return "Trả lại để chỉnh sửa"
	case BudgetForwarded:
		return "Đã thẩm định, trình phê duyệt"
	case BudgetApproved:
		return "Đã phê duyệt"
	}
	return string(s)
}

// Editable reports whether the unit may change the estimate's lines.
func (s BudgetStatus) Editable() bool { return s == BudgetDraft || s == BudgetReturned }

// BudgetLine is one line of an estimate: an item for a task or activity,
// quantity × unit price = amount, and its funding source. Appraised is the
// amount the finance agency accepts (nil until appraised), Approved the
// amount of the approving decision; Allocated and Spent are sums of the
// entries recorded against the line.
type BudgetLine struct {
	ID               int64         `json:"id,omitempty"`
	TaskID           int64         `json:"task_id,omitempty"`
	ActivityID       int64         `json:"activity_id,omitempty"`
	Item             string        `json:"item"`
	Quantity         int64         `json:"quantity"`
	UnitOfMeasure    string        `json:"unit_of_measure"`
	UnitPrice        Money         `json:"unit_price"`
	Amount           Money         `json:"amount"`
	Source           FundingSource `json:"source"`
	Appraised        *Money        `json:"appraised,omitempty"`
	AppraisalComment string        `json:"appraisal_comment,omitempty"`
	Approved         *Money        `json:"approved,omitempty"`
	Allocated        Money         `json:"allocated"`
	Spent            Money         `json:"spent"`
}

// Compute checks the line and sets Amount = Quantity × UnitPrice exactly.
// n is the line's 1-based number, for the message.
func (l *BudgetLine) Compute(n int) error {
	l.Item, l.UnitOfMeasure = strings.TrimSpace(l.Item), strings.TrimSpace(l.UnitOfMeasure)
	switch {
	case l.Item == "":
		return Errorf(EINVALID, "Dòng %d: chưa ghi nội dung chi.", "Line %d: the item is missing.", n)
	case l.Quantity < 1 || l.Quantity > MaxQuantity:
		return Errorf(EINVALID, "Dòng %d: số lượng phải từ 1 đến %d.", "Line %d: the quantity must be between 1 and %d.", n, MaxQuantity)
	case l.UnitPrice < 0:
		return Errorf(EINVALID, "Dòng %d: đơn giá không được âm.", "Line %d: the unit price cannot be negative.", n)
	case !l.Source.Valid():
		return Errorf(EINVALID, "Dòng %d: nguồn kinh phí %q không hợp lệ.", "Line %d: unknown funding source %q.", n, l.Source)
	}
	amount, err := MulMoney(l.Quantity, l.UnitPrice)
	if err != nil {
		return Errorf(EINVALID, "Dòng %d: thành tiền vượt quá giới hạn %s.", "Line %d: the amount exceeds the limit of %s.", n, MaxMoney)
	}
	l.Amount = amount
	return nil
}

// HasTarget reports whether the line names the task or activity it pays for.
func (l *BudgetLine) HasTarget() bool { return l.TaskID != 0 || l.ActivityID != 0 }

// BudgetApproval is the decision that approves an estimate.
type BudgetApproval struct {
	Body   string `json:"body"`   // cơ quan quyết định, e.g. "UBND tỉnh Tây Ninh"
	Number string `json:"number"` // số quyết định, e.g. "123/QĐ-UBND"
	Date   Date   `json:"date"`
}

// Validate checks the decision is complete.
func (a *BudgetApproval) Validate() error {
	a.Body, a.Number = strings.TrimSpace(a.Body), strings.TrimSpace(a.Number)
	if a.Body == "" || a.Number == "" || a.Date.IsZero() {
		return Errorf(EINVALID, "Cần ghi cơ quan quyết định, số và ngày của quyết định phê duyệt.",
			"The deciding body, the decision number and its date are required.")
	}
	return nil
}

// BudgetEstimate is a unit's budget estimate for one plan year. Revision
// counts its stored revisions; every change of its content adds one.
type BudgetEstimate struct {
	ID            int64        `json:"id,omitempty"`
	UnitID        int64        `json:"unit_id"`
	Year          int          `json:"year"`
	PlanID        int64        `json:"plan_id,omitempty"`
	Title         string       `json:"title"`
	Justification string       `json:"justification"`
	Status        BudgetStatus `json:"status"`
	// Classification is internal, or secret when its plan or a line's task
	// or activity is (derived, never set by hand).
	Classification Classification `json:"classification"`
	Lines          []*BudgetLine  `json:"lines"`
	Note           string         `json:"note,omitempty"` // the finance agency's last word (return or forward)
	Approval       BudgetApproval `json:"approval,omitzero"`
	Revision       int            `json:"revision"`
	SubmittedAt    time.Time      `json:"submitted_at,omitzero"`
	ForwardedAt    time.Time      `json:"forwarded_at,omitzero"`
	Version        int            `json:"version,omitempty"`
	CreatedAt      time.Time      `json:"created_at,omitzero"`
	UpdatedAt      time.Time      `json:"updated_at,omitzero"`
	// Warnings are computed when the estimate is read or saved; they never
	// block a save.
	Warnings []BudgetWarning `json:"warnings,omitempty"`
}

// Validate checks the estimate and computes every line's amount and the
// total, refusing a total above MaxMoney.
func (e *BudgetEstimate) Validate() error {
	e.Title = strings.TrimSpace(e.Title)
	if e.UnitID == 0 {
		return Errorf(EINVALID, "Dự toán phải thuộc một đơn vị.", "An estimate needs a unit.")
	} else if e.Year < 2000 || e.Year > 2200 {
		return Errorf(EINVALID, "Năm dự toán %d không hợp lệ.", "Invalid estimate year %d.", e.Year)
	} else if e.Title == "" {
		return Errorf(EINVALID, "Dự toán phải có tên.", "An estimate needs a title.").On("title")
	} else if len(e.Lines) > 500 {
		return Errorf(EINVALID, "Một dự toán có tối đa 500 dòng.", "An estimate has at most 500 lines.")
	}
	for i, l := range e.Lines {
		if err := l.Compute(i + 1); err != nil {
			return err
		}
	}
	if _, err := e.Total(); err != nil {
		return Errorf(EINVALID, "Tổng dự toán vượt quá giới hạn %s.", "The estimate's total exceeds the limit of %s.", MaxMoney)
	}
	return nil
}

// Total returns the sum of the lines' amounts.
func (e *BudgetEstimate) Total() (Money, error) {
	return e.sum(func(l *BudgetLine) Money { return l.Amount })
}

// AppraisedTotal returns the sum of the appraised amounts.
func (e *BudgetEstimate) AppraisedTotal() (Money, error) {
	return e.sum(func(l *BudgetLine) Money { return moneyOrZero(l.Appraised) })
}

// ApprovedTotal returns the sum of the approved amounts.
func (e *BudgetEstimate) ApprovedTotal() (Money, error) {
	return e.sum(func(l *BudgetLine) Money { return moneyOrZero(l.Approved) })
}

// SpentTotal returns the sum of the spending recorded.
func (e *BudgetEstimate) SpentTotal() (Money, error) {
	return e.sum(func(l *BudgetLine) Money { return l.Spent })
}

// AllocatedTotal returns the sum of the allocations recorded.
func (e *BudgetEstimate) AllocatedTotal() (Money, error) {
	return e.sum(func(l *BudgetLine) Money { return l.Allocated })
}

func (e *BudgetEstimate) sum(f func(*BudgetLine) Money) (Money, error) {
	var total Money
	for _, l := range e.Lines {
		var err error
		if total, err = AddMoney(total, f(l)); err != nil {
			return 0, err
		}
	}
	return total, nil
}

func moneyOrZero(m *Money) Money {
	if m == nil {
		return 0
	}
	return *m
}

// Line returns the line with id, or nil.
func (e *BudgetEstimate) Line(id int64) *BudgetLine {
	for _, l := range e.Lines {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// BudgetSort orders estimate lists.
type BudgetSort string

// Estimate list orders; the zero value is most recently changed first.
const (
	BudgetByUpdated BudgetSort = ""
	BudgetByYear    BudgetSort = "year"
	BudgetByUnit    BudgetSort = "unit"
	BudgetByTotal   BudgetSort = "total"
	BudgetByStatus  BudgetSort = "status"
)

// BudgetFilter selects estimates; nil fields do not filter. UnitID matches
// the unit and every unit below it.
type BudgetFilter struct {
	ID     *int64
	UnitID *int64
	Year   *int
	Status *BudgetStatus
	Query  *string // folded substring of the title
	Sort   BudgetSort
	Offset int
	Limit  int
}

// BudgetUpdate changes a draft's content; Lines, when set, replace the
// lines (a line keeps its ID, and so its history, when the form sends it).
// Version must equal the estimate's current version.
type BudgetUpdate struct {
	Version       int
	Title         *string
	Justification *string
	PlanID        *int64
	Lines         *[]*BudgetLine
}

// BudgetSettings tune the warnings shown while drafting.
type BudgetSettings struct {
	// WarnAbovePercent: warn when a total exceeds the unit's approved total
	// of the previous year by more than this percentage.
	WarnAbovePercent int `json:"warn_above_percent"`
}

// DefaultBudgetSettings are used until someone changes them.
func DefaultBudgetSettings() BudgetSettings { return BudgetSettings{WarnAbovePercent: 30} }

// Validate keeps the threshold where integer arithmetic on MaxMoney is safe.
func (s *BudgetSettings) Validate() error {
	if s.WarnAbovePercent < 0 || s.WarnAbovePercent > 500 {
		return Errorf(EINVALID, "Ngưỡng cảnh báo phải từ 0 đến 500%%.", "The warning threshold must be between 0 and 500%%.")
	}
	return nil
}
