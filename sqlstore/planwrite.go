package sqlstore

import (
	"context"

	"ttdn"
)

// CreatePlan stores a whole plan — as `ttdn plan parse` produces it — in one
// transaction and sets its ID, its tasks' and responsibilities' IDs, status
// (draft when empty) and version. Unit refs carrying only a code are mapped
// to the stored unit or group; refs that resolve to nothing keep their text.
func (s *PlanService) CreatePlan(ctx context.Context, p *ttdn.Plan) error {
	res := ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification, UnitIDs: p.UnitIDs()}
	if err := authorize(ctx, ttdn.ActionCreate, res, nil); err != nil {
		return err
	} else if err := p.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertPlan(ctx, tx, p); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourcePlan, p.ID, nil, p); err != nil {
		return err
	}
	return tx.Commit()
}

func insertPlan(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	if p.Status == "" {
		p.Status = ttdn.PlanDraft
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.now, tx.now
	args := []any{p.Number, p.Kind, p.Title, p.Year, p.Issuer, p.Place, dateArg(p.IssuedOn), p.Signer, p.SignerTitle,
		jsonArg(p.Objectives), jsonArg(p.Requirements), jsonArg(p.ContentDirections), jsonArg(p.Closing),
		p.Budget, string(p.Status), p.Classification.String(), planSearchKey(p), p.Version, tx.now, tx.now, p.YearTo}
	id, err := tx.insertID(ctx, `INSERT INTO plans (number, kind, title, year, issuer, place, issued_on, signer,
		signer_title, objectives, requirements, content_directions, closing, budget, status, classification,
		search_key, version, created_at, updated_at, year_to, decision_number, decision_kind, decision_date,
		decision_issuer, decision_title, decision_signer, decision_signer_title)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append(args, decisionArgs(p)...)...)
	if err != nil {
		return err
	}
	p.ID = id
	ix := newRefIndex(tx)
	for _, insert := range []func(context.Context, *Tx, *refIndex, *ttdn.Plan) error{
		insertPlanDocuments, insertPlanSections, insertPlanTasks, insertResponsibilities, insertDutyTasks,
		insertReportSchedule, insertDistribution,
	} {
		if err := insert(ctx, tx, ix, p); err != nil {
			return err
		}
	}
	p.TaskCount = len(p.Tasks)
	if err := reclassifyPlan(ctx, tx, p.ID); err != nil {
		return err
	}
	return refreshTaskLevels(ctx, tx, p.Tasks)
}

func planSearchKey(p *ttdn.Plan) string {
	if p.Decision != nil {
		return searchKey(p.Number, p.Title, p.Issuer, p.Decision.Number)
	}
	return searchKey(p.Number, p.Title, p.Issuer)
}

func insertPlanTasks(ctx context.Context, tx *Tx, ix *refIndex, p *ttdn.Plan) error {
	for i, t := range p.Tasks {
		t.PlanID = p.ID
		if err := insertTask(ctx, tx, ix, t, i+1); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePlan changes the plan's own fields if upd.Version is its current
// version; tasks change through the TaskService.
func (s *PlanService) UpdatePlan(ctx context.Context, id int64, upd ttdn.PlanUpdate) (*ttdn.Plan, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findPlanForWrite(ctx, tx, id, ttdn.ActionUpdate)
	if err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	} else if before.Status != ttdn.PlanDraft {
		return nil, errNotDraft(before)
	}
	p := applyPlanUpdate(*before, upd)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := updatePlanHeader(ctx, tx, &p); err != nil {
		return nil, err
	} else if err := reclassifyPlanIf(ctx, tx, before, &p); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourcePlan, id, before, &p); err != nil {
		return nil, err
	}
	return &p, tx.Commit()
}

// findPlanForWrite loads the plan header and checks the acting user may do
// act on it.
func findPlanForWrite(ctx context.Context, tx *Tx, id int64, act ttdn.Action) (*ttdn.Plan, error) {
	p, err := findPlanHeader(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	unitIDs, err := findPlanUnitIDs(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	res := ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification, UnitIDs: unitIDs}
	return p, authorize(ctx, act, res, errPlanNotFound())
}

func applyPlanUpdate(p ttdn.Plan, upd ttdn.PlanUpdate) ttdn.Plan {
	setIf(&p.Number, upd.Number)
	setIf(&p.Title, upd.Title)
	setIf(&p.Year, upd.Year)
	setIf(&p.Issuer, upd.Issuer)
	setIf(&p.Place, upd.Place)
	setIf(&p.IssuedOn, upd.IssuedOn)
	setIf(&p.Signer, upd.Signer)
	setIf(&p.SignerTitle, upd.SignerTitle)
	setIf(&p.Objectives, upd.Objectives)
	setIf(&p.Requirements, upd.Requirements)
	setIf(&p.ContentDirections, upd.ContentDirections)
	setIf(&p.Budget, upd.Budget)
	setIf(&p.Classification, upd.Classification)
	return p
}

func updatePlanHeader(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	res, err := tx.exec(ctx, `UPDATE plans SET number = ?, title = ?, year = ?, issuer = ?, place = ?, issued_on = ?,
		signer = ?, signer_title = ?, objectives = ?, requirements = ?, content_directions = ?, budget = ?,
		classification = ?, search_key = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		p.Number, p.Title, p.Year, p.Issuer, p.Place, dateArg(p.IssuedOn), p.Signer, p.SignerTitle,
		jsonArg(p.Objectives), jsonArg(p.Requirements), jsonArg(p.ContentDirections), p.Budget,
		p.Classification.String(), planSearchKey(p), tx.now, p.ID, p.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	p.Version, p.UpdatedAt = p.Version+1, tx.now
	return nil
}

// DeletePlan removes the plan and, by cascade, everything it holds.
func (s *PlanService) DeletePlan(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := findPlanForWrite(ctx, tx, id, ttdn.ActionDelete)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM plans WHERE id = ?`, id); err != nil {
		return err
	} else if err := tx.audit(ctx, "delete", ttdn.ResourcePlan, id, before, nil); err != nil {
		return err
	}
	return tx.Commit()
}
