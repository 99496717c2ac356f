package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// BudgetService keeps budget estimates through draft, appraisal, approval
// and spending. Every write checks the policy (ttdn.Can) and then whose
// turn it is (ttdn.CheckBudgetStep) before anything changes.
type BudgetService struct{ db *DB }

// NewBudgetService returns the budget service on db.
func NewBudgetService(db *DB) *BudgetService { return &BudgetService{db: db} }

var _ ttdn.BudgetService = (*BudgetService)(nil)

func errBudgetNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy dự toán kinh phí.", "Budget estimate not found.")
}

// budgetResource: estimates are internal records of their unit.
func budgetResource(e *ttdn.BudgetEstimate) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceBudget, Classification: ttdn.Highest(ttdn.Internal, e.Classification),
		UnitIDs: []int64{e.UnitID}}
}

// FindBudgetEstimateByID returns the estimate with its lines, the sums of
// their entries and its current warnings.
func (s *BudgetService) FindBudgetEstimateByID(ctx context.Context, id int64) (*ttdn.BudgetEstimate, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := findBudgetByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, budgetResource(e), errBudgetNotFound()); err != nil {
		return nil, err
	}
	e.Warnings, err = budgetWarnings(ctx, tx, e)
	return e, err
}

// FindBudgetEstimates returns one page of the estimates the user may read
// (without their lines) and their total.
func (s *BudgetService) FindBudgetEstimates(ctx context.Context, f ttdn.BudgetFilter) ([]*ttdn.BudgetEstimate, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args, err := budgetWhere(ctx, tx, f)
	if err != nil {
		return nil, 0, err
	}
	list, err := findBudgets(ctx, tx, where+budgetOrder(f.Sort)+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(list), `SELECT COUNT(*) FROM budget_estimates b WHERE `+where, args...)
	return list, total, err
}

func budgetOrder(sort ttdn.BudgetSort) string {
	switch sort {
	case ttdn.BudgetByYear:
		return " ORDER BY b.year DESC, b.id DESC"
	case ttdn.BudgetByUnit:
		return " ORDER BY (SELECT u.name FROM units u WHERE u.id = b.unit_id), b.year DESC, b.id"
	case ttdn.BudgetByTotal:
		return " ORDER BY b.total DESC, b.id DESC"
	case ttdn.BudgetByStatus:
		return " ORDER BY b.status, b.updated_at DESC, b.id DESC"
	}
	return " ORDER BY b.updated_at DESC, b.id DESC"
}

// budgetScope is the read scope of the acting user on estimates aliased b.
func budgetScope(ctx context.Context) (string, []any) {
	return scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceBudget), "b.classification",
		func(ids []int64) (string, []any) {
			return "b.unit_id IN (" + placeholders(len(ids)) + ")", int64Args(ids)
		})
}

func budgetWhere(ctx context.Context, tx *Tx, f ttdn.BudgetFilter) (string, []any, error) {
	scope, args := budgetScope(ctx)
	where := []string{scope}
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if f.ID != nil {
		add("b.id = ?", *f.ID)
	}
	if f.UnitID != nil {
		ids, err := unitSubtree(ctx, tx, *f.UnitID)
		if err != nil {
			return "", nil, err
		}
		add("b.unit_id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	}
	if f.Year != nil {
		add("b.year = ?", *f.Year)
	}
	if f.Status != nil {
		add("b.status = ?", string(*f.Status))
	}
	if f.Query != nil && fold(*f.Query) != "" {
		add(`b.title_key LIKE ? ESCAPE '\'`, likeContains(fold(*f.Query)))
	}
	return strings.Join(where, " AND "), args, nil
}

const budgetColumns = `b.id, b.unit_id, b.year, b.plan_id, b.title, b.justification, b.status, b.note, b.approval_body,
	b.approval_number, b.approval_date, b.revision, b.submitted_at, b.forwarded_at, b.version, b.created_at, b.updated_at,
	b.classification`

func scanBudget(row rowScanner) (*ttdn.BudgetEstimate, error) {
	e := &ttdn.BudgetEstimate{}
	var status string
	err := row.Scan(&e.ID, &e.UnitID, &e.Year, idScan{&e.PlanID}, &e.Title, &e.Justification, &status, &e.Note,
		&e.Approval.Body, &e.Approval.Number, dateScan{&e.Approval.Date}, &e.Revision, timeScan{&e.SubmittedAt},
		timeScan{&e.ForwardedAt}, &e.Version, timeScan{&e.CreatedAt}, timeScan{&e.UpdatedAt},
		classScan{&e.Classification})
	e.Status = ttdn.BudgetStatus(status)
	return e, err
}

// findBudgetByID loads one estimate with its lines.
func findBudgetByID(ctx context.Context, tx *Tx, id int64) (*ttdn.BudgetEstimate, error) {
	e, err := scanBudget(tx.QueryRowContext(ctx, `SELECT `+budgetColumns+` FROM budget_estimates b WHERE b.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBudgetNotFound()
	} else if err != nil {
		return nil, err
	}
	e.Lines, err = findBudgetLines(ctx, tx, id)
	return e, err
}

// findBudgets loads estimates with their lines, one query for all lines.
func findBudgets(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.BudgetEstimate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+budgetColumns+` FROM budget_estimates b WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*ttdn.BudgetEstimate
	for rows.Next() {
		e, err := scanBudget(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, e := range list {
		if e.Lines, err = findBudgetLines(ctx, tx, e.ID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

const budgetLineColumns = `l.id, l.task_id, l.activity_id, l.item, l.quantity, l.unit_of_measure, l.unit_price, l.amount, l.source,
	l.appraised, l.appraisal_comment, l.approved,
	(SELECT COALESCE(SUM(x.amount), 0) FROM budget_entries x WHERE x.line_id = l.id AND x.kind = 'allocation'),
	(SELECT COALESCE(SUM(x.amount), 0) FROM budget_entries x WHERE x.line_id = l.id AND x.kind = 'spending')`

// findBudgetLines loads an estimate's lines in order, with what was
// allocated and spent on each. Entry sums stay within the approved amount,
// so SQL SUM cannot overflow.
func findBudgetLines(ctx context.Context, tx *Tx, estimateID int64) ([]*ttdn.BudgetLine, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+budgetLineColumns+` FROM budget_lines l WHERE l.estimate_id = ? ORDER BY l.position, l.id`, estimateID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var lines []*ttdn.BudgetLine
	for rows.Next() {
		l := &ttdn.BudgetLine{}
		var source string
		if err := rows.Scan(&l.ID, idScan{&l.TaskID}, idScan{&l.ActivityID}, &l.Item, &l.Quantity, &l.UnitOfMeasure,
			(*int64)(&l.UnitPrice), (*int64)(&l.Amount), &source, moneyScan{&l.Appraised}, &l.AppraisalComment,
			moneyScan{&l.Approved}, sumScan{&l.Allocated}, sumScan{&l.Spent}); err != nil {
			return nil, err
		}
		l.Source = ttdn.FundingSource(source)
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

// moneyScan scans a nullable amount (NULL: not set).
type moneyScan struct{ m **ttdn.Money }

func (s moneyScan) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*s.m = nil
	if n.Valid {
		m := ttdn.Money(n.Int64)
		*s.m = &m
	}
	return nil
}

func moneyArg(m *ttdn.Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}

// sumScan scans a SUM, which PostgreSQL returns as numeric (text).
type sumScan struct{ m *ttdn.Money }

func (s sumScan) Scan(v any) error {
	var n sql.NullInt64
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	if err := n.Scan(v); err != nil {
		return err
	}
	*s.m = ttdn.Money(n.Int64)
	return nil
}
