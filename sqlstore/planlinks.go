package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"ttdn"
)

// What a plan implements (plan_links): a stored plan, or a document cited
// by number. A link by number to a plan stored later still resolves: the
// tree matches numbers when it is read.

// maxTreeDepth bounds a plan tree; real ones are two or three levels deep.
const maxTreeDepth = 8

// SetPlanLinks replaces what the plan implements.
func (s *PlanService) SetPlanLinks(ctx context.Context, id int64, links []ttdn.PlanLink) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := findPlanForWrite(ctx, tx, id, ttdn.ActionUpdate); err != nil {
		return err
	}
	for _, l := range links {
		if err := l.Validate(); err != nil {
			return err
		} else if l.TargetPlanID == id {
			return ttdn.Errorf(ttdn.EINVALID, "Kế hoạch không thể triển khai chính nó.", "A plan cannot implement itself.")
		} else if l.TargetPlanID != 0 {
			if _, err := findPlanHeader(ctx, tx, l.TargetPlanID); err != nil {
				return err
			}
		}
	}
	if err := replacePlanLinks(ctx, tx, id, links); err != nil {
		return err
	} else if err := tx.audit(ctx, "update", ttdn.ResourcePlan, id, nil, map[string]any{"links": links}); err != nil {
		return err
	}
	return tx.Commit()
}

func replacePlanLinks(ctx context.Context, tx *Tx, id int64, links []ttdn.PlanLink) error {
	if _, err := tx.exec(ctx, `DELETE FROM plan_links WHERE plan_id = ?`, id); err != nil {
		return err
	}
	for i, l := range links {
		if _, err := tx.exec(ctx, `INSERT INTO plan_links (plan_id, position, target_plan_id, number, kind, date, title)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, i, idArg(l.TargetPlanID), l.Number, l.Kind, dateArg(l.Date), l.Title); err != nil {
			return err
		}
	}
	return nil
}

// findPlanLinks returns what plan id implements, with stored targets
// resolved by ID or by number.
func findPlanLinks(ctx context.Context, tx *Tx, id int64) ([]ttdn.PlanLink, error) {
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(l.target_plan_id, (SELECT MIN(p.id) FROM plans p
			WHERE l.number <> '' AND p.number = l.number AND p.id <> l.plan_id)), l.number, l.kind, l.date, l.title
		FROM plan_links l WHERE l.plan_id = ? ORDER BY l.position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ttdn.PlanLink
	for rows.Next() {
		var l ttdn.PlanLink
		if err := rows.Scan(idScan{&l.TargetPlanID}, &l.Number, &l.Kind, dateScan{&l.Date}, &l.Title); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// findImplementers returns the plans linking to plan p, by ID or number.
func findImplementers(ctx context.Context, tx *Tx, p *ttdn.Plan) ([]int64, error) {
	return queryIDs(ctx, tx, `SELECT DISTINCT plan_id FROM plan_links
		WHERE target_plan_id = ? OR (target_plan_id IS NULL AND number <> '' AND number = ?) ORDER BY plan_id`, p.ID, p.Number)
}

// FindPlanTree returns the plan with what it implements (up) and the plans
// implementing it (down), each recursively. Stored plans the user may not
// read are left out.
func (s *PlanService) FindPlanTree(ctx context.Context, id int64) (*ttdn.PlanNode, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findReadablePlan(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	root := planNode(p)
	if root.Implements, err = treeUp(ctx, tx, id, map[int64]bool{id: true}, 0); err != nil {
		return nil, err
	}
	if root.ImplementedBy, err = treeDown(ctx, tx, p, map[int64]bool{id: true}, 0); err != nil {
		return nil, err
	}
	return root, nil
}

func planNode(p *ttdn.Plan) *ttdn.PlanNode {
	return &ttdn.PlanNode{PlanID: p.ID, Number: p.Number, Kind: p.Kind, Title: p.Title, Year: p.Year, Status: p.Status}
}

func treeUp(ctx context.Context, tx *Tx, id int64, seen map[int64]bool, depth int) ([]*ttdn.PlanNode, error) {
	links, err := findPlanLinks(ctx, tx, id)
	if err != nil || depth >= maxTreeDepth {
		return nil, err
	}
	var nodes []*ttdn.PlanNode
	for _, l := range links {
		if l.TargetPlanID == 0 || seen[l.TargetPlanID] {
			nodes = append(nodes, &ttdn.PlanNode{Number: l.Number, Kind: l.Kind, Title: l.Title})
			continue
		}
		target, ok, err := readablePlanOrNot(ctx, tx, l.TargetPlanID)
		if err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		n := planNode(target)
		seen[target.ID] = true
		if n.Implements, err = treeUp(ctx, tx, target.ID, seen, depth+1); err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}

func treeDown(ctx context.Context, tx *Tx, p *ttdn.Plan, seen map[int64]bool, depth int) ([]*ttdn.PlanNode, error) {
	ids, err := findImplementers(ctx, tx, p)
	if err != nil || depth >= maxTreeDepth {
		return nil, err
	}
	var nodes []*ttdn.PlanNode
	for _, id := range ids {
		if seen[id] {
			continue
		}
		child, ok, err := readablePlanOrNot(ctx, tx, id)
		if err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		seen[id] = true
		n := planNode(child)
		if n.ImplementedBy, err = treeDown(ctx, tx, child, seen, depth+1); err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}

// readablePlanOrNot loads a plan header, reporting false (not an error)
// when it is missing or hidden from the user.
func readablePlanOrNot(ctx context.Context, tx *Tx, id int64) (*ttdn.Plan, bool, error) {
	p, err := findReadablePlan(ctx, tx, id)
	if ttdn.ErrorCode(err) == ttdn.ENOTFOUND || errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return p, err == nil, err
}
