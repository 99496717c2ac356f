package ttdn

import "time"

// BudgetStep is one act in an estimate's workflow. Each belongs to one role
// and one or more statuses; CheckBudgetStep refuses an act out of turn.
type BudgetStep string

// Budget steps.
const (
	StepEdit     BudgetStep = "edit"     // the unit changes its draft
	StepSubmit   BudgetStep = "submit"   // the unit sends it for appraisal
	StepAppraise BudgetStep = "appraise" // finance records amounts and comments per line
	StepReturn   BudgetStep = "return"   // finance returns it for revision
	StepForward  BudgetStep = "forward"  // finance forwards it for approval
	StepApprove  BudgetStep = "approve"  // finance records the approving decision
	StepAllocate BudgetStep = "allocate" // finance records an allocation
	StepSpend    BudgetStep = "spend"    // the unit records spending
)

// Label returns the step in Vietnamese.
func (s BudgetStep) Label() string {
	switch s {
	case StepEdit:
		return "Chỉnh sửa"
	case StepSubmit:
		return "Gửi thẩm định"
	case StepAppraise:
		return "Thẩm định"
	case StepReturn:
		return "Trả lại để chỉnh sửa"
	case StepForward:
		return "Trình phê duyệt"
	case StepApprove:
		return "Ghi nhận phê duyệt"
	case StepAllocate:
		return "Ghi nhận cấp phát"
	case StepSpend:
		return "Ghi nhận chi"
	}
	return string(s)
}

// stepRule is who may take a step and from which statuses.
type stepRule struct {
	role     Role
	statuses []BudgetStatus
}

var budgetSteps = map[BudgetStep]stepRule{
	StepEdit:     {RoleUnitOfficer, []BudgetStatus{BudgetDraft, BudgetReturned}},
	StepSubmit:   {RoleUnitOfficer, []BudgetStatus{BudgetDraft, BudgetReturned}},
	StepAppraise: {RoleFinance, []BudgetStatus{BudgetSubmitted}},
	StepReturn:   {RoleFinance, []BudgetStatus{BudgetSubmitted}},
	StepForward:  {RoleFinance, []BudgetStatus{BudgetSubmitted}},
	StepApprove:  {RoleFinance, []BudgetStatus{BudgetForwarded}},
	StepAllocate: {RoleFinance, []BudgetStatus{BudgetApproved}},
	StepSpend:    {RoleUnitOfficer, []BudgetStatus{BudgetApproved}},
}

// CheckBudgetStep reports, with a message for the official, why u may not
// take step on e now; nil when it may. The access policy (Can) has already
// decided whether u may write the estimate at all; this decides whose turn
// it is. The system user skips the role check, never the status check.
func CheckBudgetStep(u *User, e *BudgetEstimate, step BudgetStep) error {
	rule, ok := budgetSteps[step]
	if !ok {
		return Errorf(EINVALID, "Thao tác %q không hợp lệ.", "Unknown step %q.", step)
	}
	if !u.IsSystem() && (u == nil || u.Role != rule.role) {
		if rule.role == RoleFinance {
			return Errorf(EFORBIDDEN, "Chỉ cơ quan tài chính (Sở Tài chính) mới được thực hiện bước “%[1]s”.",
				"Only the finance agency (Sở Tài chính) may do “%[2]s”.", step.Label(), stepEN[step])
		}
		return Errorf(EFORBIDDEN, "Chỉ cán bộ của đơn vị lập dự toán mới được thực hiện bước “%[1]s”; cơ quan tài chính thẩm định từng dòng hoặc trả lại để đơn vị chỉnh sửa.",
			"Only the unit that drafts the estimate may do “%[2]s”; the finance agency appraises each line or returns it for revision.", step.Label(), stepEN[step])
	}
	for _, s := range rule.statuses {
		if e.Status == s {
			return nil
		}
	}
	return Errorf(EINVALID, "Dự toán đang ở trạng thái “%[1]s”, chưa thể thực hiện bước “%[2]s”.",
		"The estimate is “%[3]s”; “%[4]s” is not possible now.", e.Status.Label(), step.Label(), statusEN[e.Status], stepEN[step])
}

var stepEN = map[BudgetStep]string{StepEdit: "edit", StepSubmit: "submit", StepAppraise: "appraise", StepReturn: "return",
	StepForward: "forward", StepApprove: "record approval", StepAllocate: "record allocation", StepSpend: "record spending"}

var statusEN = map[BudgetStatus]string{BudgetDraft: "draft", BudgetSubmitted: "awaiting appraisal", BudgetReturned: "returned for revision",
	BudgetForwarded: "appraised and forwarded", BudgetApproved: "approved"}

// BudgetAdvance moves an estimate on: submit, return, forward or approve.
// Note is the reason for a return (required) or a remark; Approval is the
// decision (approve only).
type BudgetAdvance struct {
	Version  int
	Step     BudgetStep
	Note     string
	Approval BudgetApproval
}

// LineAppraisal is the finance agency's word on one line.
type LineAppraisal struct {
	LineID  int64
	Amount  Money
	Comment string
}

// BudgetAppraisal records appraised amounts line by line.
type BudgetAppraisal struct {
	Version int
	Lines   []LineAppraisal
}

// BudgetEvent is one step taken, for the estimate's history.
type BudgetEvent struct {
	At       time.Time  `json:"at"`
	UserID   int64      `json:"user_id"`
	Username string     `json:"username"`
	Step     BudgetStep `json:"step"`
	Revision int        `json:"revision"`
	Note     string     `json:"note,omitempty"`
}

// BudgetEntryKind tells an allocation (cấp phát) from spending (chi).
type BudgetEntryKind string

// Entry kinds.
const (
	EntryAllocation BudgetEntryKind = "allocation"
	EntrySpending   BudgetEntryKind = "spending"
)

// BudgetEntry is money allocated to or spent on an approved line.
type BudgetEntry struct {
	ID         int64           `json:"id,omitempty"`
	EstimateID int64           `json:"estimate_id"`
	LineID     int64           `json:"line_id"`
	Kind       BudgetEntryKind `json:"kind"`
	Amount     Money           `json:"amount"`
	Date       Date            `json:"date"`
	Note       string          `json:"note,omitempty"`
	CreatedBy  int64           `json:"created_by,omitempty"`
	CreatedAt  time.Time       `json:"created_at,omitzero"`
}

// Validate checks the entry's own fields.
func (en *BudgetEntry) Validate() error {
	if en.Kind != EntryAllocation && en.Kind != EntrySpending {
		return Errorf(EINVALID, "Loại ghi nhận %q không hợp lệ.", "Unknown entry kind %q.", en.Kind)
	} else if en.Amount <= 0 || en.Amount > MaxMoney {
		return Errorf(EINVALID, "Số tiền ghi nhận phải lớn hơn 0.", "The amount must be greater than 0.")
	} else if en.Date.IsZero() {
		return Errorf(EINVALID, "Cần ghi ngày cấp phát hoặc chi.", "The date is required.")
	}
	return nil
}

// Step returns the workflow step that records the entry.
func (en *BudgetEntry) Step() BudgetStep {
	if en.Kind == EntryAllocation {
		return StepAllocate
	}
	return StepSpend
}
