package sqlstore

import (
	"context"

	"ttdn"
)

// Due notifications are derived from the database on every run — tasks due
// soon, overdue tasks, stale units — and inserted under a unique key, so a
// run repeated, or run by two instances at once, creates each only once.

// GenerateNotifications creates every due notification not yet created and
// returns how many it created. Only the system (the jobs) runs it.
func (s *NotificationService) GenerateNotifications(ctx context.Context) (int, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return 0, ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ hệ thống được tạo thông báo.", "Only the system creates notifications.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	set, err := findSettings(ctx, tx)
	if err != nil {
		return 0, err
	}
	notices, err := taskNotices(ctx, tx, set.DueSoonDays)
	if err != nil {
		return 0, err
	}
	stale, err := staleNotices(ctx, tx, set.StaleDays)
	if err != nil {
		return 0, err
	}
	created := 0
	for _, n := range append(notices, stale...) {
		ok, err := insertNotice(ctx, tx, n)
		if err != nil {
			return 0, err
		} else if ok {
			created++
		}
	}
	return created, tx.Commit()
}

// taskNotices returns a notice per officer of each open task of an issued
// plan that is due within dueSoon days or overdue.
func taskNotices(ctx context.Context, tx *Tx, dueSoon int) ([]notice, error) {
	today := tx.today()
	horizon := ttdn.DateOf(today.Time(vietnamZone).AddDate(0, 0, dueSoon))
	tasks, err := findTasks(ctx, tx, `t.status IN ('not_started', 'in_progress')
		AND t.plan_id IN (SELECT id FROM plans WHERE status = 'issued')
		AND ((t.deadline IS NOT NULL AND t.deadline <= ?) OR (t.deadline IS NULL AND t.recurrence <> '')) ORDER BY t.id`,
		horizon.ISO())
	if err != nil {
		return nil, err
	}
	var out []notice
	for _, t := range tasks {
		kind, due, err := taskDue(ctx, tx, t, today, horizon)
		if err != nil {
			return nil, err
		} else if kind == "" {
			continue
		}
		users, err := findTaskOfficers(ctx, tx, t.ID)
		if err != nil {
			return nil, err
		}
		subject, text, mail := ttdn.TaskNotice(kind, t, due)
		for _, u := range users {
			// Only users who may read the task hear of it.
			if ttdn.Can(u, ttdn.ActionRead, taskResource(t)) {
				out = append(out, notice{user: u, kind: kind, taskID: t.ID, day: due, subject: subject, text: text, mail: mail})
			}
		}
	}
	return out, nil
}

// taskDue decides whether t is overdue or due soon, and for which date.
// A recurring task is overdue when no update came since its last due date
// (counted only from the plan's issue).
func taskDue(ctx context.Context, tx *Tx, t *ttdn.Task, today, horizon ttdn.Date) (ttdn.NotificationKind, ttdn.Date, error) {
	if !t.Deadline.IsZero() {
		if t.Deadline.Before(today) {
			return ttdn.NotifyTaskOverdue, t.Deadline, nil
		}
		return ttdn.NotifyTaskDueSoon, t.Deadline, nil
	}
	var issued ttdn.Date
	if err := tx.QueryRowContext(ctx, `SELECT issued_on FROM plans WHERE id = ?`, t.PlanID).Scan(dateScan{&issued}); err != nil {
		return "", ttdn.Date{}, err
	}
	prev := t.Recurrence.Prev(today)
	updated := ttdn.DateOf(t.LastUpdateAt.In(vietnamZone))
	if !prev.IsZero() && !issued.IsZero() && !prev.Before(issued) && (t.LastUpdateAt.IsZero() || updated.Before(prev)) {
		return ttdn.NotifyTaskOverdue, prev, nil
	}
	if next := t.Recurrence.Next(today); !next.IsZero() && !horizon.Before(next) {
		return ttdn.NotifyTaskDueSoon, next, nil
	}
	return "", ttdn.Date{}, nil
}

// findTaskOfficers returns the active unit officers of the units leading or
// executing task id (groups expanded).
func findTaskOfficers(ctx context.Context, tx *Tx, taskID int64) ([]*ttdn.User, error) {
	return findUsers(ctx, tx, `role = 'unit_officer' AND NOT disabled AND unit_id IN (
		SELECT tu.unit_id FROM task_units tu WHERE tu.task_id = ? AND tu.role IN ('lead', 'executing')
		UNION SELECT m.unit_id FROM task_units tu JOIN unit_group_members m ON m.group_id = tu.group_id
		WHERE tu.task_id = ? AND tu.role IN ('lead', 'executing')) ORDER BY id`, taskID, taskID)
}

// staleNotices returns a notice per officer of each stale unit and per
// coordinator.
func staleNotices(ctx context.Context, tx *Tx, staleDays int) ([]notice, error) {
	acts, err := findUnitActivity(ttdn.NewSystemContext(ctx), tx, ttdn.UnitActivityFilter{StaleOnly: true, StaleDays: staleDays})
	if err != nil || len(acts) == 0 {
		return nil, err
	}
	coordinators, err := findUsers(ctx, tx, `role = 'coordinator' AND NOT disabled ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var out []notice
	for _, a := range acts {
		officers, err := findUsers(ctx, tx, `role = 'unit_officer' AND NOT disabled AND unit_id = ? ORDER BY id`, a.UnitID)
		if err != nil {
			return nil, err
		}
		subject, text := ttdn.StaleUnitNotice(a.UnitName, a.DaysSinceUpdate)
		day := ttdn.DateOf(a.Since.In(vietnamZone))
		for _, u := range append(officers, coordinators...) {
			out = append(out, notice{user: u, kind: ttdn.NotifyUnitStale, unitID: a.UnitID, day: day, subject: subject, text: text, mail: text})
		}
	}
	return out, nil
}
