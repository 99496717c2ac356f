package sqlstore

import (
	"context"
	"strings"
	"time"

	"ttdn"
)

// ProgressService records the execution of tasks: progress updates with
// their evidence, unit activity and bulk updates.
type ProgressService struct{ db *DB }

// NewProgressService returns the progress service on db.
func NewProgressService(db *DB) *ProgressService { return &ProgressService{db: db} }

var _ ttdn.ProgressService = (*ProgressService)(nil)

// vietnamZone is Vietnam's time (UTC+7, no daylight saving): the day an
// update is recorded is the official's day, not UTC's.
var vietnamZone = time.FixedZone("ICT", 7*3600)

// today returns the transaction's date in Vietnam.
func (tx *Tx) today() ttdn.Date { return ttdn.DateOf(tx.now.In(vietnamZone)) }

// AddProgressUpdate stores u with its attachments and applies it to its
// task, all in one transaction.
func (s *ProgressService) AddProgressUpdate(ctx context.Context, u *ttdn.ProgressUpdate) error {
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t, err := findTaskForUpdate(ctx, tx, u.TaskID)
	if err != nil {
		return err
	} else if err := addProgress(ctx, tx, t, u); err != nil {
		return err
	}
	return tx.Commit()
}

// findTaskForUpdate loads a task the acting user may report progress on:
// one of a plan that is not closed (a closed plan changes not at all).
func findTaskForUpdate(ctx context.Context, tx *Tx, id int64) (*ttdn.Task, error) {
	t, err := findTaskByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := authorize(ctx, ttdn.ActionUpdate, taskResource(t), errTaskNotFound()); err != nil {
		return t, err
	}
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM plans WHERE id = ?`, t.PlanID).Scan(&status); err != nil {
		return nil, err
	}
	if ttdn.PlanStatus(status) == ttdn.PlanClosed {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Kế hoạch của nhiệm vụ %s đã kết thúc: không ghi nhận thêm tiến độ; hãy mở lại kế hoạch trước.",
			"The plan of task %s is closed: no more progress can be recorded; reopen the plan first.", t.Ref)
	}
	return t, nil
}

// addProgress is the body of every way to add an update (one, bulk, CSV):
// decide the unit and whether it contributes, store the update and its
// files, move the task and its parents, audit.
func addProgress(ctx context.Context, tx *Tx, t *ttdn.Task, u *ttdn.ProgressUpdate) error {
	if err := prepareProgress(ctx, tx, t, u); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO progress_updates (task_id, unit_id, user_id, username, date, text, percent,
		status, contribution, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, idArg(u.UnitID), u.UserID, u.Username, u.Date.ISO(), strings.TrimSpace(u.Text), intPtrArg(u.Percent),
		statusPtrArg(u.Status), u.Contribution, tx.now)
	if err != nil {
		return err
	}
	u.ID, u.CreatedAt = id, tx.now
	if err := insertAttachments(ctx, tx, ttdn.ResourceProgress, id, u.Attachments); err != nil {
		return err
	} else if err := applyProgress(ctx, tx, t, u); err != nil {
		return err
	}
	return tx.audit(ctx, "create", ttdn.ResourceProgress, id, nil, u)
}

// prepareProgress fills the update's user, unit, date and contribution
// flag, refusing what the user may not record.
func prepareProgress(ctx context.Context, tx *Tx, t *ttdn.Task, u *ttdn.ProgressUpdate) error {
	user := ttdn.UserFromContext(ctx)
	u.TaskID, u.UserID, u.Username = t.ID, user.ID, user.Username
	if u.UnitID == 0 {
		u.UnitID = user.UnitID
	} else if !user.IsSystem() && user.Role != ttdn.RoleCoordinator && !user.InScope(u.UnitID) {
		return ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn chỉ được cập nhật tiến độ thay cho đơn vị của mình.", "You may only record progress for your own unit.")
	}
	if u.Date.IsZero() {
		u.Date = tx.today()
	} else if tx.today().Before(u.Date) {
		return ttdn.Errorf(ttdn.EINVALID, "Ngày cập nhật %s ở tương lai.", "The update date %s is in the future.", u.Date)
	}
	contribution, err := onlyCoordinates(ctx, tx, t, progressUnits(user, u.UnitID))
	if err != nil {
		return err
	}
	u.Contribution = contribution
	if !contribution && (u.Status != nil || u.Percent != nil) {
		if sub, err := hasSubtasks(ctx, tx, t.ID); err != nil {
			return err
		} else if sub {
			return ttdn.ErrDerivedProgress(t)
		}
	}
	return nil
}

// progressUnits returns the units an update speaks for: the user's own
// unit and those below it, or the one unit named.
func progressUnits(user *ttdn.User, unitID int64) []int64 {
	if unitID != 0 && unitID == user.UnitID {
		return append([]int64{unitID}, user.ScopeUnitIDs...)
	} else if unitID != 0 {
		return []int64{unitID}
	}
	return nil
}

// onlyCoordinates reports whether units appear on t only as coordinating
// units (directly or through a group): their updates are contributions. A
// unit not named at all (the coordinator) updates the task itself.
func onlyCoordinates(ctx context.Context, tx *Tx, t *ttdn.Task, units []int64) (bool, error) {
	if len(units) == 0 {
		return false, nil
	}
	roles := map[ttdn.TaskRole]bool{}
	for role, refs := range t.Units() {
		for _, r := range refs {
			in, err := refCovers(ctx, tx, r, units)
			if err != nil {
				return false, err
			}
			roles[role] = roles[role] || in
		}
	}
	return roles[ttdn.RoleCoordinating] && !roles[ttdn.RoleLead] && !roles[ttdn.RoleExecuting], nil
}

// refCovers reports whether r names one of units, or a group holding one.
func refCovers(ctx context.Context, tx *Tx, r ttdn.UnitRef, units []int64) (bool, error) {
	if r.ID == 0 {
		return false, nil
	} else if !r.Group {
		for _, id := range units {
			if id == r.ID {
				return true, nil
			}
		}
		return false, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM unit_group_members WHERE group_id = ? AND unit_id IN (`+
		placeholders(len(units))+`)`, append([]any{r.ID}, int64Args(units)...)...).Scan(&n)
	return n > 0, err
}

// applyProgress moves the task (unless the update is a contribution),
// stamps its last update and carries the change to its parents.
func applyProgress(ctx context.Context, tx *Tx, t *ttdn.Task, u *ttdn.ProgressUpdate) error {
	if err := lockTaskChain(ctx, tx, t); err != nil {
		return err
	}
	status, percent := t.Status, t.Percent
	if !u.Contribution {
		status, percent = u.Apply(t)
	}
	if status == t.Status && percent == t.Percent {
		_, err := tx.exec(ctx, `UPDATE tasks SET last_update_at = ? WHERE id = ?`, tx.now, t.ID)
		t.LastUpdateAt = tx.now
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE tasks SET status = ?, percent = ?, last_update_at = ?, version = version + 1,
		updated_at = ? WHERE id = ?`, string(status), percent, tx.now, tx.now, t.ID); err != nil {
		return err
	}
	t.Status, t.Percent, t.LastUpdateAt, t.Version, t.UpdatedAt = status, percent, tx.now, t.Version+1, tx.now
	return deriveAncestors(ctx, tx, t.ParentID)
}

func intPtrArg(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func statusPtrArg(p *ttdn.TaskStatus) any {
	if p == nil {
		return nil
	}
	return string(*p)
}
