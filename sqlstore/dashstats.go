package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"ttdn"
)

// AttentionTasks returns the readable tasks that are overdue on f.Day or,
// when f.StaleDays > 0, unfinished and not updated for that many days: the
// earliest deadline first. Staleness reads the task's updated_at, which
// every change to the task (status, percent, an update) moves.
func (s *DashboardService) AttentionTasks(ctx context.Context, f ttdn.AttentionFilter) ([]*ttdn.TaskAttention, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if f.Day.IsZero() {
		f.Day = ttdn.DateOf(tx.now)
	}
	where, args := taskWhere(ctx, ttdn.TaskFilter{PlanID: f.PlanID, UnitID: f.UnitID})
	open := `t.status NOT IN ('` + string(ttdn.TaskDone) + `', '` + string(ttdn.TaskCancelled) + `')`
	cond := "(t.deadline IS NOT NULL AND t.deadline < ?)"
	args = append(args, f.Day.ISO())
	cutoff := f.Day.Time(time.UTC).AddDate(0, 0, -f.StaleDays)
	if f.StaleDays > 0 {
		cond = "(" + cond + " OR t.updated_at < ?)"
		args = append(args, cutoff)
	}
	tasks, err := findTasks(ctx, tx, where+" AND "+open+" AND "+cond+
		` ORDER BY COALESCE(t.deadline, '9999-12-31'), t.updated_at, t.id`+limitClause(f.Limit, 0), args...)
	if err != nil {
		return nil, err
	}
	out := make([]*ttdn.TaskAttention, 0, len(tasks))
	for _, t := range tasks {
		days := int(f.Day.Time(time.UTC).Sub(ttdn.DateOf(t.UpdatedAt).Time(time.UTC)).Hours() / 24)
		out = append(out, &ttdn.TaskAttention{TaskID: t.ID, PlanID: t.PlanID, Ref: t.Ref, Title: t.Title, Deadline: t.Deadline,
			Status: t.Status, Percent: t.Percent, LastUpdate: t.UpdatedAt, DaysSinceUpdate: days,
			Overdue: t.Overdue(f.Day), Stale: f.StaleDays > 0 && t.UpdatedAt.Before(cutoff)})
	}
	return out, nil
}

// ActivityStats counts the readable activities started between from and to.
// Two grouped queries answer it: (month, type) pairs, summed in Go into the
// by-type and by-month counts, and themes. Each runs once per part of the
// read scope (UNION ALL), so each part is a range scan of one covering
// index instead of an OR over the scope.
func (s *DashboardService) ActivityStats(ctx context.Context, from, to ttdn.Date) (*ttdn.ActivityStats, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Khoảng thời gian thống kê không hợp lệ.", "Invalid date range for the statistics.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	parts, rng, args := activityScopeParts(ctx), " AND a.start_date >= ? AND a.start_date <= ?", []any{from.ISO(), to.ISO()}
	// Month first in GROUP BY: grouping by type first makes SQLite prefer the
	// (type, start_date) index, which does not cover the classification.
	q, qargs := partsQuery(parts, " UNION ALL ", func(cond string) string {
		return `SELECT SUBSTR(a.start_date, 1, 7), a.type, COUNT(*) FROM activities a WHERE ` + cond + rng +
			` GROUP BY SUBSTR(a.start_date, 1, 7), a.type`
	}, args)
	byMonth, byType := map[string]int{}, map[string]int{}
	err = eachCount(ctx, tx, q, qargs, func(month, typ string, n int) { byMonth[month] += n; byType[typ] += n })
	if err != nil {
		return nil, err
	}
	q, qargs = partsQuery(parts, " UNION ALL ", func(cond string) string {
		return `SELECT x.theme_id, '', COUNT(*) FROM activity_themes x JOIN activities a ON a.id = x.activity_id
			WHERE ` + cond + rng + ` GROUP BY x.theme_id`
	}, args)
	byTheme := map[string]int{}
	if err := eachCount(ctx, tx, q, qargs, func(id, _ string, n int) { byTheme[id] += n }); err != nil {
		return nil, err
	}
	themes, err := findThemes(ctx, tx)
	st := &ttdn.ActivityStats{From: from, To: to}
	for _, e := range ttdn.ActivityTypes {
		st.ByType = append(st.ByType, ttdn.Count{Key: string(e.Type), Label: e.Label, Count: byType[string(e.Type)]})
		st.Total += byType[string(e.Type)]
	}
	for m := from.Time(time.UTC).AddDate(0, 0, 1-from.Day); !m.After(to.Time(time.UTC)); m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		st.ByMonth = append(st.ByMonth, ttdn.Count{Key: key, Label: fmt.Sprintf("%02d/%d", int(m.Month()), m.Year()), Count: byMonth[key]})
	}
	for _, t := range themes {
		st.ByTheme = append(st.ByTheme, ttdn.Count{Key: t.Code, Label: t.Name, Count: byTheme[strconv.FormatInt(t.ID, 10)]})
	}
	return st, err
}

// eachCount runs a query of (key, key, count) rows, handing each to fn.
func eachCount(ctx context.Context, tx *Tx, query string, args []any, fn func(k1, k2 string, n int)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k1, k2 string
		var n int
		if err := rows.Scan(&k1, &k2, &n); err != nil {
			return err
		}
		fn(k1, k2, n)
	}
	return rows.Err()
}
