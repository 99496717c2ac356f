package sqlstore

import (
	"context"
	"slices"
	"strings"

	"ttdn"
)

// CreateTask adds a task at the end of its plan and sets its ID, status and
// version. Unit refs given by code are resolved to stored IDs.
func (s *TaskService) CreateTask(ctx context.Context, t *ttdn.Task) error {
	if err := authorize(ctx, ttdn.ActionCreate, taskResource(t), nil); err != nil {
		return err
	} else if err := t.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The plan's and the parent's levels are read under a share lock
	// (shareParents): a change of them under way is waited for, and waits
	// for this one.
	if err := shareParents(ctx, tx, []int64{t.PlanID}, []int64{t.ParentID}, nil); err != nil {
		return err
	}
	if p, err := findPlanHeader(ctx, tx, t.PlanID); err != nil {
		return err
	} else if p.Status != ttdn.PlanDraft {
		return errNotDraft(p)
	}
	var pos int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM tasks WHERE plan_id = ?`, t.PlanID).Scan(&pos); err != nil {
		return err
	}
	if err := checkParent(ctx, tx, t); err != nil {
		return err
	} else if err := insertTask(ctx, tx, newRefIndex(tx), t, pos); err != nil {
		return err
	} else if err := deriveAncestors(ctx, tx, t.ParentID); err != nil {
		return err
	} else if err := reclassifyPlan(ctx, tx, t.PlanID); err != nil {
		return err
	} else if err := refreshTaskLevels(ctx, tx, []*ttdn.Task{t}); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceTask, t.ID, nil, t); err != nil {
		return err
	}
	return tx.Commit()
}

// insertTask stores t at position pos of its plan, with its units.
func insertTask(ctx context.Context, tx *Tx, ix *refIndex, t *ttdn.Task, pos int) error {
	if t.Status == "" {
		t.Status = ttdn.TaskNotStarted
	}
	if t.Kind == "" {
		t.Kind = ttdn.TaskKindTask
	}
	t.Version, t.UpdatedAt = 1, tx.now
	id, err := tx.insertID(ctx, `INSERT INTO tasks (plan_id, ref, position, title, body, deadline, deadline_text,
		status, percent, classification, own_classification, version, updated_at, kind, responsibility_id, parent_id,
		recurrence, last_update_at, product) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.PlanID, t.Ref, pos, t.Title, t.Body, dateArg(t.Deadline), t.DeadlineText, string(t.Status), t.Percent,
		t.Classification.String(), t.Classification.String(), t.Version, tx.now, string(t.Kind), idArg(t.ResponsibilityID), idArg(t.ParentID),
		t.Recurrence.String(), timeArg(t.LastUpdateAt), t.Product)
	if err != nil {
		return err
	}
	// The level asked for is the task's own; the plan's and the parent's
	// may raise it (reclassifyPlan, once the plan's tasks are in).
	t.ID, t.OwnClassification = id, t.Classification
	return insertTaskUnits(ctx, tx, ix, t)
}

// insertTaskUnits resolves and stores the task's unit refs, role by role.
func insertTaskUnits(ctx context.Context, tx *Tx, ix *refIndex, t *ttdn.Task) error {
	for _, role := range []ttdn.TaskRole{ttdn.RoleLead, ttdn.RoleExecuting, ttdn.RoleCoordinating} {
		refs := t.Units()[role]
		if err := ix.resolveAll(ctx, refs); err != nil {
			return err
		}
		for i, r := range refs {
			args := append([]any{t.ID, string(role), i}, refArgs(r)...)
			if _, err := tx.exec(ctx, `INSERT INTO task_units (task_id, role, position, unit_id, group_id, name, text)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
				return err
			}
		}
	}
	return nil
}

// UpdateTask applies upd if upd.Version is the task's current version.
// Changing what a task asks and of whom is the coordinator's
// (ttdn.ActionAmend): freely while the plan is a draft, by amendment with a
// reason kept in the plan's history once it is issued, not at all once it
// is closed. Unit officers report progress instead (ProgressService).
func (s *TaskService) UpdateTask(ctx context.Context, id int64, upd ttdn.TaskUpdate) (*ttdn.Task, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findTaskByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := authorize(ctx, ttdn.ActionAmend, taskResource(before), errTaskNotFound()); err != nil {
		return nil, err
	} else if err := shareParents(ctx, tx, []int64{before.PlanID}, nil, nil); err != nil {
		return nil, err // the plan's level, as in CreateTask
	}
	plan, err := findPlanHeader(ctx, tx, before.PlanID)
	if err != nil {
		return nil, err
	}
	switch {
	case plan.Status == ttdn.PlanClosed:
		return nil, errNotDraft(plan)
	case plan.Status != ttdn.PlanDraft && strings.TrimSpace(upd.Reason) == "":
		return nil, ttdn.Errorf(ttdn.EINVALID,
			"Kế hoạch %s đã ban hành: sửa nhiệm vụ là điều chỉnh kế hoạch, hãy ghi rõ lý do.",
			"Plan %s has been issued: changing a task amends the plan; give the reason.", planName(plan)).On("reason")
	case upd.Version != before.Version:
		return nil, errConflict()
	}
	t := applyTaskUpdate(*before, upd)
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if t.OwnClassification != before.OwnClassification {
		// The levels above it are read under a share lock, its own is
		// locked before its row, as every level change takes them
		// (reclassifyPlan), in id order (a parent is made before its
		// sub-tasks): computed from its parent's level before a change of
		// that committed, its level was left below the parent's; and a
		// change of its parent's level holding this lock and waiting for
		// the row deadlocked with it (TestConcurrentTaskAndSubtaskLevels).
		above, err := taskAncestors(ctx, tx, before.ParentID)
		if err != nil {
			return nil, err
		}
		slices.Sort(above)
		if err := lockTaskLevels(ctx, tx, above, false); err != nil {
			return nil, err
		} else if err := lockTaskLevels(ctx, tx, []int64{id}, true); err != nil {
			return nil, err
		}
	}
	if err := updateTask(ctx, tx, &t, upd); err != nil {
		return nil, err
	} else if err := reclassifyPlan(ctx, tx, t.PlanID); err != nil {
		return nil, err
	} else if err := refreshTaskLevels(ctx, tx, []*ttdn.Task{&t}); err != nil {
		return nil, err
	} else if err := authorize(ctx, ttdn.ActionAmend, taskResource(&t), nil); err != nil {
		return nil, err
	} else if err := amendTaskHistory(ctx, tx, plan, upd.Reason, before, &t); err != nil {
		return nil, err
	} else if err := notifyTaskAmended(ctx, tx, plan, before, &t); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceTask, id, before, &t); err != nil {
		return nil, err
	}
	return &t, tx.Commit()
}

// amendTaskHistory keeps the change of a task of an issued plan, with its
// reason, in the plan's history (drafts change freely and keep none).
func amendTaskHistory(ctx context.Context, tx *Tx, plan *ttdn.Plan, reason string, before, after *ttdn.Task) error {
	if plan.Status == ttdn.PlanDraft {
		return nil
	}
	return insertHistory(ctx, tx, plan.ID, ttdn.HistoryAmendTask, reason, plan.Version, before, after)
}

func applyTaskUpdate(t ttdn.Task, upd ttdn.TaskUpdate) ttdn.Task {
	setIf(&t.Title, upd.Title)
	setIf(&t.Body, upd.Body)
	setIf(&t.Lead, cloneRefs(upd.Lead))
	setIf(&t.Executing, cloneRefs(upd.Executing))
	setIf(&t.Coordinating, cloneRefs(upd.Coordinating))
	setIf(&t.Deadline, upd.Deadline)
	setIf(&t.DeadlineText, upd.DeadlineText)
	setIf(&t.Status, upd.Status)
	setIf(&t.Percent, upd.Percent)
	setIf(&t.OwnClassification, upd.Classification)
	setIf(&t.Recurrence, upd.Recurrence)
	return t
}

// cloneRefs copies a ref list so resolving it does not write into the
// caller's update.
func cloneRefs(refs *[]ttdn.UnitRef) *[]ttdn.UnitRef {
	if refs == nil {
		return nil
	}
	c := append([]ttdn.UnitRef(nil), *refs...)
	return &c
}

// updateTask writes t over the stored row of the same version, bumps the
// version and, when upd changes units, replaces them.
func updateTask(ctx context.Context, tx *Tx, t *ttdn.Task, upd ttdn.TaskUpdate) error {
	res, err := tx.exec(ctx, `UPDATE tasks SET title = ?, body = ?, deadline = ?, deadline_text = ?, status = ?,
		percent = ?, own_classification = ?, recurrence = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		t.Title, t.Body, dateArg(t.Deadline), t.DeadlineText, string(t.Status), t.Percent,
		t.OwnClassification.String(), t.Recurrence.String(), tx.now, t.ID, t.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	t.Version, t.UpdatedAt = t.Version+1, tx.now
	if upd.Lead == nil && upd.Executing == nil && upd.Coordinating == nil {
		return nil
	}
	if _, err := tx.exec(ctx, `DELETE FROM task_units WHERE task_id = ?`, t.ID); err != nil {
		return err
	}
	return insertTaskUnits(ctx, tx, newRefIndex(tx), t)
}
