package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"ttdn"
)

// readBudget opens a read transaction on an estimate the user may read.
func (s *BudgetService) readBudget(ctx context.Context, id int64) (*Tx, *ttdn.BudgetEstimate, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	e, err := findBudgetByID(ctx, tx, id)
	if err == nil {
		err = canRead(ctx, budgetResource(e), errBudgetNotFound())
	}
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, e, nil
}

// FindBudgetRevisions returns every revision of the estimate, oldest first.
func (s *BudgetService) FindBudgetRevisions(ctx context.Context, estimateID int64) ([]*ttdn.BudgetRevision, error) {
	tx, _, err := s.readBudget(ctx, estimateID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT number, at, user_id, username, step, status, snapshot FROM budget_revisions
		WHERE estimate_id = ? ORDER BY number`, estimateID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*ttdn.BudgetRevision
	for rows.Next() {
		r := &ttdn.BudgetRevision{}
		var step, status, snap string
		if err := rows.Scan(&r.Number, timeScan{&r.At}, &r.UserID, &r.Username, &step, &status, &snap); err != nil {
			return nil, err
		}
		var b budgetSnapshot
		if err := json.Unmarshal([]byte(snap), &b); err != nil {
			return nil, fmt.Errorf("sqlstore: decode budget revision: %w", err)
		}
		r.Step, r.Status = ttdn.BudgetStep(step), ttdn.BudgetStatus(status)
		r.Title, r.Justification, r.Lines = b.Title, b.Justification, b.Lines
		list = append(list, r)
	}
	return list, rows.Err()
}

// FindBudgetEvents returns the steps taken on the estimate, oldest first.
func (s *BudgetService) FindBudgetEvents(ctx context.Context, estimateID int64) ([]*ttdn.BudgetEvent, error) {
	tx, _, err := s.readBudget(ctx, estimateID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT at, user_id, username, step, revision, note FROM budget_events
		WHERE estimate_id = ? ORDER BY id`, estimateID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*ttdn.BudgetEvent
	for rows.Next() {
		ev := &ttdn.BudgetEvent{}
		var step string
		if err := rows.Scan(timeScan{&ev.At}, &ev.UserID, &ev.Username, &step, &ev.Revision, &ev.Note); err != nil {
			return nil, err
		}
		ev.Step = ttdn.BudgetStep(step)
		list = append(list, ev)
	}
	return list, rows.Err()
}

// FindBudgetEntries returns the allocations and spending recorded on the
// estimate, by date.
func (s *BudgetService) FindBudgetEntries(ctx context.Context, estimateID int64) ([]*ttdn.BudgetEntry, error) {
	tx, _, err := s.readBudget(ctx, estimateID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, line_id, kind, amount, entry_date, note, created_by, created_at FROM budget_entries
		WHERE estimate_id = ? ORDER BY entry_date, id`, estimateID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*ttdn.BudgetEntry
	for rows.Next() {
		en := &ttdn.BudgetEntry{EstimateID: estimateID}
		var kind string
		if err := rows.Scan(&en.ID, &en.LineID, &kind, (*int64)(&en.Amount), dateScan{&en.Date}, &en.Note, &en.CreatedBy,
			timeScan{&en.CreatedAt}); err != nil {
			return nil, err
		}
		en.Kind = ttdn.BudgetEntryKind(kind)
		list = append(list, en)
	}
	return list, rows.Err()
}

// AddBudgetAttachment stores a file for an estimate its unit may still
// edit, or for the finance agency while it appraises.
func (s *BudgetService) AddBudgetAttachment(ctx context.Context, estimateID int64, files ...*ttdn.Attachment) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	e, err := findBudgetByID(ctx, tx, estimateID)
	if err != nil {
		return err
	} else if err := authorize(ctx, ttdn.ActionUpdate, budgetResource(e), errBudgetNotFound()); err != nil {
		return err
	}
	u := ttdn.UserFromContext(ctx)
	if err := ttdn.CheckBudgetStep(u, e, ttdn.StepEdit); err != nil && ttdn.CheckBudgetStep(u, e, ttdn.StepAppraise) != nil {
		return err
	}
	if err := insertAttachments(ctx, tx, ttdn.ResourceBudget, estimateID, files); err != nil {
		return err
	}
	return tx.Commit()
}

// FindBudgetAttachments lists the estimate's files, without their data.
func (s *BudgetService) FindBudgetAttachments(ctx context.Context, estimateID int64) ([]*ttdn.Attachment, error) {
	tx, _, err := s.readBudget(ctx, estimateID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findAttachmentRows(ctx, tx, `owner_kind = ? AND owner_id = ?`, string(ttdn.ResourceBudget), estimateID)
}

// FindBudgetAttachment returns one of the estimate's files with its data.
func (s *BudgetService) FindBudgetAttachment(ctx context.Context, estimateID, id int64) (*ttdn.Attachment, error) {
	tx, _, err := s.readBudget(ctx, estimateID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findOwnedAttachment(ctx, tx, ttdn.ResourceBudget, estimateID, id)
}

// findOwnedAttachment loads attachment id with its data if owner owns it.
func findOwnedAttachment(ctx context.Context, tx *Tx, kind ttdn.ResourceKind, ownerID, id int64) (*ttdn.Attachment, error) {
	list, err := findAttachmentRows(ctx, tx, `id = ? AND owner_kind = ? AND owner_id = ?`, id, string(kind), ownerID)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errAttachmentNotFound()
	}
	a := list[0]
	return a, tx.QueryRowContext(ctx, `SELECT data FROM attachments WHERE id = ?`, id).Scan(&a.Data)
}
