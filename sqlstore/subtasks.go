package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"ttdn"
)

// A task with sub-tasks derives its status and percent from them; each
// change to a sub-task is carried up the chain of parents in the same
// transaction.

// checkParent refuses a parent from another plan.
func checkParent(ctx context.Context, tx *Tx, t *ttdn.Task) error {
	if t.ParentID == 0 {
		return nil
	}
	var planID int64
	err := tx.QueryRowContext(ctx, `SELECT plan_id FROM tasks WHERE id = ?`, t.ParentID).Scan(&planID)
	if errors.Is(err, sql.ErrNoRows) || err == nil && planID != t.PlanID {
		return ttdn.Errorf(ttdn.EINVALID, "Nhiệm vụ cha không thuộc cùng kế hoạch.", "The parent task is not in the same plan.")
	}
	return err
}

// hasSubtasks reports whether task id has sub-tasks.
func hasSubtasks(ctx context.Context, tx *Tx, id int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM tasks WHERE parent_id = ?`, id).Scan(&n)
	return n > 0, err
}

// deriveAncestors recomputes parentID and every task above it.
func deriveAncestors(ctx context.Context, tx *Tx, parentID int64) error {
	for depth := 0; parentID != 0 && depth < 32; depth++ {
		children, err := findChildProgress(ctx, tx, parentID)
		if err != nil {
			return err
		}
		status, percent := ttdn.DeriveProgress(children)
		if _, err := tx.exec(ctx, `UPDATE tasks SET status = ?, percent = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND (status <> ? OR percent <> ?)`,
			string(status), percent, tx.now, parentID, string(status), percent); err != nil {
			return err
		}
		var next int64
		if err := tx.QueryRowContext(ctx, `SELECT parent_id FROM tasks WHERE id = ?`, parentID).Scan(idScan{&next}); err != nil {
			return err
		}
		parentID = next
	}
	return nil
}

// lockTaskChain locks, on PostgreSQL, the rows of sub-task t and of the
// tasks above it, in id order, before a progress report writes them: it
// wrote the sub-task's row and then its parents' (deriveAncestors), and a
// level change of a parent, which writes the parent's row and then its
// sub-tasks' (reclassifyPlan, in id order), deadlocked with it
// (TestConcurrentLevelsFlowDown). A parent is made before its sub-tasks,
// so id order is top-down. SQLite has one writer.
func lockTaskChain(ctx context.Context, tx *Tx, t *ttdn.Task) error {
	if tx.db.engine != EnginePostgres || t.ParentID == 0 {
		return nil
	}
	ids, err := taskAncestors(ctx, tx, t.ParentID)
	if err != nil {
		return err
	}
	ids = append(ids, t.ID)
	slices.Sort(ids)
	_, err = queryIDs(ctx, tx, `SELECT id FROM tasks WHERE id IN (`+placeholders(len(ids))+`) ORDER BY id FOR NO KEY UPDATE`,
		int64Args(ids)...)
	return err
}

// taskAncestors returns parentID and the tasks above it.
func taskAncestors(ctx context.Context, tx *Tx, parentID int64) ([]int64, error) {
	var ids []int64
	for parent, depth := parentID, 0; parent != 0 && depth < 32; depth++ {
		ids = append(ids, parent)
		if err := tx.QueryRowContext(ctx, `SELECT parent_id FROM tasks WHERE id = ?`, parent).Scan(idScan{&parent}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// findChildProgress returns the status and percent of the sub-tasks of id.
func findChildProgress(ctx context.Context, tx *Tx, id int64) ([]*ttdn.Task, error) {
	rows, err := tx.QueryContext(ctx, `SELECT status, percent FROM tasks WHERE parent_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Task
	for rows.Next() {
		t := &ttdn.Task{}
		var status string
		if err := rows.Scan(&status, &t.Percent); err != nil {
			return nil, err
		}
		t.Status = ttdn.TaskStatus(status)
		out = append(out, t)
	}
	return out, rows.Err()
}
