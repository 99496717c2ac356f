package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// Transition performs one step of the review: the unit submits (late if
// its first submission is after the period's due date, Vietnam time), the
// coordinator returns with a comment, accepts (locking the report) or
// reopens with a reason. Each step is recorded in report_events and the
// audit log in the same transaction.
func (s *UnitReportService) Transition(ctx context.Context, id int64, act ttdn.ReportAction, version int, comment string) (*ttdn.UnitReport, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := readReport(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if !ttdn.CanReport(ttdn.UserFromContext(ctx), act, before.UnitID) {
		return nil, errReportForbidden(act)
	} else if version != before.Version {
		return nil, errConflict()
	}
	next, err := act.Next(before.Status)
	if err != nil {
		return nil, err
	}
	comment = strings.TrimSpace(comment)
	if comment == "" && (act == ttdn.ActReturn || act == ttdn.ActReopen) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy nêu ý kiến (lý do) khi %[1]s báo cáo.", "Give a comment (reason) to %[2]s a report.",
			strings.ToLower(act.Label()), act)
	}
	rp, err := findPeriodByID(ctx, tx, before.PeriodID)
	if err != nil {
		return nil, err
	} else if act == ttdn.ActSubmit && rp.Status == ttdn.PeriodClosed {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Kỳ báo cáo %[1]s đã đóng, không nhận báo cáo.", "The period %[1]s is closed and takes no reports.", rp.Name)
	}
	after := *before
	after.Status, after.Version, after.UpdatedAt = next, before.Version+1, tx.now
	late := applyStep(&after, rp, act, comment, tx)
	if err := saveStep(ctx, tx, &after); err != nil {
		return nil, err
	} else if err := insertEvent(ctx, tx, id, act, before.Status, next, comment, late); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, string(act), ttdn.ResourceUnitReport, id, stepView(before), stepView(&after)); err != nil {
		return nil, err
	} else if err := notifyReportStep(ctx, tx, &after, rp, act, comment, late); err != nil {
		return nil, err
	}
	return &after, tx.Commit()
}

// notifyReportStep tells the reviewers of a submission and the unit of
// every review step.
func notifyReportStep(ctx context.Context, tx *Tx, r *ttdn.UnitReport, rp *ttdn.ReportPeriod, act ttdn.ReportAction,
	comment string, late bool) error {
	unit := unitName(ctx, tx, r.UnitID)
	n := eventNotice{key: fmt.Sprintf("report:%d:%s:%d", r.ID, act, r.Version), kind: ttdn.NotifyReportEvent,
		link: "/reports/" + strconv.FormatInt(r.ID, 10), unitID: r.UnitID,
		title: rp.Name, level: rp.Classification, levelSet: true}
	var to []int64
	var err error
	switch act {
	case ttdn.ActSubmit:
		n.subject, n.text = "Báo cáo chờ duyệt", fmt.Sprintf("%s đã gửi báo cáo %s.", unit, rp.Name)
		if late {
			n.text = fmt.Sprintf("%s đã gửi báo cáo %s — nộp muộn.", unit, rp.Name)
		}
		to, err = usersWithRole(ctx, tx, ttdn.RoleCoordinator)
	case ttdn.ActReturn:
		n.subject, n.text = "Báo cáo bị trả lại", fmt.Sprintf("Báo cáo %s của %s bị trả lại: %s", rp.Name, unit, comment)
		to, err = unitOfficers(ctx, tx, r.UnitID)
	case ttdn.ActAccept:
		n.subject, n.text = "Báo cáo đã được chấp nhận", fmt.Sprintf("Báo cáo %s của %s đã được chấp nhận.", rp.Name, unit)
		to, err = unitOfficers(ctx, tx, r.UnitID)
	case ttdn.ActReopen:
		n.subject, n.text = "Báo cáo được mở lại", fmt.Sprintf("Báo cáo %s của %s được mở lại để bổ sung: %s", rp.Name, unit, comment)
		to, err = unitOfficers(ctx, tx, r.UnitID)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	return tx.notify(ctx, n, to)
}

// applyStep sets the times, comment and lateness a step changes, and
// returns whether this submission is late.
func applyStep(r *ttdn.UnitReport, rp *ttdn.ReportPeriod, act ttdn.ReportAction, comment string, tx *Tx) bool {
	switch act {
	case ttdn.ActSubmit:
		late := rp.IsLate(tx.now)
		if r.FirstSubmittedAt.IsZero() {
			// Timeliness is the unit's first submission: a report sent on
			// time and returned for changes stays on time.
			r.FirstSubmittedAt, r.Late = tx.now, late
		}
		r.SubmittedAt = tx.now
		return late
	case ttdn.ActAccept:
		r.AcceptedAt = tx.now
	case ttdn.ActReturn, ttdn.ActReopen:
		r.Comment = comment
		r.AcceptedAt = time.Time{}
	}
	return false
}

func saveStep(ctx context.Context, tx *Tx, r *ttdn.UnitReport) error {
	res, err := tx.exec(ctx, `UPDATE unit_reports SET status = ?, comment = ?, first_submitted_at = ?, submitted_at = ?,
		late = ?, accepted_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?`,
		string(r.Status), r.Comment, timeArg(r.FirstSubmittedAt), timeArg(r.SubmittedAt), r.Late, timeArg(r.AcceptedAt),
		r.Version, r.UpdatedAt, r.ID, r.Version-1)
	return checkOneRow(res, err)
}

func insertEvent(ctx context.Context, tx *Tx, reportID int64, act ttdn.ReportAction, from, to ttdn.ReportStatus, comment string, late bool) error {
	var userID int64
	username := "anonymous"
	if u := ttdn.UserFromContext(ctx); u != nil {
		userID, username = u.ID, u.Username
	}
	_, err := tx.exec(ctx, `INSERT INTO report_events (report_id, action, from_status, to_status, comment, late, user_id,
		username, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, reportID, string(act), string(from), string(to), comment, late,
		userID, username, tx.now)
	return err
}

// stepView is what the audit log keeps of a step: the workflow fields, not
// the whole report (its content changes only through UpdateUnitReport).
func stepView(r *ttdn.UnitReport) map[string]any {
	return map[string]any{"status": r.Status, "comment": r.Comment, "late": r.Late, "version": r.Version,
		"submitted_at": r.SubmittedAt, "accepted_at": r.AcceptedAt}
}

// FindReportEvents returns the report's history, oldest first.
func (s *UnitReportService) FindReportEvents(ctx context.Context, reportID int64) ([]*ttdn.ReportEvent, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := readReport(ctx, tx, reportID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, report_id, action, from_status, to_status, comment, late, user_id,
		username, at FROM report_events WHERE report_id = ? ORDER BY id`, reportID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.ReportEvent
	for rows.Next() {
		e := &ttdn.ReportEvent{}
		var act, from, to string
		if err := rows.Scan(&e.ID, &e.ReportID, &act, &from, &to, &e.Comment, &e.Late, &e.UserID, &e.Username,
			timeScan{&e.At}); err != nil {
			return nil, err
		}
		e.Action, e.FromStatus, e.ToStatus = ttdn.ReportAction(act), ttdn.ReportStatus(from), ttdn.ReportStatus(to)
		out = append(out, e)
	}
	return out, rows.Err()
}
