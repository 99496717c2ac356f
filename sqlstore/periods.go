package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// ReportPeriodService opens report periods and keeps their expected
// reporters. A period belongs to its plan: reading it needs the plan's read
// right, opening or changing it the plan's write right (coordinators).
type ReportPeriodService struct{ db *DB }

// NewReportPeriodService returns the period service on db.
func NewReportPeriodService(db *DB) *ReportPeriodService { return &ReportPeriodService{db: db} }

var _ ttdn.ReportPeriodService = (*ReportPeriodService)(nil)

func errPeriodNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy kỳ báo cáo.", "Report period not found.")
}

// planResource returns the plan header and its policy resource.
func planResource(ctx context.Context, tx *Tx, planID int64) (*ttdn.Plan, ttdn.Resource, error) {
	p, err := findPlanHeader(ctx, tx, planID)
	if err != nil {
		return nil, ttdn.Resource{}, err
	}
	ids, err := findPlanUnitIDs(ctx, tx, planID)
	if err != nil {
		return nil, ttdn.Resource{}, err
	}
	return p, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification, UnitIDs: ids}, nil
}

// authorizePlanWrite loads the plan and checks the acting user may change
// it (and so its periods and indicator selection).
func authorizePlanWrite(ctx context.Context, tx *Tx, planID int64) (*ttdn.Plan, error) {
	p, res, err := planResource(ctx, tx, planID)
	if err != nil {
		return nil, err
	}
	return p, authorize(ctx, ttdn.ActionUpdate, res, errPlanNotFound())
}

const periodColumns = `rp.id, rp.plan_id, rp.type, rp.year, rp.number, rp.name, rp.cutoff_from, rp.cutoff_to,
	rp.due_date, rp.status, rp.classification, rp.version, rp.created_at, rp.updated_at`

func scanPeriod(row rowScanner) (*ttdn.ReportPeriod, error) {
	rp := &ttdn.ReportPeriod{}
	var typ, status string
	err := row.Scan(&rp.ID, &rp.PlanID, &typ, &rp.Year, &rp.Number, &rp.Name, dateScan{&rp.CutOffFrom},
		dateScan{&rp.CutOffTo}, dateScan{&rp.DueDate}, &status, classScan{&rp.Classification}, &rp.Version,
		timeScan{&rp.CreatedAt}, timeScan{&rp.UpdatedAt})
	rp.Type, rp.Status = ttdn.PeriodType(typ), ttdn.PeriodStatus(status)
	return rp, err
}

func findPeriods(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.ReportPeriod, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+periodColumns+` FROM report_periods rp WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.ReportPeriod
	for rows.Next() {
		rp, err := scanPeriod(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, rp)
	}
	return out, rows.Err()
}

// findPeriodByID returns the period with its expected reporters.
func findPeriodByID(ctx context.Context, tx *Tx, id int64) (*ttdn.ReportPeriod, error) {
	rp, err := scanPeriod(tx.QueryRowContext(ctx, `SELECT `+periodColumns+` FROM report_periods rp WHERE rp.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errPeriodNotFound()
	} else if err != nil {
		return nil, err
	}
	rp.ExpectedUnitIDs, err = queryIDs(ctx, tx, `SELECT unit_id FROM report_expected WHERE period_id = ? ORDER BY unit_id`, id)
	return rp, err
}

// queryIDs runs a query of one integer column.
func queryIDs(ctx context.Context, tx *Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// readPeriod loads a period the acting user may read, or ENOTFOUND.
func readPeriod(ctx context.Context, tx *Tx, id int64) (*ttdn.ReportPeriod, error) {
	rp, err := findPeriodByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	_, res, err := planResource(ctx, tx, rp.PlanID)
	if err != nil {
		return nil, err
	}
	return rp, canRead(ctx, res, errPeriodNotFound())
}

// FindPeriodByID returns the period with its expected reporters.
func (s *ReportPeriodService) FindPeriodByID(ctx context.Context, id int64) (*ttdn.ReportPeriod, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readPeriod(ctx, tx, id)
}

// FindPeriods returns the periods of plans the user may read, newest
// first, and their total.
func (s *ReportPeriodService) FindPeriods(ctx context.Context, f ttdn.PeriodFilter) ([]*ttdn.ReportPeriod, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := periodWhere(ctx, f)
	list, err := findPeriods(ctx, tx, where+` ORDER BY rp.cutoff_to DESC, rp.id DESC`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(list), `SELECT COUNT(*) FROM report_periods rp WHERE `+where, args...)
	return list, total, err
}

func periodWhere(ctx context.Context, f ttdn.PeriodFilter) (string, []any) {
	scope, args := planScope(ctx)
	where := []string{`rp.plan_id IN (SELECT p.id FROM plans p WHERE ` + scope + `)`}
	add := func(cond string, v any) { where, args = append(where, cond), append(args, v) }
	if f.PlanID != nil {
		add("rp.plan_id = ?", *f.PlanID)
	}
	if f.Type != nil {
		add("rp.type = ?", string(*f.Type))
	}
	if f.Year != nil {
		add("rp.year = ?", *f.Year)
	}
	if f.FromYear != nil {
		add("rp.year >= ?", *f.FromYear)
	}
	if f.ToYear != nil {
		add("rp.year <= ?", *f.ToYear)
	}
	if f.Status != nil {
		add("rp.status = ?", string(*f.Status))
	}
	return strings.Join(where, " AND "), args
}

// UpdatePeriod changes a period's name, window, due date or status.
func (s *ReportPeriodService) UpdatePeriod(ctx context.Context, id int64, upd ttdn.PeriodUpdate) (*ttdn.ReportPeriod, error) {
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
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	rp := *before
	setIf(&rp.Name, upd.Name)
	setIf(&rp.CutOffFrom, upd.CutOffFrom)
	setIf(&rp.CutOffTo, upd.CutOffTo)
	setIf(&rp.DueDate, upd.DueDate)
	setIf(&rp.Status, upd.Status)
	if err := rp.Validate(); err != nil {
		return nil, err
	} else if rp.Status != ttdn.PeriodOpen && rp.Status != ttdn.PeriodClosed {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Trạng thái kỳ %q không hợp lệ (open, closed).", "Invalid period status %q (open, closed).", rp.Status)
	}
	res, err := tx.exec(ctx, `UPDATE report_periods SET name = ?, cutoff_from = ?, cutoff_to = ?, due_date = ?, status = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, rp.Name, rp.CutOffFrom.ISO(), rp.CutOffTo.ISO(),
		rp.DueDate.ISO(), string(rp.Status), tx.now, id, rp.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	rp.Version, rp.UpdatedAt = rp.Version+1, tx.now
	if err := tx.audit(ctx, "update", ttdn.ResourcePeriod, id, before, &rp); err != nil {
		return nil, err
	}
	return &rp, tx.Commit()
}
