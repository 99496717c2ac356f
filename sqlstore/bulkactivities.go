package sqlstore

import (
	"context"
	"time"

	"ttdn"
)

// CreateActivities validates and stores activities with explicit ids and
// their links in one transaction. Units, tasks, themes and channels must
// exist (foreign keys refuse the batch otherwise).
func (l *BulkLoader) CreateActivities(ctx context.Context, acts []*ttdn.Activity) error {
	tx, err := l.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	themes, err := findThemes(ctx, tx)
	if err != nil {
		return err
	}
	themeID := map[string]int64{}
	for _, t := range themes {
		themeID[t.Code] = t.ID
	}
	id, err := nextID(ctx, tx, "activities")
	if err != nil {
		return err
	}
	taskLevel, err := allTaskLevels(ctx, tx)
	if err != nil {
		return err
	}
	var rows, units, tasks, tags [][]any
	counts := activityCounts{}
	for _, a := range acts {
		if err := a.Validate(); err != nil {
			return err
		}
		details, err := detailsArg(a.Details)
		if err != nil {
			return err
		}
		a.ID, a.Version, a.CreatedAt, a.UpdatedAt = id, 1, tx.now, tx.now
		id++
		var levels []ttdn.Classification
		for _, t := range dedupe(a.TaskIDs) {
			levels = append(levels, taskLevel[t])
		}
		a.OwnClassification = a.Classification
		a.Classification = ttdn.ActivityLevel(a.OwnClassification, levels)
		rows = append(rows, []any{a.ID, string(a.Type), a.Title, a.Summary, a.StartDate.ISO(), dateArg(a.EndDate), a.Place,
			idArg(a.ChannelID()), a.Classification.String(), a.OwnClassification.String(), details, activitySearchKey(a), fold(a.Title), 1, tx.now, tx.now})
		for i, u := range dedupe(a.UnitIDs) {
			units = append(units, []any{a.ID, u, i, a.StartDate.ISO(), a.Classification.String()})
		}
		for _, t := range dedupe(a.TaskIDs) {
			tasks = append(tasks, []any{a.ID, t})
		}
		var themes []int64
		for _, code := range a.Themes {
			if themeID[code] == 0 {
				return ttdn.Errorf(ttdn.EINVALID, "Chuyên đề %q không có trong danh mục.", "Theme %q is not in the catalogue.", code)
			}
			tags = append(tags, []any{a.ID, themeID[code]})
			themes = append(themes, themeID[code])
		}
		counts.add(a.StartDate.ISO(), a.Classification.String(), string(a.Type), themes, +1)
	}
	if err := l.insertActivityRows(ctx, tx, rows, units, tasks, tags); err != nil {
		return err
	} else if err := counts.apply(ctx, tx); err != nil { // the dashboard's counts (activitycounts.go)
		return err
	}
	if err := tx.audit(ctx, "bulk_create", ttdn.ResourceActivity, 0, nil, map[string]int{"activities": len(acts)}); err != nil {
		return err
	}
	return tx.Commit()
}

func (l *BulkLoader) insertActivityRows(ctx context.Context, tx *Tx, rows, units, tasks, tags [][]any) error {
	cols := []string{"id", "type", "title", "summary", "start_date", "end_date", "place", "channel_id", "classification",
		"own_classification", "details", "search_key", "title_key", "version", "created_at", "updated_at"}
	if err := insertRows(ctx, tx, "activities", cols, rows); err != nil {
		return err
	} else if err := syncIdentity(ctx, tx, "activities"); err != nil {
		return err
	} else if err := insertRows(ctx, tx, "activity_units", []string{"activity_id", "unit_id", "position", "start_date", "classification"}, units); err != nil {
		return err
	} else if err := insertRows(ctx, tx, "activity_tasks", []string{"activity_id", "task_id"}, tasks); err != nil {
		return err
	}
	return insertRows(ctx, tx, "activity_themes", []string{"activity_id", "theme_id"}, tags)
}

// ProgressEntry is one generated progress update of a task.
type ProgressEntry struct {
	TaskID  int64
	UnitID  int64
	Date    ttdn.Date
	Text    string
	Percent int
	Status  ttdn.TaskStatus
}

// HasProgressTable reports whether the schema has the progress_updates
// table (migration 0002, the task-execution half of issue 3).
func (l *BulkLoader) HasProgressTable(ctx context.Context) bool {
	tx, err := l.db.BeginTx(ctx, false)
	if err != nil {
		return false
	}
	defer tx.Rollback()
	var n int
	return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM progress_updates WHERE 1 = 0`).Scan(&n) == nil
}

// CreateProgressEntries stores progress updates written by the system user.
func (l *BulkLoader) CreateProgressEntries(ctx context.Context, entries []ProgressEntry) error {
	tx, err := l.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows := make([][]any, 0, len(entries))
	for _, e := range entries {
		created := e.Date.Time(time.UTC).Add(9 * time.Hour)
		rows = append(rows, []any{e.TaskID, idArg(e.UnitID), 0, "system", e.Date.ISO(), e.Text, e.Percent, string(e.Status), false, created})
	}
	cols := []string{"task_id", "unit_id", "user_id", "username", "date", "text", "percent", "status", "contribution", "created_at"}
	if err := insertRows(ctx, tx, "progress_updates", cols, rows); err != nil {
		return err
	} else if err := tx.audit(ctx, "bulk_create", "progress_update", 0, nil, map[string]int{"progress_updates": len(entries)}); err != nil {
		return err
	}
	return tx.Commit()
}
