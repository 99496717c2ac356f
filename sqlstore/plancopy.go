package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// CopyPlan copies plan id into a new draft for year — tasks and sub-tasks,
// units, deadlines and recurrences, responsibilities (and so their duty
// tasks), schedule, distribution, links — with every date moved by the
// difference in years and no progress.
func (s *PlanService) CopyPlan(ctx context.Context, id int64, year int) (*ttdn.Plan, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	src, err := findPlanForWrite(ctx, tx, id, ttdn.ActionRead)
	if err != nil {
		return nil, err
	}
	if err := authorize(ctx, ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: src.Classification}, nil); err != nil {
		return nil, err
	}
	// Copy everything, not only what this user may read.
	sysCtx := ttdn.NewSystemContext(ctx)
	if err := loadPlanParts(sysCtx, tx, src); err != nil {
		return nil, err
	}
	c, parents := src.CopyForYear(year)
	if err := c.Validate(); err != nil {
		return nil, err
	} else if err := insertPlan(ctx, tx, c); err != nil {
		return nil, err
	} else if err := copyParents(ctx, tx, c, parents); err != nil {
		return nil, err
	} else if err := copyLinks(ctx, tx, id, c.ID); err != nil {
		return nil, err
	} else if err := reclassifyPlan(ctx, tx, c.ID); err != nil { // sub-tasks now have parents
		return nil, err
	} else if err := refreshTaskLevels(ctx, tx, c.Tasks); err != nil {
		return nil, err
	}
	reason := fmt.Sprintf("Sao chép từ kế hoạch #%d (%d)", src.ID, src.Year)
	if err := insertPlanHistory(ctx, tx, ttdn.HistoryCopy, reason, nil, c); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "create", ttdn.ResourcePlan, c.ID, nil, c); err != nil {
		return nil, err
	}
	return c, tx.Commit()
}

// copyParents links each copied sub-task to its copied parent.
func copyParents(ctx context.Context, tx *Tx, c *ttdn.Plan, parents []int) error {
	for i, j := range parents {
		if j < 0 {
			continue
		}
		c.Tasks[i].ParentID = c.Tasks[j].ID
		if _, err := tx.exec(ctx, `UPDATE tasks SET parent_id = ? WHERE id = ?`, c.Tasks[j].ID, c.Tasks[i].ID); err != nil {
			return err
		}
	}
	return nil
}

func copyLinks(ctx context.Context, tx *Tx, from, to int64) error {
	links, err := findPlanLinks(ctx, tx, from)
	if err != nil {
		return err
	}
	return replacePlanLinks(ctx, tx, to, links)
}
