package ttdn

import (
	"context"
	"strings"
	"time"
)

// TaskKind tells a task of section III from a duty of section V tracked
// like a task.
type TaskKind string

const (
	TaskKindTask TaskKind = "task" // nhiệm vụ (mục III)
	TaskKindDuty TaskKind = "duty" // trách nhiệm của đơn vị (mục V)
)

// Resource kinds of execution records, used as audit entities. Their access
// follows the record that owns them: a progress update and its attachments
// are read and written under the policy of their task.
const (
	ResourceProgress     ResourceKind = "progress_update"
	ResourceAttachment   ResourceKind = "attachment"
	ResourceNotification ResourceKind = "notification"
	ResourceSettings     ResourceKind = "settings"
)

// ProgressUpdate is one report of work on a task by a unit (cập nhật tiến
// độ): what was done, on which date, optionally a new percent and status,
// with evidence attached. An update by a unit that only coordinates the
// task is a Contribution: it is kept with the task but does not change the
// lead's status or percent.
type ProgressUpdate struct {
	ID           int64         `json:"id,omitempty"`
	TaskID       int64         `json:"task_id"`
	UnitID       int64         `json:"unit_id,omitempty"`
	UserID       int64         `json:"user_id,omitempty"`
	Username     string        `json:"username,omitempty"`
	Date         Date          `json:"date"`
	Text         string        `json:"text"`
	Percent      *int          `json:"percent,omitempty"`
	Status       *TaskStatus   `json:"status,omitempty"`
	Contribution bool          `json:"contribution"`
	Attachments  []*Attachment `json:"attachments,omitempty"`
	CreatedAt    time.Time     `json:"created_at,omitzero"`
}

// Validate checks an update before it is stored.
func (u *ProgressUpdate) Validate() error {
	if u.TaskID == 0 {
		return Errorf(EINVALID, "Cập nhật tiến độ phải gắn với một nhiệm vụ.", "A progress update needs a task.")
	} else if strings.TrimSpace(u.Text) == "" && u.Percent == nil && u.Status == nil {
		return Errorf(EINVALID, "Hãy nhập nội dung, tỷ lệ hoặc trạng thái cập nhật.", "Enter a text, a percent or a status.")
	} else if u.Percent != nil && (*u.Percent < 0 || *u.Percent > 100) {
		return Errorf(EINVALID, "Tỷ lệ hoàn thành phải từ 0 đến 100.", "Percent done must be between 0 and 100.")
	} else if u.Status != nil && !u.Status.Valid() {
		return Errorf(EINVALID, "Trạng thái %q không hợp lệ.", "Invalid status %q.", *u.Status)
	} else if len([]rune(u.Text)) > 20000 {
		return Errorf(EINVALID, "Nội dung cập nhật quá dài (tối đa 20.000 ký tự).", "The update text is too long (at most 20,000 characters).")
	}
	return nil
}

// Apply returns the status and percent t has after u, when u is not a
// contribution: a status given wins; done means 100%; a percent alone
// starts a task not yet started and finishes it at 100.
func (u *ProgressUpdate) Apply(t *Task) (TaskStatus, int) {
	status, percent := t.Status, t.Percent
	if u.Percent != nil {
		percent = *u.Percent
		switch {
		case percent == 100:
			status = TaskDone
		case percent > 0 && status == TaskNotStarted:
			status = TaskInProgress
		}
	}
	if u.Status != nil {
		status = *u.Status
		if status == TaskDone && u.Percent == nil {
			percent = 100
		}
	}
	return status, percent
}

// DeriveProgress returns the status and percent of a task from its
// sub-tasks: the percent is the mean of the sub-tasks not cancelled; all
// done is done, all cancelled is cancelled, any work started is in progress.
func DeriveProgress(children []*Task) (TaskStatus, int) {
	var sum, n, done, started int
	for _, c := range children {
		if c.Status == TaskCancelled {
			continue
		}
		n++
		sum += c.Percent
		if c.Status == TaskDone {
			done++
		}
		if c.Status != TaskNotStarted || c.Percent > 0 {
			started++
		}
	}
	switch {
	case n == 0 && len(children) > 0:
		return TaskCancelled, 0
	case n == 0:
		return TaskNotStarted, 0
	case done == n:
		return TaskDone, 100
	case started > 0:
		return TaskInProgress, sum / n
	}
	return TaskNotStarted, sum / n
}

// DaysSince returns the whole days from t to now, or -1 when t is zero
// (never).
func DaysSince(t, now time.Time) int {
	if t.IsZero() {
		return -1
	}
	return max(0, int(now.Sub(t)/(24*time.Hour)))
}

// DaysSinceUpdate returns the whole days since the task's last progress
// update, or -1 when it has none.
func (t *Task) DaysSinceUpdate(now time.Time) int { return DaysSince(t.LastUpdateAt, now) }

// DueOn returns the task's next due date on or after day: its dated
// deadline, else the next occurrence of its recurrence, else zero ("Thường
// xuyên").
func (t *Task) DueOn(day Date) Date {
	if !t.Deadline.IsZero() {
		return t.Deadline
	}
	return t.Recurrence.Next(day)
}

// Finished reports whether the task is done or cancelled.
func (t *Task) Finished() bool { return t.Status == TaskDone || t.Status == TaskCancelled }

// UnitActivity is how recently one unit has reported on its open tasks.
type UnitActivity struct {
	UnitID       int64     `json:"unit_id"`
	UnitName     string    `json:"unit_name"`
	OpenTasks    int       `json:"open_tasks"`
	LastUpdateAt time.Time `json:"last_update_at,omitzero"`
	// Since is what staleness is measured from: the last update, or when
	// the unit's oldest open plan was issued (created) if it never reported.
	Since           time.Time `json:"since"`
	DaysSinceUpdate int       `json:"days_since_update"`
	Stale           bool      `json:"stale"`
}

// UnitActivityFilter selects units for FindUnitActivity. StaleOnly keeps the
// units with no update for StaleDays (the setting when 0).
type UnitActivityFilter struct {
	PlanID    *int64
	UnitID    *int64
	StaleOnly bool
	StaleDays int
}

// ProgressFilter selects progress updates.
type ProgressFilter struct {
	IDs    []int64 // only these updates; nil: any
	TaskID *int64
	UnitID *int64
	Offset int
	Limit  int
}

// ProgressService records and reads task execution.
type ProgressService interface {
	// AddProgressUpdate stores u (and its attachments) and, unless it is a
	// contribution, the task's new status and percent, in one transaction.
	AddProgressUpdate(ctx context.Context, u *ProgressUpdate) error
	FindProgressUpdates(ctx context.Context, f ProgressFilter) ([]*ProgressUpdate, int, error)
	// FindUnitActivity returns, per unit with open tasks, the days since
	// its last update and whether it is stale.
	FindUnitActivity(ctx context.Context, f UnitActivityFilter) ([]*UnitActivity, error)
	// BulkUpdate sets status and/or adds one update to every task of ids,
	// all or nothing. Every task must be one of plan planID's: a task of
	// another plan is refused as one that does not exist.
	BulkUpdate(ctx context.Context, planID int64, ids []int64, status *TaskStatus, update *ProgressUpdate) error
}
