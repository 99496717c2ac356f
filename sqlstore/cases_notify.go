package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// Case notices: each step tells the people who act next, in the step's
// transaction, with a link to the case; overdue stages are derived by the
// jobs (GenerateCaseNotices). Only people who may read the case hear of it,
// and the e-mail of a secret case carries its number, never its claim.

// caseNotice builds a notice about c: what happened (a sentence without
// the case's name) and the case named in the app's text only when the case
// is secret.
func caseNotice(key string, kind ttdn.NotificationKind, c *ttdn.Case, subject, what string) eventNotice {
	n := eventNotice{key: key, kind: kind, link: fmt.Sprintf("/cases/%d", c.ID), unitID: c.ResponsibleUnitID(),
		subject: subject,
		text:    fmt.Sprintf("Vụ việc số %d “%s”: %s", c.ID, c.Title, what),
		title:   c.Title, level: c.Classification, levelSet: true}
	if c.Classification >= ttdn.Secret {
		n.email = fmt.Sprintf("Vụ việc số %d (độ mật: %s): %s Nội dung vụ việc mật không gửi qua thư điện tử; vui lòng đăng nhập hệ thống TTĐN.",
			c.ID, c.Classification.Label(), what)
	} else {
		n.email = n.text + " Vui lòng đăng nhập hệ thống TTĐN để xử lý."
	}
	return n
}

// caseReaders returns the active users selected by where who may read c.
func caseReaders(ctx context.Context, tx *Tx, c *ttdn.Case, where string, args ...any) ([]int64, error) {
	users, err := findUsers(ctx, tx, `NOT disabled AND `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, u := range users {
		if ttdn.Can(u, ttdn.ActionRead, c.Resource()) {
			out = append(out, u.ID)
		}
	}
	return out, nil
}

// casePeople are the monitors and unit officers of units.
func casePeople(ctx context.Context, tx *Tx, c *ttdn.Case, units ...int64) ([]int64, error) {
	units = dedupe(units)
	if len(units) == 0 {
		return nil, nil
	}
	return caseReaders(ctx, tx, c, `role IN ('monitor', 'unit_officer') AND unit_id IN (`+placeholders(len(units))+`)`, int64Args(units)...)
}

func caseCoordinators(ctx context.Context, tx *Tx, c *ttdn.Case) ([]int64, error) {
	return caseReaders(ctx, tx, c, `role = 'coordinator'`)
}

func caseApprovers(ctx context.Context, tx *Tx, c *ttdn.Case) ([]int64, error) {
	return caseReaders(ctx, tx, c, `role IN ('coordinator', 'leader')`)
}

// notifyCaseOpened tells the coordinators a case was opened.
func notifyCaseOpened(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	to, err := caseCoordinators(ctx, tx, c)
	if err != nil {
		return err
	}
	return tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:open", c.ID), ttdn.NotifyCaseEvent, c, "Vụ việc mới cần phản bác",
		"mới được mở, cần đánh giá và giao xử lý."), to)
}

// notifyCaseAssigned tells the people of the lead and coordinating units.
func notifyCaseAssigned(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	lead, err := casePeople(ctx, tx, c, c.LeadUnitID)
	if err != nil {
		return err
	}
	coord, err := casePeople(ctx, tx, c, c.CoordinatingUnitIDs...)
	if err != nil {
		return err
	}
	due := c.StageDue(ttdn.StagePublished).In(vietnamZone).Format("15:04 02/01/2006")
	if err := tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:lead:%d:%d", c.ID, c.LeadUnitID, c.Version), ttdn.NotifyCaseEvent, c,
		"Vụ việc được giao chủ trì xử lý", "đơn vị được giao chủ trì xử lý, phản hồi cần được đăng trước "+due+"."), lead); err != nil {
		return err
	}
	return tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:coord:%d", c.ID, c.Version), ttdn.NotifyCaseEvent, c,
		"Vụ việc cần phối hợp xử lý", "đơn vị được đề nghị phối hợp xử lý với đơn vị chủ trì."), coord)
}

// notifyResponseSubmitted tells the coordinators and leaders a response
// waits for their review.
func notifyResponseSubmitted(ctx context.Context, tx *Tx, c *ttdn.Case, r *ttdn.CaseResponse) error {
	to, err := caseApprovers(ctx, tx, c)
	if err != nil {
		return err
	}
	return tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:response:%d:submit:%d", c.ID, r.ID, r.Version), ttdn.NotifyCaseEvent, c,
		"Phản hồi chờ duyệt", "có phản hồi ("+r.Kind.Label()+") chờ duyệt."), to)
}

// notifyResponseReviewed tells the author and the lead unit the decision.
func notifyResponseReviewed(ctx context.Context, tx *Tx, c *ttdn.Case, r *ttdn.CaseResponse) error {
	to, err := casePeople(ctx, tx, c, c.LeadUnitID)
	if err != nil {
		return err
	}
	to = append(to, r.DraftedBy)
	subject, what := "Phản hồi đã được duyệt", "phản hồi ("+r.Kind.Label()+") đã được duyệt, có thể đăng, phát."
	if r.Status == ttdn.ResponseDraft {
		subject, what = "Phản hồi bị trả lại", "phản hồi ("+r.Kind.Label()+") bị trả lại để sửa: "+r.ReturnNote
	}
	return tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:response:%d:review:%d", c.ID, r.ID, r.Version), ttdn.NotifyCaseEvent, c,
		subject, what), to)
}

// notifyResponsePublished tells the coordinators and the lead unit.
func notifyResponsePublished(ctx context.Context, tx *Tx, c *ttdn.Case, r *ttdn.CaseResponse) error {
	to, err := caseCoordinators(ctx, tx, c)
	if err != nil {
		return err
	}
	lead, err := casePeople(ctx, tx, c, c.LeadUnitID)
	if err != nil {
		return err
	}
	return tx.notify(ctx, caseNotice(fmt.Sprintf("case:%d:response:%d:publish", c.ID, r.ID), ttdn.NotifyCaseEvent, c,
		"Phản hồi đã được đăng, phát", "phản hồi ("+r.Kind.Label()+") đã được đăng, phát tại "+r.PublishedWhere+"."), append(to, lead...))
}
