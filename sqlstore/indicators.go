package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"ttdn"
)

// IndicatorService manages the indicator catalogue and each plan's
// selection from it.
type IndicatorService struct{ db *DB }

// NewIndicatorService returns the indicator service on db.
func NewIndicatorService(db *DB) *IndicatorService { return &IndicatorService{db: db} }

var _ ttdn.IndicatorService = (*IndicatorService)(nil)

func errIndicatorNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy chỉ tiêu.", "Indicator not found.")
}

// indicatorResource: the catalogue is configuration, written like plans
// (by coordinators) and readable by every logged-in user.
func indicatorResource() ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: ttdn.Internal}
}

// SeedIndicators stores the shipped catalogue (ttdn.DefaultIndicators)
// where a code is missing; running it again changes nothing.
func SeedIndicators(ctx context.Context, db *DB) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := seedIndicators(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

func seedIndicators(ctx context.Context, tx *Tx) error {
	for _, ind := range ttdn.DefaultIndicators() {
		if _, err := tx.exec(ctx, `INSERT INTO indicators (code, name, name_en, value_type, unit, breakdowns, source,
			position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
			ind.Code, ind.Name, ind.NameEN, string(ind.ValueType), ind.Unit, breakdownsArg(ind.Breakdowns), ind.Source,
			ind.Position, tx.now); err != nil {
			return err
		}
	}
	// Rows seeded by an earlier release are kept (DO NOTHING) but gain the
	// rule a later release gives their indicator, as long as they still
	// have the rule they were shipped with.
	for _, up := range sourceUpgrades {
		if _, err := tx.exec(ctx, `UPDATE indicators SET source = ?, version = version + 1 WHERE code = ? AND source = ?`,
			up.to, up.code, up.from); err != nil {
			return err
		}
	}
	return nil
}

// sourceUpgrades are the pre-fill rules shipped indicators gained after
// their first release: the budget records (indicator 12), the press
// monitor (indicators 2 and 10) and rebuttal cases (indicator 10).
var sourceUpgrades = []struct{ code, from, to string }{
	{"articles", ttdn.SourceArticles, ttdn.SourceArticlesPress},
	{"false_info_detected", "", ttdn.SourcePressFlagged},
	{"false_info_clarified", "", ttdn.SourceCasesClarified},
	{"false_info_countered", "", ttdn.SourceCasesCountered},
	{"false_info_response_minutes", "", ttdn.SourceCaseResponseMinutes},
	{"budget_estimated", "", ttdn.SourceBudgetEstimated},
	{"budget_appraised", "", ttdn.SourceBudgetAppraised},
	{"budget_allocated", "", ttdn.SourceBudgetAllocated},
	{"budget_spent", "", ttdn.SourceBudgetSpent},
}

// ensureIndicators seeds the shipped catalogue where a code is missing
// whenever a period opens, so a database created before issue 4 (or before
// a release adding an indicator) works without a separate step.
func ensureIndicators(ctx context.Context, tx *Tx) error { return seedIndicators(ctx, tx) }

func breakdownsArg(bs []ttdn.Breakdown) string {
	if bs == nil {
		return "[]"
	}
	b, _ := json.Marshal(bs)
	return string(b)
}

const indicatorColumns = `i.id, i.code, i.name, i.name_en, i.value_type, i.unit, i.breakdowns, i.source, i.position,
	i.created_at, i.retired_at, i.version`

func scanIndicator(row rowScanner) (*ttdn.Indicator, error) {
	ind := &ttdn.Indicator{}
	var vt, bs string
	err := row.Scan(&ind.ID, &ind.Code, &ind.Name, &ind.NameEN, &vt, &ind.Unit, &bs, &ind.Source, &ind.Position,
		timeScan{&ind.CreatedAt}, timeScan{&ind.RetiredAt}, &ind.Version)
	if err != nil {
		return nil, err
	}
	ind.ValueType = ttdn.ValueType(vt)
	if err := json.Unmarshal([]byte(bs), &ind.Breakdowns); err != nil {
		return nil, fmt.Errorf("sqlstore: decode breakdowns: %w", err)
	}
	if len(ind.Breakdowns) == 0 {
		ind.Breakdowns = nil
	}
	return ind, nil
}

func findIndicators(ctx context.Context, tx *Tx, from, whereOrder string, args ...any) ([]*ttdn.Indicator, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+indicatorColumns+` FROM `+from+` WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Indicator
	for rows.Next() {
		ind, err := scanIndicator(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ind)
	}
	return out, rows.Err()
}

// findPlanIndicators returns the indicators a plan's units report: its
// selection, or every indicator in service when it made none.
func findPlanIndicators(ctx context.Context, tx *Tx, planID int64) ([]*ttdn.Indicator, error) {
	list, err := findIndicators(ctx, tx, `indicators i JOIN plan_indicators p ON p.indicator_id = i.id`,
		`p.plan_id = ? ORDER BY p.position, i.id`, planID)
	if err != nil || len(list) > 0 {
		return list, err
	}
	return findIndicators(ctx, tx, `indicators i`, `i.retired_at IS NULL ORDER BY i.position, i.id`)
}

// FindIndicators returns the catalogue (or a plan's selection) in order.
func (s *IndicatorService) FindIndicators(ctx context.Context, f ttdn.IndicatorFilter) ([]*ttdn.Indicator, error) {
	if err := canRead(ctx, indicatorResource(), errIndicatorNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if f.PlanID != nil {
		return findPlanIndicators(ctx, tx, *f.PlanID)
	}
	where, args := "1 = 1", []any{}
	if !f.WithRetired {
		where += " AND i.retired_at IS NULL"
	}
	if f.Code != nil {
		where, args = where+" AND i.code = ?", append(args, *f.Code)
	}
	return findIndicators(ctx, tx, `indicators i`, where+` ORDER BY i.position, i.id`, args...)
}

// CreateIndicator adds an indicator to the catalogue, after the others.
func (s *IndicatorService) CreateIndicator(ctx context.Context, ind *ttdn.Indicator) error {
	if err := authorize(ctx, ttdn.ActionCreate, indicatorResource(), nil); err != nil {
		return err
	} else if err := ind.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if ind.Position == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM indicators`).Scan(&ind.Position); err != nil {
			return err
		}
	}
	id, err := tx.insertID(ctx, `INSERT INTO indicators (code, name, name_en, value_type, unit, breakdowns, source, position,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ind.Code, ind.Name, ind.NameEN, string(ind.ValueType), ind.Unit,
		breakdownsArg(ind.Breakdowns), ind.Source, ind.Position, tx.now)
	if err != nil {
		return err
	}
	ind.ID, ind.Version, ind.CreatedAt = id, 1, tx.now
	if err := tx.audit(ctx, "create", ttdn.ResourceIndicator, id, nil, ind); err != nil {
		return err
	}
	return tx.Commit()
}

// RetireIndicator takes the indicator out of service. Its history stays:
// reports that used it keep their values and plans that selected it keep
// reporting it until they change their selection.
func (s *IndicatorService) RetireIndicator(ctx context.Context, id int64, version int) (*ttdn.Indicator, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, indicatorResource(), errIndicatorNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findIndicators(ctx, tx, `indicators i`, `i.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errIndicatorNotFound()
	}
	before := list[0]
	if before.Version != version {
		return nil, errConflict()
	}
	res, err := tx.exec(ctx, `UPDATE indicators SET retired_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		tx.now, id, version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	after := *before
	after.RetiredAt, after.Version = tx.now, before.Version+1
	if err := tx.audit(ctx, "retire", ttdn.ResourceIndicator, id, before, &after); err != nil {
		return nil, err
	}
	return &after, tx.Commit()
}

// SetPlanIndicators replaces the plan's selection. Retired indicators may
// not be newly selected.
func (s *IndicatorService) SetPlanIndicators(ctx context.Context, planID int64, ids []int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := authorizePlanWrite(ctx, tx, planID); err != nil {
		return err
	}
	before, err := findPlanIndicators(ctx, tx, planID)
	if err != nil {
		return err
	}
	had := map[int64]bool{}
	for _, ind := range before {
		had[ind.ID] = true
	}
	if _, err := tx.exec(ctx, `DELETE FROM plan_indicators WHERE plan_id = ?`, planID); err != nil {
		return err
	}
	for pos, id := range ids {
		if err := checkSelectable(ctx, tx, id, had[id]); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO plan_indicators (plan_id, indicator_id, position) VALUES (?, ?, ?)`,
			planID, id, pos); err != nil {
			return err
		}
	}
	if err := tx.audit(ctx, "set_indicators", ttdn.ResourcePlan, planID, nil, map[string]any{"indicator_ids": ids}); err != nil {
		return err
	}
	return tx.Commit()
}

func checkSelectable(ctx context.Context, tx *Tx, id int64, kept bool) error {
	list, err := findIndicators(ctx, tx, `indicators i`, `i.id = ?`, id)
	if err != nil {
		return err
	} else if len(list) == 0 {
		return errIndicatorNotFound()
	} else if list[0].Retired() && !kept {
		return ttdn.Errorf(ttdn.EINVALID, "Chỉ tiêu “%[1]s” đã ngừng sử dụng, không chọn thêm được.",
			"Indicator %[2]q is retired and cannot be newly selected.", list[0].Name, list[0].Code)
	}
	return nil
}
