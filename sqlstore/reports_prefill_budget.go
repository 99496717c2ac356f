package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// Indicator 12 (budget estimated, appraised, allocated, spent) is
// pre-filled from the budget records with the same windows as
// BudgetService.BudgetTotals: both call budgetFiguresTx, the one place the
// queries are written. The service limits the estimates to what its user
// may read; the pre-fill counts every estimate of the reporting units,
// whoever opens the report, as it does with activities. The record IDs a
// value carries are estimate IDs: whoever may read a unit's report (its
// officers, with the units below it in their scope; coordinators; leaders)
// may read the estimates of that unit and the units below it
// (ttdn.ReadScope of ResourceBudget), so each is a link they can open.

// budgetFigure is one of indicator 12's figures: the total, the number of
// records added (estimates, or allocation and spending entries) and the
// estimates they belong to, in first-seen order.
type budgetFigure struct {
	total     ttdn.Money
	records   int
	estimates []int64
}

func (f *budgetFigure) add(estimateID int64, m ttdn.Money) error {
	total, err := ttdn.AddMoney(f.total, m)
	if err != nil {
		return err
	}
	f.total, f.records = total, f.records+1
	for _, id := range f.estimates {
		if id == estimateID {
			return nil
		}
	}
	f.estimates = append(f.estimates, estimateID)
	return nil
}

// budgetFigures are indicator 12's figures of a window.
type budgetFigures struct {
	estimated, appraised, approved, allocated, spent budgetFigure
}

func (f *budgetFigures) totals() ttdn.BudgetTotals {
	return ttdn.BudgetTotals{Estimated: f.estimated.total, Appraised: f.appraised.total, Approved: f.approved.total,
		Allocated: f.allocated.total, Spent: f.spent.total}
}

// budgetFiguresTx computes indicator 12's figures inside tx, between from
// and to (days in Vietnam, both included; zero: open), for the estimates
// matching scope (a condition on b with its args) of units (nil: every
// unit). Estimated counts estimates first submitted in the window,
// Appraised those forwarded after appraisal, Approved the approving
// decisions dated in it; Allocated and Spent the entries dated in it.
// Amounts are added in Go with ttdn.AddMoney, never by SQL SUM.
func budgetFiguresTx(ctx context.Context, tx *Tx, scope string, args []any, units []int64, from, to ttdn.Date) (*budgetFigures, error) {
	where := scope
	if units != nil {
		where += " AND b.unit_id IN (" + placeholders(len(units)) + ")"
		args = append(append([]any(nil), args...), int64Args(units)...)
	}
	lo, hi := timeBounds(from, to)
	f := &budgetFigures{}
	queries := []struct {
		dst  *budgetFigure
		sql  string
		args []any
	}{
		{&f.estimated, `SELECT b.id, b.total FROM budget_estimates b WHERE ` + where +
			` AND b.submitted_at >= ? AND b.submitted_at < ? ORDER BY b.id`, []any{lo, hi}},
		{&f.appraised, `SELECT b.id, b.appraised_total FROM budget_estimates b WHERE ` + where +
			` AND b.forwarded_at >= ? AND b.forwarded_at < ? ORDER BY b.id`, []any{lo, hi}},
		{&f.approved, `SELECT b.id, b.approved_total FROM budget_estimates b WHERE ` + where +
			` AND b.status = 'approved' AND b.approval_date >= ? AND b.approval_date <= ? ORDER BY b.id`, dateBounds(from, to)},
		{&f.allocated, `SELECT b.id, x.amount FROM budget_entries x JOIN budget_estimates b ON b.id = x.estimate_id WHERE ` + where +
			` AND x.kind = 'allocation' AND x.entry_date >= ? AND x.entry_date <= ? ORDER BY x.entry_date, x.id`, dateBounds(from, to)},
		{&f.spent, `SELECT b.id, x.amount FROM budget_entries x JOIN budget_estimates b ON b.id = x.estimate_id WHERE ` + where +
			` AND x.kind = 'spending' AND x.entry_date >= ? AND x.entry_date <= ? ORDER BY x.entry_date, x.id`, dateBounds(from, to)},
	}
	for _, q := range queries {
		if err := addBudgetRows(ctx, tx, q.dst, q.sql, append(append([]any(nil), args...), q.args...)...); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// addBudgetRows adds every (estimate id, amount) row of query to f.
func addBudgetRows(ctx context.Context, tx *Tx, f *budgetFigure, query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m ttdn.Money
		if err := rows.Scan(&id, (*int64)(&m)); err != nil {
			return err
		}
		if err := f.add(id, m); err != nil {
			return err
		}
	}
	return rows.Err()
}

// budgetRule picks one figure; what names the records it adds, entries
// (allocations, spending) also citing their estimates.
type budgetRule struct {
	pick    func(*budgetFigures) *budgetFigure
	what    string
	entries bool
}

var budgetRules = map[string]budgetRule{
	ttdn.SourceBudgetEstimated: {func(f *budgetFigures) *budgetFigure { return &f.estimated }, "dự toán kinh phí gửi thẩm định", false},
	ttdn.SourceBudgetAppraised: {func(f *budgetFigures) *budgetFigure { return &f.appraised }, "dự toán đã thẩm định, trình phê duyệt", false},
	ttdn.SourceBudgetApproved:  {func(f *budgetFigures) *budgetFigure { return &f.approved }, "dự toán được phê duyệt (theo ngày quyết định)", false},
	ttdn.SourceBudgetAllocated: {func(f *budgetFigures) *budgetFigure { return &f.allocated }, "lần cấp kinh phí", true},
	ttdn.SourceBudgetSpent:     {func(f *budgetFigures) *budgetFigure { return &f.spent }, "khoản chi", true},
}

// budgetInUse reports whether any of units has an estimate past draft, of
// any year: only units that keep their budget in ttdn get indicator 12
// pre-filled (0 included); the others type their figures as before,
// without having to explain a correction of a 0 that means nothing.
func budgetInUse(ctx context.Context, tx *Tx, units []int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM budget_estimates WHERE status <> 'draft' AND unit_id IN (`+
		placeholders(len(units))+`) LIMIT 1) x`, int64Args(units)...).Scan(&n)
	return n > 0, err
}

// needsBudget reports whether any of the indicators is computed from the
// budget records.
func needsBudget(indicators []*ttdn.Indicator) bool {
	for _, ind := range indicators {
		if _, ok := budgetRules[ind.Source]; ok {
			return true
		}
	}
	return false
}

// computeBudget fills t from the rule's figure and returns the source text
// (without the window).
func computeBudget(rule budgetRule, figures *budgetFigures, t *tally) string {
	f := rule.pick(figures)
	t.total = int64(f.total)
	t.ids = append(t.ids, f.estimates...)
	if rule.entries {
		return fmt.Sprintf("%d %s theo %d dự toán", f.records, rule.what, len(f.estimates))
	}
	return fmt.Sprintf("%d %s", f.records, rule.what)
}
