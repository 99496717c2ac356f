package sqlstore

import (
	"context"
	"sort"
	"strconv"
	"time"

	"ttdn"
)

// Totals are added in Go with ttdn.AddMoney rather than by SQL SUM: the
// engines differ in what SUM returns for big integers, and an overflow must
// be an error, never a wrong figure.

// ict is Vietnam's time (UTC+7, no daylight saving): a report period's
// dates are Vietnamese calendar days.
var ict = time.FixedZone("ICT", 7*3600)

// BudgetTotals returns indicator 12's figures for unitID (and the units
// below it; 0: every unit) between from and to, both days included, over
// the estimates the user may read. budgetFiguresTx
// (reports_prefill_budget.go) holds the queries, shared with the report
// pre-fill.
func (s *BudgetService) BudgetTotals(ctx context.Context, unitID int64, from, to ttdn.Date) (ttdn.BudgetTotals, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return ttdn.BudgetTotals{}, err
	}
	defer tx.Rollback()
	where, args := budgetScope(ctx)
	var units []int64
	if unitID != 0 {
		if units, err = unitSubtree(ctx, tx, unitID); err != nil {
			return ttdn.BudgetTotals{}, err
		}
	}
	f, err := budgetFiguresTx(ctx, tx, where, args, units, from, to)
	if err != nil {
		return ttdn.BudgetTotals{}, err
	}
	return f.totals(), nil
}

// timeBounds turns a period of days into [lo, hi) instants; an open end
// becomes a far date.
func timeBounds(from, to ttdn.Date) (time.Time, time.Time) {
	lo, hi := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
	if !from.IsZero() {
		lo = from.Time(ict).UTC()
	}
	if !to.IsZero() {
		hi = to.Time(ict).AddDate(0, 0, 1).UTC()
	}
	return lo, hi
}

// dateBounds is the period as ISO dates for TEXT date columns.
func dateBounds(from, to ttdn.Date) []any {
	lo, hi := "0000-00-00", "9999-99-99"
	if !from.IsZero() {
		lo = from.ISO()
	}
	if !to.IsZero() {
		hi = to.ISO()
	}
	return []any{lo, hi}
}

// FindBudgetSummary totals the lines of every submitted estimate the user
// may read by one dimension: estimated, appraised, approved, allocated and
// spent. Drafts are the unit's own work in progress and are left out.
func (s *BudgetService) FindBudgetSummary(ctx context.Context, f ttdn.BudgetSummaryFilter) ([]ttdn.BudgetSummaryRow, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := budgetScope(ctx)
	where += " AND b.status <> 'draft'"
	if f.Year != nil {
		where, args = where+" AND b.year = ?", append(args, *f.Year)
	}
	if f.UnitID != nil {
		ids, err := unitSubtree(ctx, tx, *f.UnitID)
		if err != nil {
			return nil, err
		}
		where, args = where+" AND b.unit_id IN ("+placeholders(len(ids))+")", append(args, int64Args(ids)...)
	}
	lines, err := findSummaryLines(ctx, tx, where, args)
	if err != nil {
		return nil, err
	}
	var themes map[int64][][2]string
	if f.By == ttdn.BudgetByThemeGroup {
		if themes, err = lineThemes(ctx, tx, lines); err != nil {
			return nil, err
		}
	}
	return groupSummary(f.By, lines, themes)
}

// summaryLine is a line with what it is grouped by.
type summaryLine struct {
	ttdn.BudgetLine
	unitID         int64
	unitName       string
	year           int
	taskRef, title string
}

func findSummaryLines(ctx context.Context, tx *Tx, where string, args []any) ([]*summaryLine, error) {
	rows, err := tx.QueryContext(ctx, `SELECT b.unit_id, u.name, b.year, COALESCE(t.ref, ''), COALESCE(t.title, ''), `+budgetLineColumns+`
		FROM budget_lines l JOIN budget_estimates b ON b.id = l.estimate_id JOIN units u ON u.id = b.unit_id
		LEFT JOIN tasks t ON t.id = l.task_id WHERE `+where+` ORDER BY l.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*summaryLine
	for rows.Next() {
		sl := &summaryLine{}
		l := &sl.BudgetLine
		var source string
		if err := rows.Scan(&sl.unitID, &sl.unitName, &sl.year, &sl.taskRef, &sl.title, &l.ID, idScan{&l.TaskID}, idScan{&l.ActivityID},
			&l.Item, &l.Quantity, &l.UnitOfMeasure, (*int64)(&l.UnitPrice), (*int64)(&l.Amount), &source, moneyScan{&l.Appraised},
			&l.AppraisalComment, moneyScan{&l.Approved}, sumScan{&l.Allocated}, sumScan{&l.Spent}); err != nil {
			return nil, err
		}
		l.Source = ttdn.FundingSource(source)
		out = append(out, sl)
	}
	return out, rows.Err()
}

// lineThemes returns the (code, name) themes of the lines' tasks.
func lineThemes(ctx context.Context, tx *Tx, lines []*summaryLine) (map[int64][][2]string, error) {
	var ids []int64
	for _, l := range lines {
		if l.TaskID != 0 {
			ids = append(ids, l.TaskID)
		}
	}
	out := map[int64][][2]string{}
	if ids = dedupe(ids); len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT x.task_id, h.code, h.name FROM task_themes x JOIN themes h ON h.id = x.theme_id
		WHERE x.task_id IN (`+placeholders(len(ids))+`) ORDER BY h.position, h.id`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code, name string
		if err := rows.Scan(&id, &code, &name); err != nil {
			return nil, err
		}
		out[id] = append(out[id], [2]string{code, name})
	}
	return out, rows.Err()
}

// groupSummary adds each line to the row (or rows, for themes) it belongs
// to; years come in order, other dimensions largest estimate first.
func groupSummary(by ttdn.BudgetGroupBy, lines []*summaryLine, themes map[int64][][2]string) ([]ttdn.BudgetSummaryRow, error) {
	rows := map[string]*ttdn.BudgetSummaryRow{}
	var order []string
	for _, l := range lines {
		for _, kl := range summaryKeys(by, l, themes) {
			r, ok := rows[kl[0]]
			if !ok {
				r = &ttdn.BudgetSummaryRow{Key: kl[0], Label: kl[1]}
				rows[kl[0]], order = r, append(order, kl[0])
			}
			if err := r.Add(&l.BudgetLine); err != nil {
				return nil, err
			}
		}
	}
	out := make([]ttdn.BudgetSummaryRow, 0, len(order))
	for _, k := range order {
		out = append(out, *rows[k])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if by == ttdn.BudgetByYearGroup {
			return out[i].Key < out[j].Key
		}
		return out[i].Estimated > out[j].Estimated
	})
	return out, nil
}

// summaryKeys returns the (key, label) pairs a line counts under.
func summaryKeys(by ttdn.BudgetGroupBy, l *summaryLine, themes map[int64][][2]string) [][2]string {
	switch by {
	case ttdn.BudgetByTaskGroup:
		if l.TaskID == 0 {
			return [][2]string{{"none", "Không gắn nhiệm vụ"}}
		}
		return [][2]string{{strconv.FormatInt(l.TaskID, 10), l.taskRef + " " + l.title}}
	case ttdn.BudgetByThemeGroup:
		if len(themes[l.TaskID]) == 0 {
			return [][2]string{{"none", "Không có chuyên đề"}}
		}
		return themes[l.TaskID]
	case ttdn.BudgetBySourceGroup:
		return [][2]string{{string(l.Source), l.Source.Label()}}
	case ttdn.BudgetByYearGroup:
		y := strconv.Itoa(l.year)
		return [][2]string{{y, y}}
	}
	return [][2]string{{strconv.FormatInt(l.unitID, 10), l.unitName}}
}
