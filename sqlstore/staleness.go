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
	cte, args := concernedUnits(f)
	scope, sargs := taskScope(ctx)
	args = append(args, sargs...)
	where := []string{scope, "t.status IN ('not_started', 'in_progress')", "p.status <> 'closed'"}
	if f.PlanID != nil {
		where, args = append(where, "t.plan_id = ?"), append(args, *f.PlanID)
	}
	if f.UnitID != nil {
		where, args = append(where, "c.unit_id = ?"), append(args, *f.UnitID)
	}
	rows, err := tx.QueryContext(ctx, cte+`SELECT u.id, u.name, COUNT(DISTINCT t.id), MIN(p.created_at),
		(SELECT MAX(pu.created_at) FROM progress_updates pu WHERE pu.unit_id = u.id)
		FROM concerned c JOIN tasks t ON t.id = c.task_id JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = c.unit_id
		WHERE `+strings.Join(where, " AND ")+` GROUP BY u.id, u.name ORDER BY u.name, u.id`, args...)
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
