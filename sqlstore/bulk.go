package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"ttdn"
)

// Bulk updates: one status or one update for many tasks, and a CSV of
// updates. Both run in one transaction and are all or nothing: a task the
// user may not update, or one bad row, refuses the whole batch.

var _ ttdn.ProgressCSVService = (*ProgressService)(nil)

// BulkUpdate sets status and/or adds update to every task of ids.
func (s *ProgressService) BulkUpdate(ctx context.Context, planID int64, ids []int64, status *ttdn.TaskStatus, update *ttdn.ProgressUpdate) error {
	if len(ids) == 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Hãy chọn ít nhất một nhiệm vụ.", "Select at least one task.")
	} else if status == nil && update == nil {
		return ttdn.Errorf(ttdn.EINVALID, "Hãy chọn trạng thái hoặc nhập nội dung cập nhật.", "Choose a status or enter an update.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		t, err := findTaskForUpdate(ctx, tx, id)
		if t != nil && t.PlanID != planID {
			// Not this list's task: answered as a task that does not
			// exist, whatever the user may do with it elsewhere.
			return errBulkTask(id, nil, errTaskNotFound())
		} else if err != nil {
			return errBulkTask(id, t, err)
		}
		u := bulkUpdateFor(t.ID, status, update)
		if err := u.Validate(); err != nil {
			return err
		} else if err := addProgress(ctx, tx, t, u); err != nil {
			return errBulkTask(id, t, err)
		}
	}
	return tx.Commit()
}

// bulkUpdateFor returns a copy of the batch's update for one task.
func bulkUpdateFor(taskID int64, status *ttdn.TaskStatus, update *ttdn.ProgressUpdate) *ttdn.ProgressUpdate {
	u := &ttdn.ProgressUpdate{}
	if update != nil {
		*u = *update
		u.Attachments = nil
		for _, a := range update.Attachments {
			c := *a
			u.Attachments = append(u.Attachments, &c)
		}
	}
	u.ID, u.TaskID = 0, taskID
	if status != nil {
		u.Status = status
	}
	return u
}

// errBulkTask names the task that refused the batch (by ID when the user
// may not see it, so its reference does not leak).
func errBulkTask(id int64, t *ttdn.Task, err error) error {
	name := "#" + strconv.FormatInt(id, 10)
	if t != nil && t.Ref != "" && ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
		name = t.Ref
	}
	return &ttdn.Error{Code: ttdn.ErrorCode(err),
		Message:   "Nhiệm vụ " + name + ": " + ttdn.ErrorMessage(err, "vi") + " Không nhiệm vụ nào được cập nhật.",
		MessageEN: "Task " + name + ": " + ttdn.ErrorMessage(err, "en") + " No task was updated."}
}

// PreviewProgressCSV shows what a CSV of updates would change in plan
// planID, row by row, with every error; it changes nothing.
func (s *ProgressService) PreviewProgressCSV(ctx context.Context, planID int64, c *ttdn.ProgressCSV) (*ttdn.BulkPreview, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, _, err := previewCSV(ctx, tx, planID, c)
	return p, err
}

// ApplyProgressCSV applies every row of a CSV of updates, or none when
// any row has an error (EINVALID, with the preview listing the errors).
func (s *ProgressService) ApplyProgressCSV(ctx context.Context, planID int64, c *ttdn.ProgressCSV) (*ttdn.BulkPreview, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, tasks, err := previewCSV(ctx, tx, planID, c)
	if err != nil {
		return nil, err
	} else if !p.OK() {
		return p, ttdn.Errorf(ttdn.EINVALID, "Tệp CSV có %d lỗi: chưa cập nhật nhiệm vụ nào.", "The CSV file has %d errors: no task was updated.", len(p.Errors))
	}
	for _, row := range p.Rows {
		if err := addProgress(ctx, tx, tasks[row.TaskID], row.Update); err != nil {
			return p, errBulkTask(row.TaskID, tasks[row.TaskID], err)
		}
	}
	return p, tx.Commit()
}

// previewCSV resolves the rows against plan planID in tx and returns the
// preview with the tasks it names.
func previewCSV(ctx context.Context, tx *Tx, planID int64, c *ttdn.ProgressCSV) (*ttdn.BulkPreview, map[int64]*ttdn.Task, error) {
	if _, err := findReadablePlan(ctx, tx, planID); err != nil {
		return nil, nil, err
	}
	tasks := map[int64]*ttdn.Task{}
	var fault error
	lookup := func(ref string) (*ttdn.BulkTarget, *ttdn.Error) {
		target, e, err := lookupCSVTask(ctx, tx, planID, ref)
		if err != nil && fault == nil {
			fault = err
		}
		if target != nil {
			tasks[target.Task.ID] = target.Task
		}
		return target, e
	}
	p := ttdn.BuildBulkPreview(c, tx.today(), lookup)
	return p, tasks, fault
}

// lookupCSVTask finds the task a row names by ref ("III.5") or ID within
// the plan. A user-facing problem is the *ttdn.Error; a fault is the error.
func lookupCSVTask(ctx context.Context, tx *Tx, planID int64, ref string) (*ttdn.BulkTarget, *ttdn.Error, error) {
	clean := strings.ToUpper(strings.Trim(strings.TrimSpace(ref), "."))
	var id int64
	var err error
	if n, perr := strconv.ParseInt(clean, 10, 64); perr == nil {
		err = tx.QueryRowContext(ctx, `SELECT id FROM tasks WHERE plan_id = ? AND id = ?`, planID, n).Scan(&id)
	} else {
		err = tx.QueryRowContext(ctx, `SELECT id FROM tasks WHERE plan_id = ? AND UPPER(ref) = ? ORDER BY position, id LIMIT 1`,
			planID, clean).Scan(&id)
	}
	unknown := ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy nhiệm vụ %q trong kế hoạch.", "No task %q in the plan.", ref)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unknown, nil
	} else if err != nil {
		return nil, unknown, err
	}
	t, err := findTaskForUpdate(ctx, tx, id)
	switch ttdn.ErrorCode(err) {
	case "":
	case ttdn.ENOTFOUND:
		return nil, unknown, nil
	case ttdn.EFORBIDDEN, ttdn.EUNAUTHORIZED:
		return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền cập nhật nhiệm vụ %s.", "You may not update task %s.", t.Ref), nil
	default:
		return nil, unknown, err
	}
	return csvTarget(ctx, tx, t)
}

func csvTarget(ctx context.Context, tx *Tx, t *ttdn.Task) (*ttdn.BulkTarget, *ttdn.Error, error) {
	user := ttdn.UserFromContext(ctx)
	contribution, err := onlyCoordinates(ctx, tx, t, progressUnits(user, user.UnitID))
	if err != nil {
		return nil, nil, err
	}
	sub, err := hasSubtasks(ctx, tx, t.ID)
	if err != nil {
		return nil, nil, err
	}
	return &ttdn.BulkTarget{Task: t, Contribution: contribution, HasSubtasks: sub}, nil, nil
}
