package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ttdn"
	"ttdn/sqlstore"
)

// pageRecords picks, for each collection of the route table, the record a
// page walk requests (as http.RoutePath wants them): the user's own unit,
// a task, activity and report of that unit, the plan with the most tasks,
// and the newest record of everything else. Records the user may not read
// show as 404 in the walk, not as errors.
func pageRecords(ctx context.Context, db *sqlstore.DB, u *ttdn.User) (map[string]string, error) {
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	unit := u.UnitID
	if unit == 0 {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM units WHERE code = ?`, "so-tttt").Scan(&unit); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	newest := func(table string) string { return `SELECT max(id) FROM ` + table }
	queries := map[string]struct {
		sql  string
		args []any
	}{
		"units":                {`SELECT id FROM units WHERE id = ?`, []any{unit}},
		"users":                {`SELECT id FROM users WHERE id = ?`, []any{u.ID}},
		"plans":                {`SELECT plan_id FROM tasks GROUP BY plan_id ORDER BY count(*) DESC, plan_id DESC LIMIT 1`, nil},
		"tasks":                {`SELECT max(task_id) FROM task_units WHERE unit_id = ?`, []any{unit}},
		"activities":           {`SELECT max(activity_id) FROM activity_units WHERE unit_id = ?`, []any{unit}},
		"reports":              {`SELECT max(id) FROM unit_reports WHERE unit_id = ?`, []any{unit}},
		"unit-reports":         {`SELECT max(id) FROM unit_reports WHERE unit_id = ?`, []any{unit}},
		"reports/periods":      {newest("report_periods"), nil},
		"report-periods":       {newest("report_periods"), nil},
		"budgets":              {newest("budget_estimates"), nil},
		"cases":                {newest("cases"), nil},
		"difficulties":         {newest("difficulties"), nil},
		"difficulty-groups":    {newest("difficulty_groups"), nil},
		"attachments":          {newest("attachments"), nil},
		"press/articles":       {newest("press_articles"), nil},
		"press/stories":        {`SELECT max(story_id) FROM press_articles`, nil},
		"press/sources":        {newest("press_sources"), nil},
		"press/watch":          {newest("press_watch_terms"), nil},
		"press/source-imports": {newest("press_source_imports"), nil},
		"press/reapply":        {newest("press_reapply_jobs"), nil},
	}
	ids := map[string]string{}
	for c, q := range queries {
		var id sql.NullInt64
		if err := tx.QueryRowContext(ctx, q.sql, q.args...).Scan(&id); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("bench: the %s to request: %w", c, err)
		}
		if id.Valid && id.Int64 != 0 {
			ids[c] = fmt.Sprint(id.Int64)
		}
	}
	return ids, nil
}
