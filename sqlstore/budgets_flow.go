package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"ttdn"
)

// AppraiseBudgetEstimate records the finance agency's amount and comment
// for the lines it names; an appraised amount above the line's estimate is
// allowed (a correction), a negative one is not.
func (s *BudgetService) AppraiseBudgetEstimate(ctx context.Context, id int64, a ttdn.BudgetAppraisal) (*ttdn.BudgetEstimate, error) {
	tx, before, err := s.beginStep(ctx, id, a.Version, ttdn.StepAppraise)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e := cloneBudget(before)
	for _, la := range a.Lines {
		l := e.Line(la.LineID)
		if l == nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Dòng dự toán mã số %d không thuộc dự toán này.", "Line id %d is not part of this estimate.", la.LineID)
		} else if la.Amount < 0 || la.Amount > ttdn.MaxMoney {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Số tiền thẩm định của dòng “%s” không hợp lệ.", "The appraised amount of “%s” is invalid.", l.Item)
		}
		amount := la.Amount
		l.Appraised, l.AppraisalComment = &amount, strings.TrimSpace(la.Comment)
		if _, err := tx.exec(ctx, `UPDATE budget_lines SET appraised = ?, appraisal_comment = ? WHERE id = ?`,
			int64(amount), l.AppraisalComment, l.ID); err != nil {
			return nil, err
		}
	}
	e.Revision++
	if err := writeBudgetState(ctx, tx, e, ttdn.StepAppraise, ""); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "appraise", ttdn.ResourceBudget, id, before, e); err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// AdvanceBudgetEstimate takes a workflow step: submit (at least one line),
// return (with a reason), forward (every line appraised) or approve (with
// the decision; each line's approved amount is its appraised amount).
func (s *BudgetService) AdvanceBudgetEstimate(ctx context.Context, id int64, adv ttdn.BudgetAdvance) (*ttdn.BudgetEstimate, error) {
	switch adv.Step {
	case ttdn.StepSubmit, ttdn.StepReturn, ttdn.StepForward, ttdn.StepApprove:
	default:
		return nil, ttdn.Errorf(ttdn.EINVALID, "Thao tác %q không hợp lệ.", "Unknown step %q.", adv.Step)
	}
	tx, before, err := s.beginStep(ctx, id, adv.Version, adv.Step)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e := cloneBudget(before)
	adv.Note = strings.TrimSpace(adv.Note)
	if err := applyBudgetStep(ctx, tx, e, &adv); err != nil {
		return nil, err
	}
	if err := writeBudgetState(ctx, tx, e, adv.Step, adv.Note); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, string(adv.Step), ttdn.ResourceBudget, id, before, e); err != nil {
		return nil, err
	} else if err := notifyBudgetStep(ctx, tx, e, adv); err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// notifyBudgetStep tells the next actor of an estimate and its unit.
func notifyBudgetStep(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate, adv ttdn.BudgetAdvance) error {
	unit := unitName(ctx, tx, e.UnitID)
	n := eventNotice{key: fmt.Sprintf("budget:%d:%s:%d", e.ID, adv.Step, e.Version), kind: ttdn.NotifyBudgetEvent,
		link: "/budgets/" + strconv.FormatInt(e.ID, 10), unitID: e.UnitID, level: e.Classification, levelSet: true}
	var to []int64
	var err error
	switch adv.Step {
	case ttdn.StepSubmit:
		n.subject, n.text = "Dự toán chờ thẩm định", fmt.Sprintf("%s đã gửi dự toán “%s”.", unit, e.Title)
		to, err = usersWithRole(ctx, tx, ttdn.RoleFinance)
	case ttdn.StepReturn:
		n.subject, n.text = "Dự toán bị trả lại", fmt.Sprintf("Dự toán “%s” bị trả lại: %s", e.Title, adv.Note)
		to, err = unitOfficers(ctx, tx, e.UnitID)
	case ttdn.StepForward:
		n.subject, n.text = "Dự toán chờ phê duyệt", fmt.Sprintf("Dự toán “%s” của %s đã được thẩm định và trình phê duyệt.", e.Title, unit)
		to, err = usersWithRole(ctx, tx, ttdn.RoleLeader)
		if err == nil {
			var officers []int64
			officers, err = unitOfficers(ctx, tx, e.UnitID)
			to = append(to, officers...)
		}
	case ttdn.StepApprove:
		n.subject, n.text = "Dự toán đã được phê duyệt", fmt.Sprintf("Dự toán “%s” của %s đã được phê duyệt (%s).", e.Title, unit,
			e.Approval.Number)
		to, err = unitOfficers(ctx, tx, e.UnitID)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	return tx.notify(ctx, n, to)
}

// applyBudgetStep changes e for the step, after checking what the step
// needs.
func applyBudgetStep(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate, adv *ttdn.BudgetAdvance) error {
	switch adv.Step {
	case ttdn.StepSubmit:
		if len(e.Lines) == 0 {
			return ttdn.Errorf(ttdn.EINVALID, "Dự toán chưa có dòng nào, chưa thể gửi thẩm định.", "The estimate has no lines yet and cannot be submitted.")
		}
		e.Status = ttdn.BudgetSubmitted
		if e.SubmittedAt.IsZero() {
			e.SubmittedAt = tx.now
		}
	case ttdn.StepReturn:
		if adv.Note == "" {
			return ttdn.Errorf(ttdn.EINVALID, "Hãy ghi lý do trả lại để đơn vị biết cần chỉnh sửa gì.", "Say why the estimate is returned, so the unit knows what to change.")
		}
		e.Status, e.Note = ttdn.BudgetReturned, adv.Note
	case ttdn.StepForward:
		for i, l := range e.Lines {
			if l.Appraised == nil {
				return ttdn.Errorf(ttdn.EINVALID, "Dòng %d (%s) chưa được thẩm định.", "Line %d (%s) has not been appraised.", i+1, l.Item)
			}
		}
		e.Status, e.Note, e.ForwardedAt = ttdn.BudgetForwarded, adv.Note, tx.now
	case ttdn.StepApprove:
		if err := adv.Approval.Validate(); err != nil {
			return err
		}
		e.Status, e.Approval = ttdn.BudgetApproved, adv.Approval
		e.Revision++
		for _, l := range e.Lines {
			approved := *l.Appraised
			l.Approved = &approved
			if _, err := tx.exec(ctx, `UPDATE budget_lines SET approved = ? WHERE id = ?`, int64(approved), l.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// RecordBudgetEntry records an allocation (finance) or spending (the unit)
// on an approved line. The entries of a kind may not add up to more than
// the line's approved amount.
func (s *BudgetService) RecordBudgetEntry(ctx context.Context, en *ttdn.BudgetEntry) error {
	if err := en.Validate(); err != nil {
		return err
	}
	// Entries add to the record rather than edit it: no version to match.
	tx, e, err := s.beginStep(ctx, en.EstimateID, anyVersion, en.Step())
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Lock the line, then read its sums again: on PostgreSQL two entries
	// recorded at once would otherwise both pass the check below.
	if _, err := tx.exec(ctx, `UPDATE budget_lines SET position = position WHERE id = ? AND estimate_id = ?`, en.LineID, e.ID); err != nil {
		return err
	} else if e.Lines, err = findBudgetLines(ctx, tx, e.ID); err != nil {
		return err
	}
	l := e.Line(en.LineID)
	if l == nil {
		return ttdn.Errorf(ttdn.EINVALID, "Dòng dự toán mã số %d không thuộc dự toán này.", "Line id %d is not part of this estimate.", en.LineID)
	}
	done := l.Allocated
	if en.Kind == ttdn.EntrySpending {
		done = l.Spent
	}
	sum, err := ttdn.AddMoney(done, en.Amount)
	if err != nil || l.Approved == nil || sum > *l.Approved {
		return ttdn.Errorf(ttdn.EINVALID, "Dòng “%[1]s”: đã ghi nhận %[2]s, thêm %[3]s sẽ vượt số được phê duyệt %[4]s. Không ghi nhận.",
			"Line “%[1]s”: %[2]s recorded, adding %[3]s would exceed the approved %[4]s. Nothing recorded.",
			l.Item, done, en.Amount, derefMoney(l.Approved))
	}
	uid, _ := actor(ctx)
	en.CreatedBy, en.CreatedAt, en.Note = uid, tx.now, strings.TrimSpace(en.Note)
	en.ID, err = tx.insertID(ctx, `INSERT INTO budget_entries (estimate_id, line_id, kind, amount, entry_date, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, en.EstimateID, en.LineID, string(en.Kind), int64(en.Amount), en.Date.ISO(), en.Note, uid, tx.now)
	if err != nil {
		return err
	} else if err := insertBudgetEvent(ctx, tx, e, en.Step(), en.Amount.String()+" — "+l.Item); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceBudget, e.ID, nil, en); err != nil {
		return err
	}
	return tx.Commit()
}

func derefMoney(m *ttdn.Money) ttdn.Money {
	if m == nil {
		return 0
	}
	return *m
}
