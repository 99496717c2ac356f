package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"ttdn"
)

// The audit log tells who did what to which record, and keeps the record's
// content before and after. That content is as secret as the record: an
// event about a record the viewer may not read shows that an action
// happened on a protected record (when, who, what kind), never its content.
// The level is the highest of the record's level now (a plan made secret
// later protects its past too) and the levels its content had at the time.

// auditRedactor decides, event by event, whether the viewer may see the
// content, loading each record's policy view once.
type auditRedactor struct {
	tx    *Tx
	user  *ttdn.User
	cache map[auditKey]auditTarget
}

type auditKey struct {
	kind string
	id   int64
}

// auditTarget is the policy's view of an audited record as it is now.
// Account and administration records (users, tokens, units, settings…)
// carry no classification of their own: whoever may read the log sees
// their changes, unless the content itself was classified.
type auditTarget struct {
	res   ttdn.Resource
	admin bool
}

func newAuditRedactor(ctx context.Context, tx *Tx) *auditRedactor {
	return &auditRedactor{tx: tx, user: ttdn.UserFromContext(ctx), cache: map[auditKey]auditTarget{}}
}

// redact clears the content of e when its viewer may not read it.
func (a *auditRedactor) redact(ctx context.Context, e *ttdn.AuditEvent) error {
	if e.Before == "" && e.After == "" {
		return nil
	}
	t, err := a.target(ctx, e.Entity, e.EntityID)
	if err != nil {
		return err
	}
	res := t.res
	res.Classification = ttdn.Highest(res.Classification, contentLevel(e.Before), contentLevel(e.After))
	if t.admin && res.Classification <= ttdn.Internal || ttdn.Can(a.user, ttdn.ActionRead, res) {
		return nil
	}
	e.Before, e.After, e.Hidden = "", "", true
	return nil
}

// contentLevel is the classification a record's JSON carried (Public when
// it carries none: it then adds nothing to the record's own level).
func contentLevel(content string) ttdn.Classification {
	if content == "" || content[0] != '{' {
		return ttdn.Public
	}
	var v struct {
		Classification *ttdn.Classification `json:"classification"`
	}
	if err := json.Unmarshal([]byte(content), &v); err != nil {
		return ttdn.Secret // content we cannot read is protected
	}
	if v.Classification == nil {
		return ttdn.Public
	}
	return *v.Classification
}

// target returns the record's resource now, by kind.
func (a *auditRedactor) target(ctx context.Context, kind string, id int64) (auditTarget, error) {
	key := auditKey{kind, id}
	if t, ok := a.cache[key]; ok {
		return t, nil
	}
	t, err := a.load(ctx, ttdn.ResourceKind(kind), id)
	if errors.Is(err, sql.ErrNoRows) || ttdn.ErrorCode(err) == ttdn.ENOTFOUND {
		// Deleted since: only the content's level is left to judge by.
		t, err = auditTarget{res: ttdn.Resource{Kind: ttdn.ResourceKind(kind), Classification: ttdn.Public}}, nil
	}
	if err != nil {
		return auditTarget{}, err
	}
	a.cache[key] = t
	return t, nil
}

func (a *auditRedactor) load(ctx context.Context, kind ttdn.ResourceKind, id int64) (auditTarget, error) {
	tx := a.tx
	found := func(r ttdn.Resource) (auditTarget, error) { return auditTarget{res: r}, nil }
	switch kind {
	case ttdn.ResourcePlan:
		_, res, err := planResource(ctx, tx, id)
		if err != nil {
			return auditTarget{}, err
		}
		return found(res)
	case ttdn.ResourceTask:
		t, err := findTaskByID(ctx, tx, id)
		if err != nil {
			return auditTarget{}, err
		}
		return found(taskResource(t))
	case ttdn.ResourceActivity:
		act, err := findActivityByID(ctx, tx, id)
		if err != nil {
			return auditTarget{}, err
		}
		return found(activityResource(act))
	case ttdn.ResourceDifficulty:
		d, err := findDifficultyByID(ctx, tx, id)
		if err != nil {
			return auditTarget{}, err
		}
		return found(difficultyResource(d))
	case ttdn.ResourceBudget:
		e, err := findBudgetByID(ctx, tx, id)
		if err != nil {
			return auditTarget{}, err
		}
		return found(budgetResource(e))
	case ttdn.ResourceCase:
		c, err := findCaseByID(ctx, tx, id)
		if err != nil {
			return auditTarget{}, err
		}
		return found(c.Resource())
	}
	// Records that belong to another: judged as their owner.
	var owner auditKey
	var err error
	switch kind {
	case ttdn.ResourceProgress:
		owner.kind = string(ttdn.ResourceTask)
		err = tx.QueryRowContext(ctx, `SELECT task_id FROM progress_updates WHERE id = ?`, id).Scan(&owner.id)
	case ttdn.ResourceAttachment:
		err = tx.QueryRowContext(ctx, `SELECT owner_kind, owner_id FROM attachments WHERE id = ?`, id).Scan(&owner.kind, &owner.id)
	case ttdn.ResourcePeriod:
		owner.kind = string(ttdn.ResourcePlan)
		err = tx.QueryRowContext(ctx, `SELECT plan_id FROM report_periods WHERE id = ?`, id).Scan(&owner.id)
	case ttdn.ResourceUnitReport:
		owner.kind = string(ttdn.ResourcePlan)
		err = tx.QueryRowContext(ctx, `SELECT p.plan_id FROM unit_reports r JOIN report_periods p ON p.id = r.period_id
			WHERE r.id = ?`, id).Scan(&owner.id)
	case ttdn.ResourceCaseResponse:
		owner.kind = string(ttdn.ResourceCase)
		err = tx.QueryRowContext(ctx, `SELECT case_id FROM case_responses WHERE id = ?`, id).Scan(&owner.id)
	case ttdn.ResourceConsolidated:
		owner.kind = string(ttdn.ResourcePlan)
		err = tx.QueryRowContext(ctx, `SELECT p.plan_id FROM consolidated_reports c JOIN report_periods p ON p.id = c.period_id
			WHERE c.id = ?`, id).Scan(&owner.id)
	default:
		// Accounts, units, catalogues, settings, press records: the kind's
		// own rules, at the level the content carried.
		return auditTarget{res: ttdn.Resource{Kind: kind, Classification: ttdn.Public, OwnerUserID: ownerOf(kind, id)},
			admin: adminRecord[kind]}, nil
	}
	if err != nil {
		return auditTarget{}, err
	}
	if owner.kind == string(ttdn.ResourceAttachment) || owner.kind == string(kind) {
		return auditTarget{}, sql.ErrNoRows // no owner loops
	}
	return a.target(ctx, owner.kind, owner.id)
}

// adminRecord lists the kinds of records about administration, not content.
var adminRecord = map[ttdn.ResourceKind]bool{ttdn.ResourceUser: true, ttdn.ResourceToken: true, ttdn.ResourceUnit: true,
	ttdn.ResourceSettings: true, ttdn.ResourceAudit: true, ttdn.ResourceAccountRequest: true, "database": true}

// ownerOf names the user a user or token record is about (the policy lets
// a user read their own).
func ownerOf(kind ttdn.ResourceKind, id int64) int64 {
	if kind == ttdn.ResourceUser {
		return id
	}
	return 0
}
