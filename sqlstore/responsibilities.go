package sqlstore

import (
	"context"

	"ttdn"
)

// Responsibilities (section V of a plan) are stored with their units and
// their duties as ordered child rows; they are written with the plan and read
// with it, limited to those the user may read.

func insertResponsibilities(ctx context.Context, tx *Tx, ix *refIndex, p *ttdn.Plan) error {
	for i, r := range p.Responsibilities {
		r.PlanID = p.ID
		id, err := tx.insertID(ctx, `INSERT INTO responsibilities (plan_id, position, ref, heading, classification)
			VALUES (?, ?, ?, ?, ?)`, p.ID, i, r.Ref, r.Heading, r.Classification.String())
		if err != nil {
			return err
		}
		r.ID = id
		if err := ix.resolveAll(ctx, r.Units); err != nil {
			return err
		}
		for j, u := range r.Units {
			if _, err := tx.exec(ctx, `INSERT INTO responsibility_units (responsibility_id, position, unit_id, group_id,
				name, text) VALUES (?, ?, ?, ?, ?, ?)`, append([]any{id, j}, refArgs(u)...)...); err != nil {
				return err
			}
		}
		for j, d := range r.Duties {
			if _, err := tx.exec(ctx, `INSERT INTO responsibility_duties (responsibility_id, position, text)
				VALUES (?, ?, ?)`, id, j, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// responsibilityScope is the read scope on responsibilities aliased r.
func responsibilityScope(ctx context.Context) (string, []any) {
	return scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceResponsibility), "r.classification",
		func(ids []int64) (string, []any) {
			return "EXISTS (SELECT 1 FROM responsibility_units s WHERE s.responsibility_id = r.id AND s.unit_id IN (" +
				placeholders(len(ids)) + "))", int64Args(ids)
		})
}

// loadResponsibilities fills p.Responsibilities in three queries.
func loadResponsibilities(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	scope, args := responsibilityScope(ctx)
	rows, err := tx.QueryContext(ctx, `SELECT r.id, r.ref, r.heading, r.classification FROM responsibilities r
		WHERE r.plan_id = ? AND `+scope+` ORDER BY r.position`, append([]any{p.ID}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	byID := map[int64]*ttdn.Responsibility{}
	for rows.Next() {
		r := &ttdn.Responsibility{PlanID: p.ID}
		if err := rows.Scan(&r.ID, &r.Ref, &r.Heading, classScan{&r.Classification}); err != nil {
			return err
		}
		p.Responsibilities, byID[r.ID] = append(p.Responsibilities, r), r
	}
	if err := rows.Err(); err != nil || len(byID) == 0 {
		return err
	}
	if err := loadResponsibilityUnits(ctx, tx, p.ID, byID); err != nil {
		return err
	}
	return loadResponsibilityDuties(ctx, tx, p.ID, byID)
}

func loadResponsibilityUnits(ctx context.Context, tx *Tx, planID int64, byID map[int64]*ttdn.Responsibility) error {
	rows, err := tx.QueryContext(ctx, `SELECT x.responsibility_id, `+refColumns+` FROM responsibility_units x
		JOIN responsibilities r ON r.id = x.responsibility_id`+refJoins+`
		WHERE r.plan_id = ? ORDER BY x.responsibility_id, x.position`, planID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		dest, ref := refScan()
		if err := rows.Scan(append([]any{&id}, dest...)...); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			r.Units = append(r.Units, ref())
		}
	}
	return rows.Err()
}

func loadResponsibilityDuties(ctx context.Context, tx *Tx, planID int64, byID map[int64]*ttdn.Responsibility) error {
	rows, err := tx.QueryContext(ctx, `SELECT x.responsibility_id, x.text FROM responsibility_duties x
		JOIN responsibilities r ON r.id = x.responsibility_id WHERE r.plan_id = ?
		ORDER BY x.responsibility_id, x.position`, planID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			r.Duties = append(r.Duties, text)
		}
	}
	return rows.Err()
}
