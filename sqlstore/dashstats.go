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
//
// The months wholly inside the range are counted from the count tables
// (activitycounts.go) for the classifications the user reads everywhere:
// a few hundred rows for a year instead of ~5,000 activities and their
// theme links. What the tables cannot scope — activities of a higher level
// readable only because they involve the user's units — and the partial
// months at either end of the range are counted from the activities.
func (s *DashboardService) ActivityStats(ctx context.Context, from, to ttdn.Date) (*ttdn.ActivityStats, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Khoảng thời gian thống kê không hợp lệ.", "Invalid date range for the statistics.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := statCounts{byMonth: map[string]int{}, byType: map[string]int{}, byTheme: map[string]int{}}
	scope := ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceActivity)
	if first, last, ok := wholeMonths(from, to); !ok {
		err = c.countActivities(ctx, tx, false, from, to)
	} else {
		err = c.countStored(ctx, tx, scope, first, last)
		if err == nil {
			err = c.countActivities(ctx, tx, true, first, last)
		}
		if err == nil && from.Before(first) {
			err = c.countActivities(ctx, tx, false, from, addDays(first, -1))
		}
		if err == nil && last.Before(to) {
			err = c.countActivities(ctx, tx, false, addDays(last, 1), to)
		}
	}
	if err != nil {
		return nil, err
	}
	themes, err := findThemes(ctx, tx)
	st := &ttdn.ActivityStats{From: from, To: to}
	for _, e := range ttdn.ActivityTypes {
		st.ByType = append(st.ByType, ttdn.Count{Key: string(e.Type), Label: e.Label, Count: c.byType[string(e.Type)]})
		st.Total += c.byType[string(e.Type)]
	}
	for m := from.Time(time.UTC).AddDate(0, 0, 1-from.Day); !m.After(to.Time(time.UTC)); m = m.AddDate(0, 1, 0) {
		key := m.Format("2006-01")
		st.ByMonth = append(st.ByMonth, ttdn.Count{Key: key, Label: fmt.Sprintf("%02d/%d", int(m.Month()), m.Year()), Count: c.byMonth[key]})
	}
	for _, t := range themes {
		st.ByTheme = append(st.ByTheme, ttdn.Count{Key: t.Code, Label: t.Name, Count: c.byTheme[strconv.FormatInt(t.ID, 10)]})
	}
	return st, err
}

// statCounts adds up activity counts by month ("2019-06"), type and theme
// (by id, as text).
type statCounts struct{ byMonth, byType, byTheme map[string]int }

func (c statCounts) monthType(month, typ string, n int) { c.byMonth[month] += n; c.byType[typ] += n }
func (c statCounts) theme(id, _ string, n int)          { c.byTheme[id] += n }

// countActivities counts the activities of the reader's scope started
// between from and to — only those readable because they involve the
// reader's units when unitsOnly (the rest are in the count tables). Two
// grouped queries answer it: (month, type) pairs, and themes. Each runs once
// per scope part (UNION ALL), so each part is a range scan of one covering
// index instead of an OR over the scope.
func (c statCounts) countActivities(ctx context.Context, tx *Tx, unitsOnly bool, from, to ttdn.Date) error {
	parts := activityScopePartsIn(ctx, from, to)
	if unitsOnly {
		if len(parts) < 2 {
			return nil
		}
		parts = parts[1:]
	}
	rng, args := " AND a.start_date >= ? AND a.start_date <= ?", []any{from.ISO(), to.ISO()}
	// Month first in GROUP BY: grouping by type first makes SQLite prefer the
	// (type, start_date) index, which does not cover the classification.
	q, qargs := partsQuery(parts, " UNION ALL ", func(cond string) string {
		return `SELECT SUBSTR(a.start_date, 1, 7), a.type, COUNT(*) FROM activities a WHERE ` + cond + rng +
			` GROUP BY SUBSTR(a.start_date, 1, 7), a.type`
	}, args)
	if err := eachCount(ctx, tx, q, qargs, c.monthType); err != nil {
		return err
	}
	q, qargs = partsQuery(parts, " UNION ALL ", func(cond string) string {
		return `SELECT x.theme_id, '', COUNT(*) FROM activity_themes x JOIN activities a ON a.id = x.activity_id
			WHERE ` + cond + rng + ` GROUP BY x.theme_id`
	}, args)
	return eachCount(ctx, tx, q, qargs, c.theme)
}

// countStored adds the count tables' rows for the months from first to last
// (whole months) and the levels the scope reads without regard to units.
func (c statCounts) countStored(ctx context.Context, tx *Tx, scope ttdn.Scope, first, last ttdn.Date) error {
	if scope.None {
		return nil
	}
	where := ` WHERE month >= ? AND month <= ? AND classification IN (` +
		classCodes(func(l ttdn.Classification) bool { return l <= scope.Max }) + `)`
	args := []any{first.ISO()[:7], last.ISO()[:7]}
	if err := eachCount(ctx, tx, `SELECT month, type, SUM(n) FROM activity_month_counts`+where+` GROUP BY month, type`,
		args, c.monthType); err != nil {
		return err
	}
	return eachCount(ctx, tx, `SELECT theme_id, '', SUM(n) FROM activity_theme_month_counts`+where+` GROUP BY theme_id`,
		args, c.theme)
}

// wholeMonths returns the first and last day of the whole calendar months
// inside from–to, and false when there are none.
func wholeMonths(from, to ttdn.Date) (first, last ttdn.Date, ok bool) {
	first = ttdn.Date{Year: from.Year, Month: from.Month, Day: 1}
	if from.Day != 1 {
		first = ttdn.DateOf(first.Time(time.UTC).AddDate(0, 1, 0))
	}
	last = ttdn.DateOf(ttdn.Date{Year: to.Year, Month: to.Month, Day: 1}.Time(time.UTC).AddDate(0, 1, -1))
	if last != to {
		last = addDays(ttdn.Date{Year: to.Year, Month: to.Month, Day: 1}, -1)
	}
	return first, last, !last.Before(first)
}

// addDays returns d moved by n days.
func addDays(d ttdn.Date, n int) ttdn.Date { return ttdn.DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

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
