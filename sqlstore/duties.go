package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// Each duty of a responsibility (section V) is stored as a task of kind
// "duty" — ref "V.3.2", executed by the responsibility's units, with its
// classification — so it is tracked exactly like a task of section III.

// insertDutyTasks creates one duty task per duty, after the plan's tasks,
// and records their IDs on the responsibilities.
func insertDutyTasks(ctx context.Context, tx *Tx, ix *refIndex, p *ttdn.Plan) error {
	pos := len(p.Tasks)
	for _, r := range p.Responsibilities {
		r.DutyTaskIDs = nil
		for j, duty := range r.Duties {
			pos++
			t := &ttdn.Task{PlanID: p.ID, Ref: fmt.Sprintf("%s.%d", r.Ref, j+1), Title: duty,
				Executing: append([]ttdn.UnitRef(nil), r.Units...), Kind: ttdn.TaskKindDuty,
				ResponsibilityID: r.ID, Classification: r.Classification}
			if err := insertTask(ctx, tx, ix, t, pos); err != nil {
				return err
			}
			r.DutyTaskIDs = append(r.DutyTaskIDs, t.ID)
		}
	}
	return nil
}

// loadDutyTaskIDs fills DutyTaskIDs of the loaded responsibilities.
func loadDutyTaskIDs(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	if len(p.Responsibilities) == 0 {
		return nil
	}
	byID := map[int64]*ttdn.Responsibility{}
	for _, r := range p.Responsibilities {
		byID[r.ID] = r
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, responsibility_id FROM tasks WHERE plan_id = ? AND kind = 'duty'
		ORDER BY position, id`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, rid int64
		if err := rows.Scan(&id, idScan{&rid}); err != nil {
			return err
		}
		if r := byID[rid]; r != nil {
			r.DutyTaskIDs = append(r.DutyTaskIDs, id)
		}
	}
	return rows.Err()
}
