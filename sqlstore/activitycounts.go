package sqlstore

import (
	"cmp"
	"context"
	"slices"
)

// The count tables of migration 0008 (activity_month_counts,
// activity_theme_month_counts) hold how many activities start in each month,
// by classification and type or theme. Every write of an activity changes
// them in its own transaction through activityCounts, so a count is exactly
// as current as the activities it counts; TestActivityCountsMatchActivities
// compares them with a direct count after every kind of write.

// activityCountKey is one row of a count table: themeID 0 is a row of
// activity_month_counts (by type), any other a row of the theme table.
type activityCountKey struct {
	month, class, typ string
	themeID           int64
}

// activityCounts collects changes to the count tables within a transaction.
type activityCounts map[activityCountKey]int

// add counts sign (+1, -1) activities starting on start (ISO date) of class
// and typ, tagged with themes.
func (c activityCounts) add(start, class, typ string, themes []int64, sign int) {
	month := start[:min(len(start), 7)]
	c[activityCountKey{month: month, class: class, typ: typ}] += sign
	for _, id := range themes {
		c[activityCountKey{month: month, class: class, themeID: id}] += sign
	}
}

// addStored counts the stored activity id sign times, as it is in the
// database now: before a change with -1, after it with +1.
func (c activityCounts) addStored(ctx context.Context, tx *Tx, id int64, sign int) error {
	var start, class, typ string
	if err := tx.QueryRowContext(ctx, `SELECT start_date, classification, type FROM activities WHERE id = ?`, id).
		Scan(&start, &class, &typ); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT theme_id FROM activity_themes WHERE activity_id = ?`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	var themes []int64
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			return err
		}
		themes = append(themes, t)
	}
	c.add(start, class, typ, themes, sign)
	return rows.Err()
}

// apply adds the collected changes to the count tables. On PostgreSQL they
// are held back to the commit, after the audit events (Tx.Commit): a
// month's row is one lock every activity write of that month takes, and
// taken before the chain's head it was held while the transaction queued
// for the head — 18 of the 40 connections of the 200-user mix waited on
// that row, the rest of the pages short of connections. Taken after the
// head, only the transaction holding the head can hold it.
func (c activityCounts) apply(ctx context.Context, tx *Tx) error {
	if tx.db.engine == EnginePostgres && tx.Tx != nil {
		if tx.counts == nil {
			tx.counts, tx.countsCtx = activityCounts{}, ctx
		}
		for k, n := range c {
			tx.counts[k] += n
		}
		return nil
	}
	return c.write(ctx, tx)
}

// write upserts the changes. Keys are written in one order, so two
// PostgreSQL transactions updating the same rows wait for each other
// instead of deadlocking.
func (c activityCounts) write(ctx context.Context, tx *Tx) error {
	keys := make([]activityCountKey, 0, len(c))
	for k, n := range c {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b activityCountKey) int {
		return cmp.Or(cmp.Compare(a.themeID, b.themeID), cmp.Compare(a.month, b.month), cmp.Compare(a.class, b.class),
			cmp.Compare(a.typ, b.typ))
	})
	var byType, byTheme [][]any
	for _, k := range keys {
		if k.themeID == 0 {
			byType = append(byType, []any{k.month, k.class, k.typ, c[k]})
		} else {
			byTheme = append(byTheme, []any{k.month, k.class, k.themeID, c[k]})
		}
	}
	if err := upsertCounts(ctx, tx, "activity_month_counts", "type", byType); err != nil {
		return err
	}
	return upsertCounts(ctx, tx, "activity_theme_month_counts", "theme_id", byTheme)
}

// upsertCounts adds rows of (month, classification, key, n) to table, whose
// third key column is keyCol (constants of ours).
func upsertCounts(ctx context.Context, tx *Tx, table, keyCol string, rows [][]any) error {
	for start := 0; start < len(rows); start += rowsPerInsert {
		chunk := rows[start:min(start+rowsPerInsert, len(rows))]
		args := make([]any, 0, 4*len(chunk))
		values := make([]byte, 0, 16*len(chunk))
		for i, r := range chunk {
			if i > 0 {
				values = append(values, ", "...)
			}
			values, args = append(values, "(?, ?, ?, ?)"...), append(args, r...)
		}
		if _, err := tx.exec(ctx, `INSERT INTO `+table+` (month, classification, `+keyCol+`, n) VALUES `+string(values)+
			` ON CONFLICT (month, classification, `+keyCol+`) DO UPDATE SET n = `+table+`.n + excluded.n`, args...); err != nil {
			return err
		}
	}
	return nil
}

// countActivityIn counts the just-stored activity id into the tables.
func countActivityIn(ctx context.Context, tx *Tx, id int64) error {
	c := activityCounts{}
	if err := c.addStored(ctx, tx, id, +1); err != nil {
		return err
	}
	return c.apply(ctx, tx)
}
