package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"ttdn"
)

// NotificationService shows users their notifications and, for the jobs,
// derives due notifications from the database and hands out e-mails to send.
type NotificationService struct{ db *DB }

// NewNotificationService returns the notification service on db.
func NewNotificationService(db *DB) *NotificationService { return &NotificationService{db: db} }

var _ ttdn.NotificationService = (*NotificationService)(nil)

func errLoginNeeded() error {
	return ttdn.Errorf(ttdn.EUNAUTHORIZED, "Bạn cần đăng nhập để thực hiện thao tác này.", "You need to log in to do this.")
}

// FindNotifications returns the acting user's notifications, newest first.
func (s *NotificationService) FindNotifications(ctx context.Context, f ttdn.NotificationFilter) ([]*ttdn.Notification, int, error) {
	u := ttdn.UserFromContext(ctx)
	if u == nil {
		return nil, 0, errLoginNeeded()
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	visible, vargs := notificationVisible(ctx)
	where := "user_id = ? AND " + visible
	args := append([]any{u.ID}, vargs...)
	if f.Unread {
		where += " AND read_at IS NULL"
	}
	count := `SELECT COUNT(*) FROM notifications WHERE ` + where
	if f.CountOnly {
		var total int
		err := tx.QueryRowContext(ctx, count, args...).Scan(&total)
		return nil, total, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, user_id, kind, task_id, unit_id, day, subject, text, link, created_at, read_at,
		emailed_at FROM notifications WHERE `+where+` ORDER BY id DESC`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*ttdn.Notification
	for rows.Next() {
		n := &ttdn.Notification{}
		var kind string
		if err := rows.Scan(&n.ID, &n.UserID, &kind, idScan{&n.TaskID}, idScan{&n.UnitID}, dateScan{&n.Day}, &n.Subject,
			&n.Text, &n.Link, timeScan{&n.CreatedAt}, timeScan{&n.ReadAt}, timeScan{&n.EmailedAt}); err != nil {
			return nil, 0, err
		}
		n.Kind = ttdn.NotificationKind(kind)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(out), count, args...)
	return out, total, err
}

// notificationVisible is the condition on a notice that the acting user may
// still read what it names. A notice about a task the user may no longer
// read (its plan made secret since) is not shown, nor e-mailed: its text
// names the task. Nor one about a case the user may no longer read (made
// secret, or taken from the user's unit): its text names the case.
func notificationVisible(ctx context.Context) (string, []any) {
	scope, args := taskScope(ctx)
	cases, caseArgs := caseScope(ctx)
	return "(task_id IS NULL OR task_id IN (SELECT t.id FROM tasks t WHERE " + scope + "))" +
			" AND (kind NOT IN ('case_event', 'case_overdue') OR link IN (SELECT '/cases/' || c.id FROM cases c WHERE " + cases + "))",
		append(args, caseArgs...)
}

// withholdUnreadable sets aside, as 'withheld', the notices of ids that
// their recipient user may no longer read (the record was made more secret
// after the notice was written, while its e-mail waited), and returns
// which of ids may still be sent.
func withholdUnreadable(ctx context.Context, tx *Tx, user int64, ids []int64) (map[int64]bool, error) {
	ok := map[int64]bool{}
	if len(ids) == 0 {
		return ok, nil
	}
	u, _, err := findUser(ctx, tx, "id = ?", user)
	if err != nil {
		return nil, err
	}
	visible, vargs := notificationVisible(ttdn.NewContextWithUser(ctx, u))
	keep, err := queryIDs(ctx, tx, `SELECT id FROM notifications WHERE id IN (`+placeholders(len(ids))+`) AND `+visible,
		append(int64Args(ids), vargs...)...)
	if err != nil {
		return nil, err
	}
	for _, id := range keep {
		ok[id] = true
	}
	for _, id := range ids {
		if !ok[id] {
			if _, err := tx.exec(ctx, `UPDATE notifications SET email_state = 'withheld' WHERE id = ?`, id); err != nil {
				return nil, err
			}
		}
	}
	return ok, nil
}

// MarkNotificationRead marks one of the acting user's notifications read.
func (s *NotificationService) MarkNotificationRead(ctx context.Context, id int64) error {
	return s.markRead(ctx, "id = ? AND ", id)
}

// MarkAllNotificationsRead marks every notification of the acting user read.
func (s *NotificationService) MarkAllNotificationsRead(ctx context.Context) error {
	return s.markRead(ctx, "")
}

func (s *NotificationService) markRead(ctx context.Context, cond string, args ...any) error {
	u := ttdn.UserFromContext(ctx)
	if u == nil {
		return errLoginNeeded()
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `UPDATE notifications SET read_at = ? WHERE `+cond+`user_id = ? AND read_at IS NULL`,
		append(append([]any{tx.now}, args...), u.ID)...); err != nil {
		return err
	}
	return tx.Commit()
}

// ClaimEmails marks up to limit pending e-mails as being sent by this
// instance and returns them. The UPDATE re-checks the state row by row, so
// two instances claiming at once never get the same e-mail.
func (s *NotificationService) ClaimEmails(ctx context.Context, limit int) ([]*ttdn.OutgoingEmail, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `UPDATE notifications SET email_state = 'sending', email_attempts = email_attempts + 1
		WHERE email_state = 'pending' AND id IN (SELECT id FROM notifications WHERE email_state = 'pending' ORDER BY id`+
		limitClause(limit, 0)+`) RETURNING id, user_id, subject, email_text`)
	if err != nil {
		return nil, err
	}
	var out []*ttdn.OutgoingEmail
	userOf := map[int64]int64{}
	for rows.Next() {
		e := &ttdn.OutgoingEmail{}
		var userID int64
		if err := rows.Scan(&e.NotificationID, &userID, &e.Subject, &e.Body); err != nil {
			rows.Close()
			return nil, err
		}
		userOf[e.NotificationID] = userID
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byUser := map[int64][]int64{}
	for _, e := range out {
		byUser[userOf[e.NotificationID]] = append(byUser[userOf[e.NotificationID]], e.NotificationID)
	}
	sendable := map[int64]bool{}
	for user, ids := range byUser {
		ok, err := withholdUnreadable(ctx, tx, user, ids)
		if err != nil {
			return nil, err
		}
		for id := range ok {
			sendable[id] = true
		}
	}
	kept := out[:0]
	for _, e := range out {
		if !sendable[e.NotificationID] {
			continue
		}
		if err := tx.QueryRowContext(ctx, `SELECT email FROM users WHERE id = ?`, userOf[e.NotificationID]).Scan(&e.To); err != nil {
			return nil, err
		}
		kept = append(kept, e)
	}
	return kept, tx.Commit()
}

// maxEmailAttempts is how often a failing e-mail is tried.
const maxEmailAttempts = 5

// MarkEmailed records the outcome of sending notification id: sent, or
// back to pending (failed for good after maxEmailAttempts).
func (s *NotificationService) MarkEmailed(ctx context.Context, id int64, sendErr error) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if sendErr == nil {
		_, err = tx.exec(ctx, `UPDATE notifications SET email_state = 'sent', emailed_at = ? WHERE id = ?`, tx.now, id)
	} else {
		_, err = tx.exec(ctx, `UPDATE notifications SET email_state = CASE WHEN email_attempts >= ? THEN 'failed'
			ELSE 'pending' END WHERE id = ?`, maxEmailAttempts, id)
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}

// notice is one notification to create.
type notice struct {
	user                *ttdn.User
	kind                ttdn.NotificationKind
	taskID, unitID      int64
	day                 ttdn.Date
	subject, text, mail string
}

// dedupKey is the claim that makes a notification unique: one per user,
// kind, task, unit and day (the due date, or the date staleness counts from).
func (n notice) dedupKey() string {
	return strings.Join([]string{itoa64(n.user.ID), string(n.kind), itoa64(n.taskID), itoa64(n.unitID), n.day.ISO()}, ":")
}

// insertNotice stores n unless its key exists; it reports whether it did.
func insertNotice(ctx context.Context, tx *Tx, n notice) (bool, error) {
	state, err := emailState(ctx, tx, n.user.ID)
	if err != nil {
		return false, err
	}
	res, err := tx.exec(ctx, `INSERT INTO notifications (dedup_key, user_id, kind, task_id, unit_id, day, subject, text,
		email_text, created_at, email_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`,
		n.dedupKey(), n.user.ID, string(n.kind), idArg(n.taskID), idArg(n.unitID), n.day.ISO(), n.subject, n.text,
		n.mail, tx.now, state)
	if err != nil {
		return false, err
	}
	k, err := res.RowsAffected()
	return k == 1, err
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
