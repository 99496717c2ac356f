package ttdn

import (
	"context"
	"strings"
	"time"
)

// TaskStatus is how far a task has come. Overdue is not a status: it is
// derived from the deadline.
type TaskStatus string

const (
	TaskNotStarted TaskStatus = "not_started"
	TaskInProgress TaskStatus = "in_progress"
	TaskDone       TaskStatus = "done"
	TaskCancelled  TaskStatus = "cancelled"
)

// TaskStatuses lists every status in display order.
var TaskStatuses = []TaskStatus{TaskNotStarted, TaskInProgress, TaskDone, TaskCancelled}

// Label returns the status in Vietnamese.
func (s TaskStatus) Label() string {
	switch s {
	case TaskNotStarted:
		return "Chưa thực hiện"
	case TaskInProgress:
		return "Đang thực hiện"
	case TaskDone:
		return "Hoàn thành"
	case TaskCancelled:
		return "Đã hủy"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s TaskStatus) Valid() bool {
	for _, v := range TaskStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// TaskRole is the part a unit plays in a task.
type TaskRole string

const (
	RoleLead         TaskRole = "lead"         // chủ trì
	RoleExecuting    TaskRole = "executing"    // thực hiện
	RoleCoordinating TaskRole = "coordinating" // phối hợp
)

// Label returns the role as plans write it.
func (r TaskRole) Label() string {
	switch r {
	case RoleLead:
		return "Chủ trì"
	case RoleExecuting:
		return "Thực hiện"
	case RoleCoordinating:
		return "Phối hợp"
	}
	return string(r)
}

// Task is one numbered item of a plan's tasks section ("III.5"), with the
// units that lead, execute and coordinate it and its deadline. A deadline is a
// date, or a text such as "Thường xuyên" or "Quý II/2019" with no date (the
// text is always kept as written).
type Task struct {
	ID           int64     `json:"id,omitempty"`
	PlanID       int64     `json:"plan_id,omitempty"`
	Ref          string    `json:"ref"` // "III.5"
	Title        string    `json:"title"`
	Body         string    `json:"body,omitempty"` // paragraphs after the title
	Lead         []UnitRef `json:"lead"`
	Executing    []UnitRef `json:"executing"`
	Coordinating []UnitRef `json:"coordinating"`
	Deadline     Date      `json:"deadline"`
	DeadlineText string    `json:"deadline_text"`
	// Product is the expected result as the plan states it ("Sản phẩm":
	// "Ấn phẩm", "Tin, bài, phóng sự"); empty when it states none.
	Product string `json:"product,omitempty"`

	Status  TaskStatus `json:"status,omitempty"`
	Percent int        `json:"percent,omitempty"`
	// Classification is the level readers are checked against: the
	// highest of OwnClassification, the plan's and the parent task's
	// (secrets flow down). OwnClassification is the level set on the task
	// itself; a task can be more secret than its plan, never less.
	Classification    Classification `json:"classification"`
	OwnClassification Classification `json:"own_classification"`
	Version           int            `json:"version,omitempty"`
	UpdatedAt         time.Time      `json:"updated_at,omitzero"`

	// Kind tells a section-III task from a duty of section V tracked like
	// one; ResponsibilityID is the duty's responsibility.
	Kind             TaskKind `json:"kind,omitempty"`
	ResponsibilityID int64    `json:"responsibility_id,omitempty"`
	// ParentID is the task this one is a sub-task of; a task with
	// sub-tasks derives its status and percent from them.
	ParentID int64 `json:"parent_id,omitempty"`
	// Recurrence is a deadline that comes back (monthly on the 20th…),
	// beside or instead of Deadline and DeadlineText.
	Recurrence Recurrence `json:"recurrence,omitzero"`
	// LastUpdateAt is when the last progress update was recorded (zero:
	// never).
	LastUpdateAt time.Time `json:"last_update_at,omitzero"`
}

// Validate checks what a task must have before it is stored.
func (t *Task) Validate() error {
	if strings.TrimSpace(t.Title) == "" {
		return Errorf(EINVALID, "Nhiệm vụ %s phải có nội dung.", "Task %s needs a title.", t.Ref).On("title")
	} else if t.Status != "" && !t.Status.Valid() {
		return Errorf(EINVALID, "Trạng thái %q không hợp lệ.", "Invalid status %q.", t.Status).On("status")
	} else if t.Percent < 0 || t.Percent > 100 {
		return Errorf(EINVALID, "Tỷ lệ hoàn thành phải từ 0 đến 100.", "Percent done must be between 0 and 100.").On("percent")
	} else if t.Kind != "" && t.Kind != TaskKindTask && t.Kind != TaskKindDuty {
		return Errorf(EINVALID, "Loại nhiệm vụ %q không hợp lệ.", "Invalid task kind %q.", t.Kind)
	}
	return t.Recurrence.Validate()
}

// Units returns the task's unit references with the role each plays.
func (t *Task) Units() map[TaskRole][]UnitRef {
	return map[TaskRole][]UnitRef{RoleLead: t.Lead, RoleExecuting: t.Executing, RoleCoordinating: t.Coordinating}
}

// UnitIDs returns the IDs of the resolved units (not groups) named on the task.
func (t *Task) UnitIDs() []int64 {
	var ids []int64
	for _, refs := range [][]UnitRef{t.Lead, t.Executing, t.Coordinating} {
		for _, r := range refs {
			if r.ID != 0 && !r.Group {
				ids = append(ids, r.ID)
			}
		}
	}
	return ids
}

// Overdue reports whether the task is past its dated deadline on day and not
// finished.
func (t *Task) Overdue(day Date) bool {
	return !t.Deadline.IsZero() && t.Deadline.Before(day) && t.Status != TaskDone && t.Status != TaskCancelled
}

// TaskFilter selects tasks. UnitID matches a unit named on the task directly
// or through a group it belongs to; Role narrows that to one role.
type TaskFilter struct {
	ID       *int64
	PlanID   *int64
	UnitID   *int64
	Role     *TaskRole
	Status   *TaskStatus
	Kind     *TaskKind // TaskKindTask keeps section III apart from duties
	ParentID *int64    // the sub-tasks of one task
	Offset   int
	Limit    int
	// Choices asks for a picker's list: each task's own fields without its
	// lead, executing and coordinating units, which a <select> never shows.
	Choices bool
	// NoTotal leaves the total 0, for callers that show no total: counting
	// every readable task for a picker was half of FindTasks's cost.
	NoTotal bool
	// NewestPlansFirst orders the tasks of the newest plans (by year) first,
	// each plan's in its own order: a picker over every plan, capped, shows
	// this year's tasks, not those of the oldest plans. Offset is ignored.
	NewestPlansFirst bool
}

// TaskUpdate changes a task. Version must equal the task's current version, or
// the update is refused with ECONFLICT.
type TaskUpdate struct {
	Version        int
	Title          *string
	Body           *string
	Lead           *[]UnitRef
	Executing      *[]UnitRef
	Coordinating   *[]UnitRef
	Deadline       *Date
	DeadlineText   *string
	Status         *TaskStatus
	Percent        *int
	Classification *Classification // the task's own level (its plan's may be higher)
	Recurrence     *Recurrence
	// Reason is required once the plan is issued: the change is then an
	// amendment, kept with its reason in the plan's history.
	Reason string
}

// TaskService manages tasks.
type TaskService interface {
	FindTaskByID(ctx context.Context, id int64) (*Task, error)
	FindTasks(ctx context.Context, filter TaskFilter) ([]*Task, int, error)
	CreateTask(ctx context.Context, t *Task) error
	UpdateTask(ctx context.Context, id int64, upd TaskUpdate) (*Task, error)
}
