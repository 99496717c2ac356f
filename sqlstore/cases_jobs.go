package sqlstore

import (
	"context"
	"fmt"
	"time"

	"ttdn"
)

// spreadAfterClose is how long a closed case keeps gathering its story's
// new items: long enough to see whether the response checked the spread.
const spreadAfterClose = 30 * 24 * time.Hour

// TrackCaseSpread attaches to every case still followed the items that
// joined its story since, as they are now, and returns how many it
// attached. One statement for all cases; the unique (case, article) index
// makes a repeated or concurrent run attach each item once. Only the
// system (the jobs) runs it.
func (s *CaseService) TrackCaseSpread(ctx context.Context) (int, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return 0, ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ hệ thống được cập nhật mức độ lan truyền.", "Only the system tracks the spread.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `INSERT INTO case_items (case_id, article_id, title, url, outlet, language, is_foreign, published,
		joined_at, at_opening) SELECT c.id, a.id, a.title, a.url, COALESCE(NULLIF(s.outlet, ''), s.name), a.language, s.is_foreign,
		a.published_at, ?, ? FROM cases c JOIN press_articles a ON a.story_id = c.story_id JOIN press_sources s ON s.id = a.source_id
		WHERE c.story_id IS NOT NULL AND (c.stage <> 'closed' OR c.closed_at > ?)
		AND NOT EXISTS (SELECT 1 FROM case_items i WHERE i.case_id = c.id AND i.article_id = a.id)
		ON CONFLICT (case_id, article_id) DO NOTHING`, tx.now, false, tx.now.Add(-spreadAfterClose))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	return int(n), tx.Commit()
}

// GenerateCaseNotices tells the lead unit (the detecting unit's monitors
// before assignment) and the coordinators of every stage left undone past its
// deadline, once per case and stage, and the leaders too when it is late
// by more than its whole allowance again. Only the system runs it.
func (s *CaseService) GenerateCaseNotices(ctx context.Context) (int, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return 0, ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ hệ thống được tạo thông báo.", "Only the system creates notifications.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	late, err := findCases(ctx, tx, `c.next_due_at IS NOT NULL AND c.next_due_at < ? ORDER BY c.id`, tx.now)
	if err != nil || len(late) == 0 {
		return 0, err
	}
	// The count is for the log only; it is taken only when a case is late.
	before, err := countNotifications(ctx, tx)
	if err != nil {
		return 0, err
	}
	for _, c := range late {
		if err := notifyCaseOverdue(ctx, tx, c); err != nil {
			return 0, err
		}
	}
	after, err := countNotifications(ctx, tx)
	if err != nil {
		return 0, err
	}
	return after - before, tx.Commit()
}

func countNotifications(ctx context.Context, tx *Tx) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE kind = ?`, string(ttdn.NotifyCaseOverdue)).Scan(&n)
	return n, err
}

// notifyCaseOverdue tells of c's overdue stage, and escalates it.
func notifyCaseOverdue(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	stage := c.OverdueStage(tx.now)
	if stage == "" {
		return nil
	}
	due := c.StageDue(stage).In(vietnamZone).Format("15:04 02/01/2006")
	// Before assignment the stage waits for the detecting unit's monitors
	// (assessment and assignment are theirs), after it for the lead unit.
	to, err := caseReaders(ctx, tx, c, `role = 'monitor' AND unit_id = ?`, c.UnitID)
	if c.LeadUnitID != 0 {
		to, err = casePeople(ctx, tx, c, c.LeadUnitID)
	}
	if err != nil {
		return err
	}
	coord, err := caseCoordinators(ctx, tx, c)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("quá hạn giai đoạn “%s” (hạn %s, mức độ %s).", stage.Label(), due, c.Severity.Label())
	if err := tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:overdue:%s", c.ID, stage), ttdn.NotifyCaseOverdue, c,
		"Vụ việc quá hạn xử lý", what), append(to, coord...)); err != nil {
		return err
	}
	if !c.Escalated(tx.now) {
		return nil
	}
	leaders, err := caseReaders(ctx, tx, c, `role = 'leader'`)
	if err != nil {
		return err
	}
	return tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:escalate:%s", c.ID, stage), ttdn.NotifyCaseOverdue, c,
		"Vụ việc quá hạn, báo cáo lãnh đạo", what+" Đã quá gấp đôi thời hạn, báo cáo lãnh đạo chỉ đạo."), append(leaders, coord...))
}

// CaseNotifier is the jobs' notifier with cases added: on every tick it
// also attaches the cases' spread and tells of overdue stages. Wire it in
// place of the ReminderNotifier.
type CaseNotifier struct {
	ReminderNotifier
	Cases *CaseService
}

// GenerateNotifications runs the task and report notices, then the
// cases' spread and overdue notices.
func (n CaseNotifier) GenerateNotifications(ctx context.Context) (int, error) {
	a, err := n.ReminderNotifier.GenerateNotifications(ctx)
	if err != nil {
		return a, err
	}
	if _, err := n.Cases.TrackCaseSpread(ctx); err != nil {
		return a, err
	}
	b, err := n.Cases.GenerateCaseNotices(ctx)
	return a + b, err
}
