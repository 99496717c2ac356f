package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"ttdn"
)

// CreateActivity validates a, checks that what it refers to exists, stores
// it and sets its ID and version. Nothing is stored when any check fails.
func (s *ActivityService) CreateActivity(ctx context.Context, a *ttdn.Activity) error {
	if err := authorize(ctx, ttdn.ActionCreate, activityResource(a), nil); err != nil {
		return err
	} else if err := a.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := shareParents(ctx, tx, nil, a.TaskIDs, nil); err != nil {
		return err
	} else if err := checkActivityRefs(ctx, tx, a); err != nil {
		return err
	}
	if err := insertActivity(ctx, tx, a); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceActivity, a.ID, nil, a); err != nil {
		return err
	}
	return tx.Commit()
}

// insertActivity stores a's row and links.
func insertActivity(ctx context.Context, tx *Tx, a *ttdn.Activity) error {
	details, err := detailsArg(a.Details)
	if err != nil {
		return err
	}
	a.Version, a.CreatedAt, a.UpdatedAt = 1, tx.now, tx.now
	a.OwnClassification = a.Classification // the level asked for; its tasks' may raise it
	if err := setActivityLevel(ctx, tx, a); err != nil {
		return err
	}
	id, err := tx.insertID(ctx, `INSERT INTO activities (type, title, summary, start_date, end_date, place, channel_id,
		classification, own_classification, details, search_key, title_key, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		string(a.Type), a.Title, a.Summary, a.StartDate.ISO(), dateArg(a.EndDate), a.Place, idArg(a.ChannelID()),
		a.Classification.String(), a.OwnClassification.String(), details, activitySearchKey(a), fold(a.Title), tx.now, tx.now)
	if err != nil {
		return err
	}
	a.ID = id
	if err := insertActivityLinks(ctx, tx, a); err != nil {
		return err
	}
	return countActivityIn(ctx, tx, a.ID)
}

func detailsArg(d ttdn.ActivityDetails) (string, error) {
	if d == nil {
		return "", nil
	}
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("sqlstore: encode activity details: %w", err)
	}
	return string(b), nil
}

func activitySearchKey(a *ttdn.Activity) string { return searchKey(a.Title, a.Summary, a.Place) }

// insertActivityLinks stores units (organiser first), tasks and themes. The
// links to units carry the activity's start date (0045) and level (0056).
func insertActivityLinks(ctx context.Context, tx *Tx, a *ttdn.Activity) error {
	seen := map[int64]bool{}
	for i, id := range a.UnitIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := tx.exec(ctx, `INSERT INTO activity_units (activity_id, unit_id, position, start_date, classification) VALUES (?, ?, ?, ?, ?)`,
			a.ID, id, i, a.StartDate.ISO(), a.Classification.String()); err != nil {
			return err
		}
	}
	for _, id := range dedupe(a.TaskIDs) {
		if _, err := tx.exec(ctx, `INSERT INTO activity_tasks (activity_id, task_id) VALUES (?, ?)`, a.ID, id); err != nil {
			return err
		}
	}
	ids, err := themeIDs(ctx, tx, a.Themes)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `INSERT INTO activity_themes (activity_id, theme_id) VALUES (?, ?)`, a.ID, id); err != nil {
			return err
		}
	}
	return nil
}

func dedupe(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// checkActivityRefs reports the first unit, task, channel or theme a names
// that does not exist, with a message naming it.
func checkActivityRefs(ctx context.Context, tx *Tx, a *ttdn.Activity) error {
	units := append([]int64(nil), a.UnitIDs...)
	switch d := a.Details.(type) {
	case *ttdn.TrainingDetails:
		for _, at := range d.Attendance {
			units = append(units, at.UnitID)
		}
		units = append(units, d.ExpectedUnitIDs...)
	case *ttdn.DelegationDetails:
		units = append(units, d.EscortUnitIDs...)
	}
	if id, err := firstMissing(ctx, tx, "units", units); err != nil {
		return err
	} else if id != 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Đơn vị mã số %d không tồn tại.", "Unit id %d does not exist.", id)
	}
	if id, err := firstUnreadableTask(ctx, tx, a.TaskIDs); err != nil {
		return err
	} else if id != 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Nhiệm vụ mã số %d không tồn tại.", "Task id %d does not exist.", id)
	}
	if ch := a.ChannelID(); ch != 0 {
		if id, err := firstMissing(ctx, tx, "channels", []int64{ch}); err != nil {
			return err
		} else if id != 0 {
			return ttdn.Errorf(ttdn.EINVALID, "Kênh thông tin mã số %d không tồn tại.", "Channel id %d does not exist.", id)
		}
	}
	_, err := themeIDs(ctx, tx, a.Themes)
	return err
}

// firstMissing returns the first of ids with no row in table (a constant of
// ours), or 0 when all exist.
func firstMissing(ctx context.Context, tx *Tx, table string, ids []int64) (int64, error) {
	ids = dedupe(ids)
	if len(ids) == 0 {
		return 0, nil
	}
	found := map[int64]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM `+table+` WHERE id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, err
		}
		found[id] = true
	}
	for _, id := range ids {
		if !found[id] {
			return id, rows.Err()
		}
	}
	return 0, rows.Err()
}

// UpdateActivity applies upd if upd.Version is the activity's current
// version. A unit officer must leave the activity involving a unit in scope.
func (s *ActivityService) UpdateActivity(ctx context.Context, id int64, upd ttdn.ActivityUpdate) (*ttdn.Activity, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// The tasks it will carry out are locked before its row (shareParents):
	// those asked for, or those it carries out now.
	tasks, err := activityTaskIDs(ctx, tx, id, upd.TaskIDs)
	if err != nil {
		return nil, err
	} else if err := shareParents(ctx, tx, nil, tasks, nil); err != nil {
		return nil, err
	} else if err := lockActivity(ctx, tx, id); err != nil {
		return nil, err
	}
	before, err := findActivityByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if upd.TaskIDs == nil && !sameIDs(before.TaskIDs, tasks) {
		// Another edit changed its tasks between the read and the lock;
		// it changed its version too, and the version check below refuses
		// the edit unless upd was written against that edit.
		if err := shareParents(ctx, tx, nil, before.TaskIDs, nil); err != nil {
			return nil, err
		}
	}
	if err := authorize(ctx, ttdn.ActionUpdate, activityResource(before), errActivityNotFound()); err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	a := applyActivityUpdate(*before, upd)
	if err := a.Validate(); err != nil {
		return nil, err
	} else if err := authorize(ctx, ttdn.ActionUpdate, activityResource(&a), nil); err != nil {
		return nil, err
	} else if err := checkActivityRefs(ctx, tx, &a); err != nil {
		return nil, err
	}
	if err := updateActivity(ctx, tx, &a); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceActivity, id, before, &a); err != nil {
		return nil, err
	}
	return &a, tx.Commit()
}

func applyActivityUpdate(a ttdn.Activity, upd ttdn.ActivityUpdate) ttdn.Activity {
	setIf(&a.Title, upd.Title)
	setIf(&a.Summary, upd.Summary)
	setIf(&a.StartDate, upd.StartDate)
	setIf(&a.EndDate, upd.EndDate)
	setIf(&a.Place, upd.Place)
	setIf(&a.UnitIDs, upd.UnitIDs)
	setIf(&a.TaskIDs, upd.TaskIDs)
	setIf(&a.Themes, upd.Themes)
	setIf(&a.OwnClassification, upd.Classification)
	setIf(&a.Details, upd.Details)
	return a
}

// updateActivity writes a over the stored row of the same version, bumps
// the version and replaces the links.
func updateActivity(ctx context.Context, tx *Tx, a *ttdn.Activity) error {
	details, err := detailsArg(a.Details)
	if err != nil {
		return err
	}
	stored := a.Classification
	counts := activityCounts{} // the stored row counted out, the new one in
	if err := counts.addStored(ctx, tx, a.ID, -1); err != nil {
		return err
	} else if err := setActivityLevel(ctx, tx, a); err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE activities SET title = ?, summary = ?, start_date = ?, end_date = ?, place = ?,
		channel_id = ?, classification = ?, own_classification = ?, details = ?, search_key = ?, title_key = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		a.Title, a.Summary, a.StartDate.ISO(), dateArg(a.EndDate), a.Place, idArg(a.ChannelID()), a.Classification.String(),
		a.OwnClassification.String(), details, activitySearchKey(a), fold(a.Title), tx.now, a.ID, a.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	a.Version, a.UpdatedAt = a.Version+1, tx.now
	for _, table := range []string{"activity_units", "activity_tasks", "activity_themes"} {
		if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE activity_id = ?`, a.ID); err != nil {
			return err
		}
	}
	if err := insertActivityLinks(ctx, tx, a); err != nil {
		return err
	} else if err := counts.addStored(ctx, tx, a.ID, +1); err != nil {
		return err
	} else if err := counts.apply(ctx, tx); err != nil {
		return err
	}
	if a.Classification == stored {
		return nil
	}
	// An estimate with a line on it is secret when it is.
	return reclassifyBudgetsOfActivities(ctx, tx, []int64{a.ID})
}

// activityTaskIDs returns asked when the edit names the tasks, otherwise
// the tasks activity id carries out now.
func activityTaskIDs(ctx context.Context, tx *Tx, id int64, asked *[]int64) ([]int64, error) {
	if asked != nil {
		return *asked, nil
	}
	return queryIDs(ctx, tx, `SELECT task_id FROM activity_tasks WHERE activity_id = ? ORDER BY task_id`, id)
}

// sameIDs tells whether a and b hold the same ids, in any order.
func sameIDs(a, b []int64) bool {
	a, b = slices.Sorted(slices.Values(dedupe(a))), slices.Sorted(slices.Values(dedupe(b)))
	return slices.Equal(a, b)
}

// DeleteActivity removes the activity and its links. Attachments stored
// under owner kind "activity" are the attachment store's to clean up.
func (s *ActivityService) DeleteActivity(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := lockActivity(ctx, tx, id); err != nil {
		return err
	}
	before, err := findActivityByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := authorize(ctx, ttdn.ActionDelete, activityResource(before), errActivityNotFound()); err != nil {
		return err
	}
	counts := activityCounts{}
	if err := counts.addStored(ctx, tx, id, -1); err != nil {
		return err
	} else if err := counts.apply(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM activities WHERE id = ?`, id); err != nil {
		return err
	} else if err := tx.audit(ctx, "delete", ttdn.ResourceActivity, id, before, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// FindTrainingAbsentees returns the units expected at a training that sent
// nobody. Expected are the training's ExpectedUnitIDs or, when it has none,
// every unit its linked tasks name (groups expanded to their members).
func (s *ActivityService) FindTrainingAbsentees(ctx context.Context, activityID int64) ([]*ttdn.Unit, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, err := findActivityByID(ctx, tx, activityID)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, activityResource(a), errActivityNotFound()); err != nil {
		return nil, err
	}
	d, ok := a.Details.(*ttdn.TrainingDetails)
	if a.Type != ttdn.ActivityTraining {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hoạt động này không phải lớp tập huấn.", "This activity is not a training.")
	} else if !ok {
		d = &ttdn.TrainingDetails{}
	}
	expected := d.ExpectedUnitIDs
	if len(expected) == 0 {
		if expected, err = taskUnitIDs(ctx, tx, a.TaskIDs); err != nil {
			return nil, err
		}
	}
	var units []*ttdn.Unit
	for _, id := range d.Absent(expected) {
		u, err := findUnitByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		units = append(units, u)
	}
	return units, nil
}

// taskUnitIDs returns the units the tasks name directly or through a group,
// ordered by id.
func taskUnitIDs(ctx context.Context, tx *Tx, taskIDs []int64) ([]int64, error) {
	if len(taskIDs) == 0 {
		return nil, nil
	}
	in := placeholders(len(taskIDs))
	args := append(int64Args(taskIDs), int64Args(taskIDs)...)
	return queryIDs(ctx, tx, `SELECT unit_id FROM task_units WHERE unit_id IS NOT NULL AND task_id IN (`+in+`)
		UNION SELECT m.unit_id FROM task_units x JOIN unit_group_members m ON m.group_id = x.group_id WHERE x.task_id IN (`+in+`)
		ORDER BY 1`, args...)
}

// lockActivity locks activity id's row on PostgreSQL until the transaction
// ends, before it is read to be changed: its stored month, level and themes
// are counted out of the count tables, and a change committed by another
// transaction between that read and the write (a task's level moving its
// activities', a delete) was counted out twice. SQLite has one writer.
func lockActivity(ctx context.Context, tx *Tx, id int64) error {
	if tx.db.engine != EnginePostgres {
		return nil
	}
	var got int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM activities WHERE id = ? FOR UPDATE`, id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return errActivityNotFound()
	}
	return err
}
