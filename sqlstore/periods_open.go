package sqlstore

import (
	"context"
	"slices"
	"strings"

	"ttdn"
	"ttdn/vntext"
)

// ExpectedReporters returns the units expected to report under plan planID
// on day (see ttdn.ReportPeriodService), by name.
func (s *ReportPeriodService) ExpectedReporters(ctx context.Context, planID int64, day ttdn.Date) ([]*ttdn.Unit, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	_, res, err := planResource(ctx, tx, planID)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, res, errPlanNotFound()); err != nil {
		return nil, err
	}
	return expectedReporters(ctx, tx, planID, day)
}

// expectedReporters resolves every unit the plan names — directly or through
// a group, on its tasks (any role) and responsibilities — to a unit active on
// day: an ended unit is replaced by its successor, so a 2019 plan's Sở TTTT
// reports in 2025 as Sở VHTTDL.
func expectedReporters(ctx context.Context, tx *Tx, planID int64, day ttdn.Date) ([]*ttdn.Unit, error) {
	named, err := queryIDs(ctx, tx, `SELECT tu.unit_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id
			WHERE t.plan_id = ? AND tu.unit_id IS NOT NULL
		UNION SELECT m.unit_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id
			JOIN unit_group_members m ON m.group_id = tu.group_id WHERE t.plan_id = ?
		UNION SELECT ru.unit_id FROM responsibility_units ru JOIN responsibilities r ON r.id = ru.responsibility_id
			WHERE r.plan_id = ? AND ru.unit_id IS NOT NULL
		UNION SELECT m.unit_id FROM responsibility_units ru JOIN responsibilities r ON r.id = ru.responsibility_id
			JOIN unit_group_members m ON m.group_id = ru.group_id WHERE r.plan_id = ?`, planID, planID, planID, planID)
	if err != nil {
		return nil, err
	}
	all, err := findUnits(ctx, tx, `1 = 1 ORDER BY id`)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*ttdn.Unit, len(all))
	for _, u := range all {
		byID[u.ID] = u
	}
	seen := map[int64]bool{}
	var out []*ttdn.Unit
	for _, id := range named {
		if u := activeSuccessor(byID, byID[id], day); u != nil && !seen[u.ID] {
			seen[u.ID] = true
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b *ttdn.Unit) int { return strings.Compare(vntext.Fold(a.Name), vntext.Fold(b.Name)) })
	return out, nil
}

// activeSuccessor follows successor links from u to the first unit active
// on day, or nil (a unit abolished without successor reports no more).
func activeSuccessor(byID map[int64]*ttdn.Unit, u *ttdn.Unit, day ttdn.Date) *ttdn.Unit {
	for hops := 0; u != nil && hops < 8; hops++ {
		if u.ActiveOn(day) {
			return u
		}
		u = byID[u.SuccessorID]
	}
	return nil
}

// OpenPeriod stores the period and its expected reporters in one
// transaction. Zero window or due date take the defaults of the plan
// (ttdn.NewReportPeriod); no expected units means the derived ones.
func (s *ReportPeriodService) OpenPeriod(ctx context.Context, rp *ttdn.ReportPeriod) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := authorizePlanWrite(ctx, tx, rp.PlanID)
	if err != nil {
		return err
	} else if err := ensureIndicators(ctx, tx); err != nil {
		return err
	} else if err := fillPeriodDefaults(ctx, tx, p, rp); err != nil {
		return err
	} else if err := rp.Validate(); err != nil {
		return err
	}
	if err := insertPeriod(ctx, tx, rp); err != nil {
		return err
	}
	if len(rp.ExpectedUnitIDs) == 0 {
		units, err := expectedReporters(ctx, tx, rp.PlanID, rp.DueDate)
		if err != nil {
			return err
		}
		for _, u := range units {
			rp.ExpectedUnitIDs = append(rp.ExpectedUnitIDs, u.ID)
		}
	}
	if err := insertExpected(ctx, tx, rp.ID, rp.ExpectedUnitIDs); err != nil {
		return err
	} else if err := tx.audit(ctx, "open", ttdn.ResourcePeriod, rp.ID, nil, rp); err != nil {
		return err
	}
	return tx.Commit()
}

func fillPeriodDefaults(ctx context.Context, tx *Tx, p *ttdn.Plan, rp *ttdn.ReportPeriod) error {
	if err := loadReportSchedule(ctx, tx, p); err != nil {
		return err
	}
	def := ttdn.NewReportPeriod(p, rp.Type, rp.Year, rp.Number)
	if rp.Type == ttdn.PeriodYear {
		rp.Number = 0
	}
	if rp.Type == ttdn.PeriodAdHoc && rp.Number == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM report_periods
			WHERE plan_id = ? AND type = ? AND year = ?`, rp.PlanID, string(rp.Type), rp.Year).Scan(&rp.Number); err != nil {
			return err
		}
		def.Name = ttdn.DefaultName(rp.Type, rp.Year, rp.Number)
	}
	if rp.CutOffFrom.IsZero() && rp.CutOffTo.IsZero() {
		rp.CutOffFrom, rp.CutOffTo = def.CutOffFrom, def.CutOffTo
	}
	if rp.DueDate.IsZero() && !rp.CutOffTo.IsZero() {
		rp.DueDate = ttdn.DueDateFor(p.ReportSchedule, rp.CutOffTo)
	}
	if strings.TrimSpace(rp.Name) == "" {
		rp.Name = def.Name
	}
	rp.Status, rp.Classification = ttdn.PeriodOpen, p.Classification
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_periods WHERE plan_id = ? AND type = ? AND year = ?
		AND number = ?`, rp.PlanID, string(rp.Type), rp.Year, rp.Number).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return ttdn.Errorf(ttdn.ECONFLICT, "Kỳ báo cáo %[1]s của kế hoạch này đã được mở.", "The period %[1]s of this plan is already open.", rp.Name)
	}
	return nil
}

func insertPeriod(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod) error {
	id, err := tx.insertID(ctx, `INSERT INTO report_periods (plan_id, type, year, number, name, cutoff_from, cutoff_to,
		due_date, status, classification, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		rp.PlanID, string(rp.Type), rp.Year, rp.Number, rp.Name, rp.CutOffFrom.ISO(), rp.CutOffTo.ISO(), rp.DueDate.ISO(),
		string(rp.Status), rp.Classification.String(), tx.now, tx.now)
	if err != nil {
		return err
	}
	rp.ID, rp.Version, rp.CreatedAt, rp.UpdatedAt = id, 1, tx.now, tx.now
	return nil
}

// insertExpected adds expected units in batches: opening a period for 150
// units is a handful of statements, not 150.
func insertExpected(ctx context.Context, tx *Tx, periodID int64, unitIDs []int64) error {
	const batch = 200
	for start := 0; start < len(unitIDs); start += batch {
		chunk := unitIDs[start:min(start+batch, len(unitIDs))]
		args := make([]any, 0, 2*len(chunk))
		for _, id := range chunk {
			args = append(args, periodID, id)
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?), ", len(chunk)), ", ")
		if _, err := tx.exec(ctx, `INSERT INTO report_expected (period_id, unit_id) VALUES `+values+`
			ON CONFLICT (period_id, unit_id) DO NOTHING`, args...); err != nil {
			return err
		}
	}
	return nil
}

// SetExpectedReporters adds and removes expected units (a unit's report, if
// it has one, is kept).
func (s *ReportPeriodService) SetExpectedReporters(ctx context.Context, id int64, add, remove []int64) (*ttdn.ReportPeriod, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findPeriodByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if _, err := authorizePlanWrite(ctx, tx, before.PlanID); err != nil {
		return nil, err
	}
	if err := insertExpected(ctx, tx, id, add); err != nil {
		return nil, err
	}
	for _, uid := range remove {
		if _, err := tx.exec(ctx, `DELETE FROM report_expected WHERE period_id = ? AND unit_id = ?`, id, uid); err != nil {
			return nil, err
		}
	}
	if _, err := tx.exec(ctx, `UPDATE report_periods SET version = version + 1, updated_at = ? WHERE id = ?`, tx.now, id); err != nil {
		return nil, err
	}
	after, err := findPeriodByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "set_expected", ttdn.ResourcePeriod, id, before, after); err != nil {
		return nil, err
	}
	return after, tx.Commit()
}
