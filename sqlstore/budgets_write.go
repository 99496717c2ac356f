package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"ttdn"
)

// CreateBudgetEstimate validates e, stores it as a draft and its first
// revision, and sets its ID, version and warnings.
func (s *BudgetService) CreateBudgetEstimate(ctx context.Context, e *ttdn.BudgetEstimate) error {
	e.Status = ttdn.BudgetDraft
	if err := authorize(ctx, ttdn.ActionCreate, budgetResource(e), nil); err != nil {
		return err
	} else if err := ttdn.CheckBudgetStep(ttdn.UserFromContext(ctx), e, ttdn.StepEdit); err != nil {
		return err
	} else if err := e.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := shareBudgetParents(ctx, tx, e); err != nil {
		return err
	} else if err := checkBudgetRefs(ctx, tx, e); err != nil {
		return err
	}
	e.Revision, e.Version, e.CreatedAt, e.UpdatedAt = 1, 1, tx.now, tx.now
	e.ID, err = tx.insertID(ctx, `INSERT INTO budget_estimates (unit_id, year, plan_id, title, title_key, justification, status,
		revision, version, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?)`,
		e.UnitID, e.Year, idArg(e.PlanID), e.Title, fold(e.Title), e.Justification, string(e.Status),
		ttdn.UserFromContext(ctx).ID, tx.now, tx.now)
	if err != nil {
		return err
	}
	if err := saveBudgetLines(ctx, tx, e, nil); err != nil {
		return err
	} else if err := refreshBudgetLevel(ctx, tx, e); err != nil {
		return err
	} else if err := writeBudgetState(ctx, tx, e, ttdn.StepEdit, ""); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceBudget, e.ID, nil, e); err != nil {
		return err
	}
	if e.Warnings, err = budgetWarnings(ctx, tx, e); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateBudgetEstimate changes a draft or returned estimate; a line whose
// amount or source changed loses its earlier appraisal.
func (s *BudgetService) UpdateBudgetEstimate(ctx context.Context, id int64, upd ttdn.BudgetUpdate) (*ttdn.BudgetEstimate, error) {
	tx, before, err := s.beginStep(ctx, id, upd.Version, ttdn.StepEdit)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e := cloneBudget(before)
	setIf(&e.Title, upd.Title)
	setIf(&e.Justification, upd.Justification)
	setIf(&e.PlanID, upd.PlanID)
	setIf(&e.Lines, upd.Lines)
	if err := e.Validate(); err != nil {
		return nil, err
	} else if err := shareBudgetParents(ctx, tx, e); err != nil {
		return nil, err // before its lines and row are written
	} else if err := checkBudgetRefs(ctx, tx, e); err != nil {
		return nil, err
	}
	if err := saveBudgetLines(ctx, tx, e, before); err != nil {
		return nil, err
	} else if err := refreshBudgetLevel(ctx, tx, e); err != nil {
		return nil, err
	}
	e.Revision++
	if err := writeBudgetState(ctx, tx, e, ttdn.StepEdit, ""); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceBudget, id, before, e); err != nil {
		return nil, err
	}
	if e.Warnings, err = budgetWarnings(ctx, tx, e); err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// anyVersion tells beginStep not to check the version.
const anyVersion = -1

// beginStep opens a write transaction on estimate id for step: it loads the
// estimate and refuses a hidden record, a user without the write right, a
// stale version and an act out of turn, in that order.
func (s *BudgetService) beginStep(ctx context.Context, id int64, version int, step ttdn.BudgetStep) (*Tx, *ttdn.BudgetEstimate, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	e, err := findBudgetByID(ctx, tx, id)
	if err == nil {
		err = authorize(ctx, ttdn.ActionUpdate, budgetResource(e), errBudgetNotFound())
	}
	if err == nil {
		err = ttdn.CheckBudgetStep(ttdn.UserFromContext(ctx), e, step)
	}
	if err == nil && version != anyVersion && version != e.Version {
		err = errConflict()
	}
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, e, nil
}

// cloneBudget copies e and its lines, so before and after can differ.
func cloneBudget(e *ttdn.BudgetEstimate) *ttdn.BudgetEstimate {
	c := *e
	c.Lines = make([]*ttdn.BudgetLine, len(e.Lines))
	for i, l := range e.Lines {
		cl := *l
		c.Lines[i] = &cl
	}
	c.Warnings = nil
	return &c
}

// shareBudgetParents locks the plan, tasks and activities e's level comes
// from (shareParents).
func shareBudgetParents(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate) error {
	var tasks, acts []int64
	for _, l := range e.Lines {
		tasks, acts = append(tasks, l.TaskID), append(acts, l.ActivityID)
	}
	return shareParents(ctx, tx, []int64{e.PlanID}, tasks, acts)
}

// checkBudgetRefs refuses a plan, task or activity that does not exist.
func checkBudgetRefs(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate) error {
	var tasks, acts []int64
	for _, l := range e.Lines {
		if l.TaskID != 0 {
			tasks = append(tasks, l.TaskID)
		}
		if l.ActivityID != 0 {
			acts = append(acts, l.ActivityID)
		}
	}
	for _, c := range []struct {
		table  string
		ids    []int64
		vi, en string
	}{{"units", []int64{e.UnitID}, "Đơn vị mã số %d không tồn tại.", "Unit id %d does not exist."},
		{"plans", dedupe([]int64{e.PlanID}), "Kế hoạch mã số %d không tồn tại.", "Plan id %d does not exist."},
		{"tasks", tasks, "Nhiệm vụ mã số %d không tồn tại.", "Task id %d does not exist."},
		{"activities", acts, "Hoạt động mã số %d không tồn tại.", "Activity id %d does not exist."}} {
		ids := c.ids
		if len(ids) == 1 && ids[0] == 0 {
			continue
		}
		find := func() (int64, error) { return firstMissing(ctx, tx, c.table, ids) }
		switch c.table { // a hidden record answers as a missing one
		case "tasks":
			find = func() (int64, error) { return firstUnreadableTask(ctx, tx, ids) }
		case "activities":
			find = func() (int64, error) { return firstUnreadableActivity(ctx, tx, ids) }
		case "plans":
			find = func() (int64, error) { return firstUnreadablePlan(ctx, tx, ids[0]) }
		}
		if id, err := find(); err != nil {
			return err
		} else if id != 0 {
			return ttdn.Errorf(ttdn.EINVALID, c.vi, c.en, id)
		}
	}
	return nil
}

// saveBudgetLines writes e's lines over before's: a line with a known ID is
// updated in place, others are inserted, the rest deleted.
func saveBudgetLines(ctx context.Context, tx *Tx, e, before *ttdn.BudgetEstimate) error {
	kept := map[int64]bool{}
	for i, l := range e.Lines {
		var prev *ttdn.BudgetLine
		if before != nil && l.ID != 0 {
			prev = before.Line(l.ID)
		}
		if prev == nil {
			l.ID, l.Appraised, l.AppraisalComment, l.Approved = 0, nil, "", nil
			id, err := tx.insertID(ctx, `INSERT INTO budget_lines (estimate_id, position, task_id, activity_id, item, quantity,
				unit_of_measure, unit_price, amount, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				e.ID, i, idArg(l.TaskID), idArg(l.ActivityID), l.Item, l.Quantity, l.UnitOfMeasure, int64(l.UnitPrice),
				int64(l.Amount), string(l.Source))
			if err != nil {
				return err
			}
			l.ID = id
			continue
		}
		kept[l.ID] = true
		l.Appraised, l.AppraisalComment, l.Approved = prev.Appraised, prev.AppraisalComment, nil
		if l.Amount != prev.Amount || l.Source != prev.Source {
			l.Appraised, l.AppraisalComment = nil, "" // the finance agency must look again
		}
		if _, err := tx.exec(ctx, `UPDATE budget_lines SET position = ?, task_id = ?, activity_id = ?, item = ?, quantity = ?,
			unit_of_measure = ?, unit_price = ?, amount = ?, source = ?, appraised = ?, appraisal_comment = ?
			WHERE id = ? AND estimate_id = ?`, i, idArg(l.TaskID), idArg(l.ActivityID), l.Item, l.Quantity, l.UnitOfMeasure,
			int64(l.UnitPrice), int64(l.Amount), string(l.Source), moneyArg(l.Appraised), l.AppraisalComment, l.ID, e.ID); err != nil {
			return err
		}
	}
	if before == nil {
		return nil
	}
	for _, l := range before.Lines {
		if !kept[l.ID] {
			if _, err := tx.exec(ctx, `DELETE FROM budget_lines WHERE id = ?`, l.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeBudgetState stores e's status, note, totals and revision over the
// row of e.Version, bumps the version, and records the step as an event
// and, when the content changed (a new revision), as a revision.
func writeBudgetState(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate, step ttdn.BudgetStep, note string) error {
	total, err := e.Total()
	if err != nil {
		return err
	}
	appraised, err := e.AppraisedTotal()
	if err != nil {
		return err
	}
	approved, err := e.ApprovedTotal()
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE budget_estimates SET title = ?, title_key = ?, justification = ?, plan_id = ?, status = ?,
		note = ?, approval_body = ?, approval_number = ?, approval_date = ?, revision = ?, total = ?, appraised_total = ?,
		approved_total = ?, submitted_at = ?, forwarded_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		e.Title, fold(e.Title), e.Justification, idArg(e.PlanID), string(e.Status), e.Note, e.Approval.Body, e.Approval.Number,
		dateArg(e.Approval.Date), e.Revision, int64(total), int64(appraised), int64(approved), timeArg(e.SubmittedAt),
		timeArg(e.ForwardedAt), tx.now, e.ID, e.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	e.Version, e.UpdatedAt = e.Version+1, tx.now
	if err := insertBudgetEvent(ctx, tx, e, step, note); err != nil {
		return err
	}
	if step == ttdn.StepEdit || step == ttdn.StepAppraise || step == ttdn.StepApprove {
		return insertBudgetRevision(ctx, tx, e, step)
	}
	return nil
}

func actor(ctx context.Context) (int64, string) {
	if u := ttdn.UserFromContext(ctx); u != nil {
		return u.ID, u.Username
	}
	return 0, "anonymous"
}

func insertBudgetEvent(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate, step ttdn.BudgetStep, note string) error {
	uid, name := actor(ctx)
	_, err := tx.exec(ctx, `INSERT INTO budget_events (estimate_id, at, user_id, username, step, revision, note)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, e.ID, tx.now, uid, name, string(step), e.Revision, note)
	return err
}

// insertBudgetRevision stores e's content as revision e.Revision.
func insertBudgetRevision(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate, step ttdn.BudgetStep) error {
	snap, err := json.Marshal(budgetSnapshot{Title: e.Title, Justification: e.Justification, Lines: e.Lines})
	if err != nil {
		return fmt.Errorf("sqlstore: encode budget revision: %w", err)
	}
	uid, name := actor(ctx)
	_, err = tx.exec(ctx, `INSERT INTO budget_revisions (estimate_id, number, at, user_id, username, step, status, snapshot)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.Revision, tx.now, uid, name, string(step), string(e.Status), string(snap))
	return err
}

// budgetSnapshot is what a revision keeps.
type budgetSnapshot struct {
	Title         string             `json:"title"`
	Justification string             `json:"justification"`
	Lines         []*ttdn.BudgetLine `json:"lines"`
}
