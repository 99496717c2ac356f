package ttdn

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// A plan's life: a draft is edited freely; issuing it records its number,
// issue date and signer; after that it changes only by amendments, each with
// a reason kept in its history; closing it ends it.

// PlanIssue is what issuing a draft records. Version must be the draft's
// current version.
type PlanIssue struct {
	Version     int
	Number      string
	IssuedOn    Date
	Signer      string
	SignerTitle string
}

// Validate checks an issue has its number, date and signer.
func (i PlanIssue) Validate() error {
	if strings.TrimSpace(i.Number) == "" {
		return Errorf(EINVALID, "Ban hành kế hoạch cần số, ký hiệu văn bản.", "Issuing a plan needs its number.").On("number")
	} else if i.IssuedOn.IsZero() {
		return Errorf(EINVALID, "Ban hành kế hoạch cần ngày ban hành.", "Issuing a plan needs its issue date.").On("issued_on")
	} else if strings.TrimSpace(i.Signer) == "" {
		return Errorf(EINVALID, "Ban hành kế hoạch cần người ký.", "Issuing a plan needs its signer.").On("signer")
	}
	return nil
}

// PlanHistoryEntry is one step of a plan's life: issued, amended (with the
// reason and the header before and after, as JSON), closed or copied.
type PlanHistoryEntry struct {
	ID       int64     `json:"id"`
	PlanID   int64     `json:"plan_id"`
	Action   string    `json:"action"` // "issue", "amend", "close", "copy"
	Reason   string    `json:"reason,omitempty"`
	Version  int       `json:"version"` // the plan's version after the step
	Before   string    `json:"before,omitempty"`
	After    string    `json:"after,omitempty"`
	UserID   int64     `json:"user_id"`
	Username string    `json:"username"`
	At       time.Time `json:"at"`
}

// Plan history actions.
const (
	HistoryIssue = "issue"
	HistoryAmend = "amend"
	HistoryClose = "close"
	HistoryCopy  = "copy"
	// HistoryAmendTask records an amendment of one task of an issued plan
	// (Before and After are the task as JSON).
	HistoryAmendTask = "amend_task"
	HistoryReopen    = "reopen"
)

// PlanLink says a plan implements another plan or programme (triển khai
// thực hiện): a stored plan (TargetPlanID) or a document cited by number when
// it is not stored (KH 235/KH-UBND, QĐ 30/QĐ-TTg…).
type PlanLink struct {
	TargetPlanID int64  `json:"target_plan_id,omitempty"`
	Number       string `json:"number,omitempty"`
	Kind         string `json:"kind,omitempty"` // "Kế hoạch", "Quyết định", "Đề án"…
	Date         Date   `json:"date"`
	Title        string `json:"title,omitempty"`
}

// Validate checks the link names a plan or a document number.
func (l PlanLink) Validate() error {
	if l.TargetPlanID == 0 && strings.TrimSpace(l.Number) == "" {
		return Errorf(EINVALID, "Liên kết phải chỉ tới một kế hoạch đã lưu hoặc số hiệu văn bản.", "A link needs a stored plan or a document number.")
	}
	return nil
}

// PlanNode is one node of a plan tree: a stored plan (PlanID set) or a
// document known only by its citation. Implements goes up, to what the
// node implements; ImplementedBy goes down, to the plans implementing it.
type PlanNode struct {
	PlanID        int64       `json:"plan_id,omitempty"`
	Number        string      `json:"number"`
	Kind          string      `json:"kind,omitempty"`
	Title         string      `json:"title"`
	Year          int         `json:"year,omitempty"`
	Status        PlanStatus  `json:"status,omitempty"`
	Implements    []*PlanNode `json:"implements,omitempty"`
	ImplementedBy []*PlanNode `json:"implemented_by,omitempty"`
}

// PlanLifecycleService moves plans through their life.
type PlanLifecycleService interface {
	IssuePlan(ctx context.Context, id int64, iss PlanIssue) (*Plan, error)
	// AmendPlan changes an issued plan; reason is required and kept.
	AmendPlan(ctx context.Context, id int64, upd PlanUpdate, reason string) (*Plan, error)
	ClosePlan(ctx context.Context, id int64, version int, reason string) (*Plan, error)
	// ReopenPlan makes a closed plan issued again; reason is required and
	// kept. A closed plan changes not at all until reopened.
	ReopenPlan(ctx context.Context, id int64, version int, reason string) (*Plan, error)
	FindPlanHistory(ctx context.Context, id int64) ([]*PlanHistoryEntry, error)
	SetPlanLinks(ctx context.Context, id int64, links []PlanLink) error
	FindPlanTree(ctx context.Context, id int64) (*PlanNode, error)
	// CopyPlan copies a plan into a draft for year: tasks, units, schedule,
	// responsibilities, every date moved by the difference in years.
	CopyPlan(ctx context.Context, id int64, year int) (*Plan, error)
}

// ShiftYears moves d by n years; 29/02 becomes 28/02 in a common year.
func (d Date) ShiftYears(n int) Date {
	if d.IsZero() {
		return d
	}
	return clampDate(d.Year+n, int(d.Month), d.Day)
}

// CopyForYear returns a new draft of p for year: same parts, dates moved,
// the title's year replaced, no number, issue date or progress. Sub-tasks
// keep their parent by position: ParentIndex[i] is the index in Tasks of
// task i's parent, or -1.
func (p *Plan) CopyForYear(year int) (c *Plan, parentIndex []int) {
	n := year - p.Year
	cp := *p
	cp.ID, cp.Number, cp.IssuedOn, cp.Status, cp.Version = 0, "", Date{}, PlanDraft, 0
	cp.CreatedAt, cp.UpdatedAt = time.Time{}, time.Time{}
	cp.Year = year
	if p.Year != 0 {
		cp.Title = strings.ReplaceAll(p.Title, strconv.Itoa(p.Year), strconv.Itoa(year))
	}
	index := map[int64]int{}
	cp.Tasks = make([]*Task, len(p.Tasks))
	for i, t := range p.Tasks {
		index[t.ID] = i
		ct := *t
		ct.Classification = t.OwnClassification // the copy inherits from its own plan again
		ct.ID, ct.PlanID, ct.Version, ct.ParentID = 0, 0, 0, 0
		ct.Status, ct.Percent, ct.LastUpdateAt, ct.UpdatedAt = TaskNotStarted, 0, time.Time{}, time.Time{}
		ct.Deadline = t.Deadline.ShiftYears(n)
		ct.Lead, ct.Executing, ct.Coordinating = cloneUnitRefs(t.Lead), cloneUnitRefs(t.Executing), cloneUnitRefs(t.Coordinating)
		cp.Tasks[i] = &ct
	}
	parentIndex = make([]int, len(p.Tasks))
	for i, t := range p.Tasks {
		parentIndex[i] = -1
		if j, ok := index[t.ParentID]; ok && t.ParentID != 0 {
			parentIndex[i] = j
		}
	}
	cp.Responsibilities = make([]*Responsibility, len(p.Responsibilities))
	for i, r := range p.Responsibilities {
		cr := *r
		cr.ID, cr.PlanID, cr.DutyTaskIDs = 0, 0, nil
		cr.Units, cr.Duties = cloneUnitRefs(r.Units), append([]string(nil), r.Duties...)
		cp.Responsibilities[i] = &cr
	}
	return &cp, parentIndex
}

func cloneUnitRefs(refs []UnitRef) []UnitRef {
	if refs == nil {
		return nil
	}
	return append([]UnitRef(nil), refs...)
}
