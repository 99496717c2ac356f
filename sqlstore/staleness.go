package sqlstore

import (
	"context"
	"strings"
	"time"

	"ttdn"
)

// How recently each unit has reported: per unit named (directly or through
// a group) as lead or executing unit on open tasks of plans not closed, the
// time of its last progress update. A unit that never reported counts from
// when its oldest such plan was stored.

// FindUnitActivity returns, per unit, its open tasks, last update and days
// since, flagging the stale ones.
func (s *ProgressService) FindUnitActivity(ctx context.Context, f ttdn.UnitActivityFilter) ([]*ttdn.UnitActivity, error) {
	if ttdn.UserFromContext(ctx) == nil {
		return nil, ttdn.Errorf(ttdn.EUNAUTHORIZED, "Bạn cần đăng nhập để thực hiện thao tác này.", "You need to log in to do this.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if f.StaleDays <= 0 {
		set, err := findSettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		f.StaleDays = set.StaleDays
	}
	return findUnitActivity(ctx, tx, f)
}

// concernedUnits pairs units with the open tasks they lead or execute,
// groups expanded to their members, narrowed to f's plan and unit inside the
// CTE: SQLite materialises a UNION, so a filter applied after it would pair
// every task of every plan first.
func concernedUnits(f ttdn.UnitActivityFilter) (string, []any) {
	var cond string
	var args []any
	if f.PlanID != nil {
		cond, args = " AND tu.task_id IN (SELECT pt.id FROM tasks pt WHERE pt.plan_id = ?)", []any{*f.PlanID}
	}
	direct, grouped := cond, cond
	dargs, gargs := args, args
	if f.UnitID != nil {
		direct, dargs = direct+" AND tu.unit_id = ?", append(append([]any{}, args...), *f.UnitID)
		grouped, gargs = grouped+" AND m.unit_id = ?", append(append([]any{}, args...), *f.UnitID)
	}
	return `WITH concerned AS (
	SELECT tu.unit_id AS unit_id, tu.task_id AS task_id FROM task_units tu
		WHERE tu.unit_id IS NOT NULL AND tu.role IN ('lead', 'executing')` + direct + `
	UNION
	SELECT m.unit_id, tu.task_id FROM task_units tu JOIN unit_group_members m ON m.group_id = tu.group_id
		WHERE tu.role IN ('lead', 'executing')` + grouped + `)
`, append(dargs, gargs...)
}

func findUnitActivity(ctx context.Context, tx *Tx, f ttdn.UnitActivityFilter) ([]*ttdn.UnitActivity, error) {
	query, args := unitActivityQuery(ctx, f)
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	now := tx.now
	var out []*ttdn.UnitActivity
	for rows.Next() {
		a := &ttdn.UnitActivity{}
		var since time.Time
		if err := rows.Scan(&a.UnitID, &a.UnitName, &a.OpenTasks, timeScan{&since}, timeScan{&a.LastUpdateAt}); err != nil {
			return nil, err
		}
		a.Since = since
		if !a.LastUpdateAt.IsZero() {
			a.Since = a.LastUpdateAt
		}
		a.DaysSinceUpdate = ttdn.DaysSince(a.Since, now)
		a.Stale = a.DaysSinceUpdate >= f.StaleDays
		if a.Stale || !f.StaleOnly {
			out = append(out, a)
		}
	}
	return out, rows.Err()
}

// unitActivityQuery is findUnitActivity's query. For one unit it starts
// from that unit's task rows (concernedUnits); for every unit it starts from
// the open tasks in scope — a third of all tasks — and pairs only those with
// their units, rather than pairing every task ever assigned and then
// dropping the closed ones: on the large province that halves the rows
// joined and is what the dashboard and the unit list ask. Pairs are kept
// with UNION ALL: a unit named twice on a task (lead and executing, or
// directly and through a group) is counted once by COUNT(DISTINCT), and
// MIN ignores repeats. The pairs are counted per unit before the units are
// joined, and the group members are reached from the open tasks (CROSS JOIN
// keeps SQLite to that order): otherwise SQLite built two throwaway indexes
// on every call (the unit list's CPU was 83 % this query).
func unitActivityQuery(ctx context.Context, f ttdn.UnitActivityFilter) (string, []any) {
	const columns = `SELECT u.id, u.name, COUNT(DISTINCT c.task_id), MIN(c.since),
		(SELECT MAX(pu.created_at) FROM progress_updates pu WHERE pu.unit_id = u.id)`
	scope, args := taskScope(ctx)
	if f.UnitID != nil {
		cte, cargs := concernedUnits(f)
		where := []string{scope, "t.status IN ('not_started', 'in_progress')", "p.status <> 'closed'", "c.unit_id = ?"}
		args = append(append(cargs, args...), *f.UnitID)
		if f.PlanID != nil {
			where, args = append(where, "t.plan_id = ?"), append(args, *f.PlanID)
		}
		return cte + `, pairs AS (SELECT c.unit_id AS unit_id, t.id AS task_id, p.created_at AS since
			FROM concerned c JOIN tasks t ON t.id = c.task_id JOIN plans p ON p.id = t.plan_id
			WHERE ` + strings.Join(where, " AND ") + `)
		` + columns + ` FROM pairs c JOIN units u ON u.id = c.unit_id GROUP BY u.id, u.name ORDER BY u.name, u.id`, args
	}
	where := []string{scope, "t.status IN ('not_started', 'in_progress')", "p.status <> 'closed'"}
	if f.PlanID != nil {
		where, args = append(where, "t.plan_id = ?"), append(args, *f.PlanID)
	}
	return `WITH open AS (
	SELECT t.id AS task_id, p.created_at AS since FROM tasks t JOIN plans p ON p.id = t.plan_id
		WHERE ` + strings.Join(where, " AND ") + `),
concerned AS (
	SELECT tu.unit_id AS unit_id, o.task_id AS task_id, o.since AS since FROM open o JOIN task_units tu ON tu.task_id = o.task_id
		WHERE tu.unit_id IS NOT NULL AND tu.role IN ('lead', 'executing')
	UNION ALL
	SELECT m.unit_id, o.task_id, o.since FROM open o CROSS JOIN task_units tu CROSS JOIN unit_group_members m
		WHERE tu.task_id = o.task_id AND m.group_id = tu.group_id AND tu.role IN ('lead', 'executing')),
per AS (
	SELECT unit_id, COUNT(DISTINCT task_id) AS tasks, MIN(since) AS since FROM concerned GROUP BY unit_id)
SELECT u.id, u.name, c.tasks, c.since, (SELECT MAX(pu.created_at) FROM progress_updates pu WHERE pu.unit_id = u.id)
	FROM per c JOIN units u ON u.id = c.unit_id ORDER BY u.name, u.id`, args
}
