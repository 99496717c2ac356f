package ttdn

import "context"

// BulkTarget is what storage knows about the task a CSV row names, for
// the acting user: the task, whether the user's unit only coordinates it
// (its update is a contribution), and whether it has sub-tasks (its
// progress is derived, so a row may not set it).
type BulkTarget struct {
	Task         *Task
	Contribution bool
	HasSubtasks  bool
}

// BulkPreviewRow is what one CSV row will do to its task.
type BulkPreviewRow struct {
	Line         int             `json:"line"`
	TaskID       int64           `json:"task_id"`
	TaskRef      string          `json:"task_ref"`
	TaskTitle    string          `json:"task_title"`
	OldStatus    TaskStatus      `json:"old_status"`
	NewStatus    TaskStatus      `json:"new_status"`
	OldPercent   int             `json:"old_percent"`
	NewPercent   int             `json:"new_percent"`
	Date         Date            `json:"date"`
	Text         string          `json:"text,omitempty"`
	Contribution bool            `json:"contribution"`
	Update       *ProgressUpdate `json:"-"`
}

// Changed reports whether the row changes the task's status or percent.
func (r BulkPreviewRow) Changed() bool {
	return r.OldStatus != r.NewStatus || r.OldPercent != r.NewPercent
}

// BulkPreview is a CSV upload checked against the stored tasks. Nothing is
// applied while Errors is not empty.
type BulkPreview struct {
	Rows   []BulkPreviewRow `json:"rows"`
	Errors []RowError       `json:"errors"`
}

// OK reports whether the preview can be applied.
func (p *BulkPreview) OK() bool { return len(p.Errors) == 0 && len(p.Rows) > 0 }

// BuildBulkPreview resolves every row of c with lookup (which returns
// ENOTFOUND for an unknown reference or a task the user may not update) and
// computes each task's old and new status and percent. today dates rows
// without a date.
func BuildBulkPreview(c *ProgressCSV, today Date, lookup func(ref string) (*BulkTarget, *Error)) *BulkPreview {
	p := &BulkPreview{Errors: append([]RowError(nil), c.Errors...)}
	seen := map[int64]int{}
	for _, row := range c.Rows {
		target, err := lookup(row.TaskRef)
		if err != nil {
			p.Errors = append(p.Errors, rowError(row.Line, ColTask, err))
			continue
		}
		t := target.Task
		if first, dup := seen[t.ID]; dup {
			p.Errors = append(p.Errors, rowError(row.Line, ColTask, Errorf(EINVALID, "Nhiệm vụ %s đã có ở dòng %d.", "Task %s is already on line %d.", t.Ref, first)))
			continue
		}
		seen[t.ID] = row.Line
		if target.HasSubtasks && (row.Status != nil || row.Percent != nil) {
			p.Errors = append(p.Errors, rowError(row.Line, ColTask, errDerived(t)))
			continue
		}
		p.Rows = append(p.Rows, previewRow(row, t, target.Contribution, today))
	}
	return p
}

func previewRow(row ProgressCSVRow, t *Task, contribution bool, today Date) BulkPreviewRow {
	u := &ProgressUpdate{TaskID: t.ID, Date: row.Date, Text: row.Text, Percent: row.Percent, Status: row.Status, Contribution: contribution}
	if u.Date.IsZero() {
		u.Date = today
	}
	r := BulkPreviewRow{Line: row.Line, TaskID: t.ID, TaskRef: t.Ref, TaskTitle: t.Title, OldStatus: t.Status,
		NewStatus: t.Status, OldPercent: t.Percent, NewPercent: t.Percent, Date: u.Date, Text: row.Text,
		Contribution: contribution, Update: u}
	if !contribution {
		r.NewStatus, r.NewPercent = u.Apply(t)
	}
	return r
}

// errDerived refuses to set the progress of a task with sub-tasks.
func errDerived(t *Task) *Error {
	return Errorf(EINVALID, "Nhiệm vụ %s có nhiệm vụ con: trạng thái và tỷ lệ được tính từ các nhiệm vụ con.",
		"Task %s has sub-tasks: its status and percent are derived from them.", t.Ref)
}

// ErrDerivedProgress is errDerived for storage.
func ErrDerivedProgress(t *Task) error { return errDerived(t) }

// ProgressCSVService previews and applies a CSV of updates to one plan.
type ProgressCSVService interface {
	PreviewProgressCSV(ctx context.Context, planID int64, c *ProgressCSV) (*BulkPreview, error)
	// ApplyProgressCSV re-checks the preview in its transaction and applies
	// every row, or none when any row has an error (the preview is
	// returned either way).
	ApplyProgressCSV(ctx context.Context, planID int64, c *ProgressCSV) (*BulkPreview, error)
}
