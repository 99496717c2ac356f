package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

// CompletenessService computes completeness and timeliness of reporting
// from the expected reporters and the reports: DHIS2's reporting rates.
type CompletenessService struct{ db *DB }

// NewCompletenessService returns the completeness service on db.
func NewCompletenessService(db *DB) *CompletenessService { return &CompletenessService{db: db} }

var _ ttdn.CompletenessService = (*CompletenessService)(nil)

// sentStatuses are the statuses of a report the unit has sent; a returned
// report was sent, and its timeliness is that of its first submission.
const sentStatuses = `('submitted', 'returned', 'resubmitted', 'accepted')`

// FindPeriodStats returns the period's expected, submitted, on-time, late,
// accepted and missing counts.
func (s *CompletenessService) FindPeriodStats(ctx context.Context, periodID int64) (*ttdn.PeriodStats, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := readPeriod(ctx, tx, periodID); err != nil {
		return nil, err
	}
	return periodStats(ctx, tx, periodID)
}

func periodStats(ctx context.Context, tx *Tx, periodID int64) (*ttdn.PeriodStats, error) {
	st := &ttdn.PeriodStats{PeriodID: periodID}
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN r.status IN `+sentStatuses+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN r.status IN `+sentStatuses+` AND r.late THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END), 0)
		FROM report_expected e LEFT JOIN unit_reports r ON r.period_id = e.period_id AND r.unit_id = e.unit_id
		WHERE e.period_id = ?`, periodID).Scan(&st.Expected, &st.Submitted, &st.Late, &st.Accepted)
	st.OnTime, st.Missing = st.Submitted-st.Late, st.Expected-st.Submitted
	return st, err
}

// FindCompleteness returns the matrix of units × periods the filter
// selects, periods oldest first, units by name. Unit officers see only
// their own units' rows.
func (s *CompletenessService) FindCompleteness(ctx context.Context, f ttdn.CompletenessFilter) (*ttdn.CompletenessMatrix, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := periodWhere(ctx, ttdn.PeriodFilter{PlanID: f.PlanID, Type: f.Type, FromYear: f.FromYear, ToYear: f.ToYear})
	periods, err := findPeriods(ctx, tx, where+` ORDER BY rp.cutoff_to, rp.id`, args...)
	if err != nil || len(periods) == 0 {
		return &ttdn.CompletenessMatrix{}, err
	}
	m := &ttdn.CompletenessMatrix{Periods: periods}
	col := map[int64]int{}
	for i, rp := range periods {
		col[rp.ID] = i
		m.Stats = append(m.Stats, &ttdn.PeriodStats{PeriodID: rp.ID})
	}
	return m, fillMatrix(ctx, tx, m, col, f.UnitID)
}

// fillMatrix reads every expected (period, unit) pair with its report in
// one query and tallies rows and per-period stats from it.
func fillMatrix(ctx context.Context, tx *Tx, m *ttdn.CompletenessMatrix, col map[int64]int, unitID *int64) error {
	ids := make([]int64, len(m.Periods))
	for i, rp := range m.Periods {
		ids[i] = rp.ID
	}
	scope, args := reportScope(ctx, "e.unit_id")
	cond := []string{scope, "e.period_id IN (" + placeholders(len(ids)) + ")"}
	args = append(args, int64Args(ids)...)
	if unitID != nil {
		cond, args = append(cond, "e.unit_id = ?"), append(args, *unitID)
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.period_id, e.unit_id, u.name, COALESCE(r.status, ''),
		CASE WHEN r.late THEN 1 ELSE 0 END FROM report_expected e JOIN units u ON u.id = e.unit_id
		LEFT JOIN unit_reports r ON r.period_id = e.period_id AND r.unit_id = e.unit_id
		WHERE `+strings.Join(cond, " AND ")+` ORDER BY u.name, e.unit_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var row *ttdn.CompletenessRow
	for rows.Next() {
		var periodID, uid int64
		var name, status string
		var late int
		if err := rows.Scan(&periodID, &uid, &name, &status, &late); err != nil {
			return err
		}
		if row == nil || row.UnitID != uid {
			row = &ttdn.CompletenessRow{UnitID: uid, UnitName: name, Cells: make([]ttdn.CellState, len(m.Periods)),
				Accepted: make([]bool, len(m.Periods))}
			m.Rows = append(m.Rows, row)
		}
		tallyCell(row, m.Stats[col[periodID]], col[periodID], ttdn.ReportStatus(status), late == 1)
	}
	return rows.Err()
}

func tallyCell(row *ttdn.CompletenessRow, st *ttdn.PeriodStats, i int, status ttdn.ReportStatus, late bool) {
	row.Expected++
	st.Expected++
	switch {
	case !status.Sent():
		row.Cells[i] = ttdn.CellMissing
		row.Missing++
		st.Missing++
		return
	case late:
		row.Cells[i] = ttdn.CellLate
		row.Late++
		st.Late++
	default:
		row.Cells[i] = ttdn.CellOnTime
		row.OnTime++
		st.OnTime++
	}
	st.Submitted++
	if status == ttdn.ReportAccepted {
		row.Accepted[i] = true
		st.Accepted++
	}
}
