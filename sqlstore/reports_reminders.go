package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// Report reminders go to the officers of expected units that have not sent
// their report: once in the days before the due date (the due-soon setting)
// and once after it, for up to overdueReminderDays. Each reminder is
// claimed by inserting its unique key, so a run repeated — or run by two
// instances at once — sends it only once; e-mail follows through the
// notifications' e-mail queue.

// overdueReminderDays bounds how long after the due date a missing report
// is still chased, so opening old periods for the record sends nothing.
const overdueReminderDays = 30

// reminderTarget is an expected unit without a sent report.
type reminderTarget struct {
	periodID   int64
	periodName string
	due        ttdn.Date
	unitID     int64
	unitName   string
}

// GenerateReportReminders creates the reminders due today and returns how
// many it created. Only the system (the jobs) runs it.
func (s *UnitReportService) GenerateReportReminders(ctx context.Context) (int, error) {
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
	today := tx.today()
	targets, err := reminderTargets(ctx, tx, today, set.DueSoonDays)
	if err != nil {
		return 0, err
	}
	created := 0
	for _, t := range targets {
		kind := ttdn.NotifyReportDueSoon
		if t.due.Before(today) {
			kind = ttdn.NotifyReportOverdue
		}
		officers, err := findUsers(ctx, tx, `role = 'unit_officer' AND NOT disabled AND unit_id = ? ORDER BY id`, t.unitID)
		if err != nil {
			return 0, err
		}
		subject, text := ttdn.ReportReminder(kind, t.unitName, t.periodName, t.due)
		for _, u := range officers {
			ok, err := insertReminder(ctx, tx, u, kind, t, subject, text)
			if err != nil {
				return 0, err
			} else if ok {
				created++
			}
		}
	}
	return created, tx.Commit()
}

// reminderTargets returns the expected units of open periods due within
// dueSoon days, or overdue by at most overdueReminderDays, that have sent
// nothing.
func reminderTargets(ctx context.Context, tx *Tx, today ttdn.Date, dueSoon int) ([]reminderTarget, error) {
	zone := ttdn.VietnamZone()
	from := ttdn.DateOf(today.Time(zone).AddDate(0, 0, -overdueReminderDays))
	to := ttdn.DateOf(today.Time(zone).AddDate(0, 0, dueSoon))
	rows, err := tx.QueryContext(ctx, `SELECT rp.id, rp.name, rp.due_date, e.unit_id, u.name FROM report_periods rp
		JOIN report_expected e ON e.period_id = rp.id JOIN units u ON u.id = e.unit_id
		LEFT JOIN unit_reports r ON r.period_id = rp.id AND r.unit_id = e.unit_id
		WHERE rp.status = 'open' AND rp.due_date >= ? AND rp.due_date <= ?
		AND (r.id IS NULL OR r.status NOT IN `+sentStatuses+`) ORDER BY rp.id, e.unit_id`, from.ISO(), to.ISO())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reminderTarget
	for rows.Next() {
		var t reminderTarget
		if err := rows.Scan(&t.periodID, &t.periodName, dateScan{&t.due}, &t.unitID, &t.unitName); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// insertReminder stores one reminder unless its key exists, and reports
// whether it did. The key names period, unit, user and kind: one of each
// kind per period, whatever the day the job runs.
func insertReminder(ctx context.Context, tx *Tx, u *ttdn.User, kind ttdn.NotificationKind, t reminderTarget, subject, text string) (bool, error) {
	state, err := emailState(ctx, tx, u.ID)
	if err != nil {
		return false, err
	}
	key := fmt.Sprintf("report:%s:%d:%d:%d", kind, t.periodID, t.unitID, u.ID)
	res, err := tx.exec(ctx, `INSERT INTO notifications (dedup_key, user_id, kind, unit_id, day, subject, text, email_text,
		created_at, email_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`,
		key, u.ID, string(kind), t.unitID, t.due.ISO(), subject, text, text, tx.now, state)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReminderNotifier is the jobs' notifier with report reminders added: wire
// it in place of the NotificationService so every tick also reminds units.
type ReminderNotifier struct {
	*NotificationService
	Reports *UnitReportService
}

// GenerateNotifications creates the task notifications, then the report
// reminders.
func (n ReminderNotifier) GenerateNotifications(ctx context.Context) (int, error) {
	a, err := n.NotificationService.GenerateNotifications(ctx)
	if err != nil {
		return a, err
	}
	b, err := n.Reports.GenerateReportReminders(ctx)
	return a + b, err
}
