package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

// A plan's life in storage: issue, amend (reason required), close. Each
// step checks the plan's status and version, writes the plan, a history row
// and an audit row in one transaction.

var _ ttdn.PlanLifecycleService = (*PlanService)(nil)

// errNotDraft refuses a free edit of a plan that is no longer a draft.
func errNotDraft(p *ttdn.Plan) error {
	if p.Status == ttdn.PlanClosed {
		return ttdn.Errorf(ttdn.EINVALID, "Kế hoạch %s đã kết thúc, không thể sửa.", "Plan %s is closed and cannot be changed.", planName(p))
	}
	return ttdn.Errorf(ttdn.EINVALID,
		"Kế hoạch %s đã ban hành: không sửa trực tiếp được, hãy lập điều chỉnh (ghi rõ lý do).",
		"Plan %s has been issued: it cannot be edited directly; make an amendment with its reason.", planName(p))
}

func planName(p *ttdn.Plan) string {
	if p.Number != "" {
		return p.Number
	}
	return "“" + p.Title + "”"
}

func errPlanStatus(p *ttdn.Plan, want ttdn.PlanStatus) error {
	return ttdn.Errorf(ttdn.EINVALID, "Kế hoạch %s đang ở trạng thái %q, cần %q.", "Plan %s is %q; it must be %q.",
		planName(p), p.Status.Label(), want.Label())
}

// IssuePlan records a draft's number, issue date and signer and makes it
// issued.
func (s *PlanService) IssuePlan(ctx context.Context, id int64, iss ttdn.PlanIssue) (*ttdn.Plan, error) {
	if err := iss.Validate(); err != nil {
		return nil, err
	}
	return s.changePlan(ctx, id, iss.Version, ttdn.PlanDraft, ttdn.HistoryIssue, "", func(p *ttdn.Plan) {
		p.Number, p.IssuedOn = strings.TrimSpace(iss.Number), iss.IssuedOn
		p.Signer, p.SignerTitle = strings.TrimSpace(iss.Signer), strings.TrimSpace(iss.SignerTitle)
		p.Status = ttdn.PlanIssued
	})
}

// AmendPlan changes an issued plan's fields and keeps the change, with its
// reason, in the plan's history.
func (s *PlanService) AmendPlan(ctx context.Context, id int64, upd ttdn.PlanUpdate, reason string) (*ttdn.Plan, error) {
	if err := requireReason(reason); err != nil {
		return nil, err
	}
	return s.changePlan(ctx, id, upd.Version, ttdn.PlanIssued, ttdn.HistoryAmend, reason, func(p *ttdn.Plan) {
		*p = applyPlanUpdate(*p, upd)
	})
}

// ClosePlan ends an issued plan.
func (s *PlanService) ClosePlan(ctx context.Context, id int64, version int, reason string) (*ttdn.Plan, error) {
	return s.changePlan(ctx, id, version, ttdn.PlanIssued, ttdn.HistoryClose, reason, func(p *ttdn.Plan) {
		p.Status = ttdn.PlanClosed
	})
}

// ReopenPlan makes a closed plan issued again, so it can be amended or
// reported on; the reason is required and kept.
func (s *PlanService) ReopenPlan(ctx context.Context, id int64, version int, reason string) (*ttdn.Plan, error) {
	return s.changePlan(ctx, id, version, ttdn.PlanClosed, ttdn.HistoryReopen, reason, func(p *ttdn.Plan) {
		p.Status = ttdn.PlanIssued
	})
}

func requireReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Điều chỉnh kế hoạch đã ban hành phải ghi rõ lý do.", "An amendment to an issued plan needs a reason.")
	}
	return nil
}

// changePlan is the shape every lifecycle step shares: load for update,
// check version and status, change, validate, write, history, audit.
func (s *PlanService) changePlan(ctx context.Context, id int64, version int, from ttdn.PlanStatus, action, reason string,
	change func(*ttdn.Plan)) (*ttdn.Plan, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findPlanForWrite(ctx, tx, id, ttdn.ActionUpdate)
	if err != nil {
		return nil, err
	} else if version != before.Version {
		return nil, errConflict()
	} else if before.Status != from {
		return nil, errPlanStatus(before, from)
	} else if action == ttdn.HistoryReopen && strings.TrimSpace(reason) == "" {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Mở lại kế hoạch đã kết thúc phải ghi rõ lý do.", "Reopening a closed plan needs a reason.").On("reason")
	}
	p := *before
	change(&p)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := updatePlanHeader(ctx, tx, &p); err != nil {
		return nil, err
	} else if err := reclassifyPlanIf(ctx, tx, before, &p); err != nil {
		return nil, err
	} else if err := setPlanStatus(ctx, tx, &p); err != nil {
		return nil, err
	} else if err := insertPlanHistory(ctx, tx, action, reason, before, &p); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, action, ttdn.ResourcePlan, id, before, &p); err != nil {
		return nil, err
	}
	if action == ttdn.HistoryIssue {
		if err := notifyPlanIssued(ctx, tx, &p); err != nil {
			return nil, err
		}
	}
	return &p, tx.Commit()
}

// setPlanStatus writes the status (updatePlanHeader leaves it alone).
func setPlanStatus(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	_, err := tx.exec(ctx, `UPDATE plans SET status = ? WHERE id = ?`, string(p.Status), p.ID)
	return err
}

func insertPlanHistory(ctx context.Context, tx *Tx, action, reason string, before, after *ttdn.Plan) error {
	var b any
	if before != nil {
		b = before
	}
	return insertHistory(ctx, tx, after.ID, action, reason, after.Version, b, after)
}

// insertHistory writes one step of a plan's life, with the records before
// and after it as JSON (nil for none) and who took it.
func insertHistory(ctx context.Context, tx *Tx, planID int64, action, reason string, version int, before, after any) error {
	userID, username := actor(ctx)
	b, err := auditJSON(before)
	if err != nil {
		return err
	}
	a, err := auditJSON(after)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO plan_history (plan_id, action, reason, version, before_json, after_json, user_id,
		username, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		planID, action, strings.TrimSpace(reason), version, b, a, userID, username, tx.now)
	return err
}

// FindPlanHistory returns the plan's life, oldest first, to a user who may
// read the plan.
func (s *PlanService) FindPlanHistory(ctx context.Context, id int64) ([]*ttdn.PlanHistoryEntry, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findReadablePlan(ctx, tx, id); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, plan_id, action, reason, version, before_json, after_json, user_id,
		username, at FROM plan_history WHERE plan_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.PlanHistoryEntry
	for rows.Next() {
		e := &ttdn.PlanHistoryEntry{}
		if err := rows.Scan(&e.ID, &e.PlanID, &e.Action, &e.Reason, &e.Version, &e.Before, &e.After, &e.UserID,
			&e.Username, timeScan{&e.At}); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// findReadablePlan loads a plan header the acting user may read, or
// ENOTFOUND.
func findReadablePlan(ctx context.Context, tx *Tx, id int64) (*ttdn.Plan, error) {
	p, err := findPlanHeader(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	unitIDs, err := findPlanUnitIDs(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	res := ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification, UnitIDs: unitIDs}
	return p, canRead(ctx, res, errPlanNotFound())
}
