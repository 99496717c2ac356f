package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"ttdn"
)

// keyBudgetWarnAbove is the settings row of the drafting threshold; it
// lives in the shared settings table beside the other keys.
const keyBudgetWarnAbove = "budget_warn_above_percent"

// budgetWarnings computes e's warnings against the unit's approved total of
// the previous year and the configured threshold.
func budgetWarnings(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate) ([]ttdn.BudgetWarning, error) {
	set, err := findBudgetSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	prev, err := approvedTotal(ctx, tx, e.UnitID, e.Year-1)
	if err != nil {
		return nil, err
	}
	return ttdn.BudgetWarnings(e, prev, set.WarnAbovePercent), nil
}

// approvedTotal sums the approved estimates of a unit for a year, added
// in Go so that an overflow is an error rather than a wrong figure.
func approvedTotal(ctx context.Context, tx *Tx, unitID int64, year int) (ttdn.Money, error) {
	rows, err := tx.QueryContext(ctx, `SELECT approved_total FROM budget_estimates WHERE unit_id = ? AND year = ? AND status = ?`,
		unitID, year, string(ttdn.BudgetApproved))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var total ttdn.Money
	for rows.Next() {
		var m ttdn.Money
		if err := rows.Scan((*int64)(&m)); err != nil {
			return 0, err
		}
		if total, err = ttdn.AddMoney(total, m); err != nil {
			return 0, err
		}
	}
	return total, rows.Err()
}

// CheckBudgetEstimate returns the warnings of an estimate as typed, before
// it is saved, so an author sees them while drafting.
func (s *BudgetService) CheckBudgetEstimate(ctx context.Context, e *ttdn.BudgetEstimate) ([]ttdn.BudgetWarning, error) {
	if err := canRead(ctx, budgetResource(e), errBudgetNotFound()); err != nil {
		return nil, err
	} else if err := e.Validate(); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return budgetWarnings(ctx, tx, e)
}

func findBudgetSettings(ctx context.Context, tx *Tx) (ttdn.BudgetSettings, error) {
	set := ttdn.DefaultBudgetSettings()
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, keyBudgetWarnAbove).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return set, nil
	} else if err != nil {
		return set, err
	}
	if n, err := strconv.Atoi(v); err == nil {
		set.WarnAbovePercent = n
	}
	return set, nil
}

// FindBudgetSettings returns the budget settings to any logged-in user.
func (s *BudgetService) FindBudgetSettings(ctx context.Context) (ttdn.BudgetSettings, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceSettings}, nil); err != nil {
		return ttdn.BudgetSettings{}, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return ttdn.BudgetSettings{}, err
	}
	defer tx.Rollback()
	return findBudgetSettings(ctx, tx)
}

// UpdateBudgetSettings changes the threshold (whoever may change settings).
func (s *BudgetService) UpdateBudgetSettings(ctx context.Context, set ttdn.BudgetSettings) (ttdn.BudgetSettings, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceSettings}, nil); err != nil {
		return set, err
	} else if err := set.Validate(); err != nil {
		return set, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return set, err
	}
	defer tx.Rollback()
	before, err := findBudgetSettings(ctx, tx)
	if err != nil {
		return set, err
	}
	if _, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		keyBudgetWarnAbove, strconv.Itoa(set.WarnAbovePercent), tx.now); err != nil {
		return set, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceSettings, 0, before, set); err != nil {
		return set, err
	}
	return set, tx.Commit()
}
