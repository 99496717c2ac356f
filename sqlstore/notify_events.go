package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ttdn"
)

// Workflow notices: every step of a report, an estimate, a difficulty or a
// task tells the people who act next (or who should know) in the same
// transaction as the step — short, written for the app, with a link to the
// place to act. The actor is never told of their own step.

// eventNotice is one workflow event to tell users about.
type eventNotice struct {
	key     string // what happened, unique per event ("report:12:submit:3")
	kind    ttdn.NotificationKind
	subject string
	text    string // the app's words
	email   string // the words that may travel by e-mail ("" = text)
	link    string
	taskID  int64
	unitID  int64
	// title is the record's name for a webhook, sent only when levelSet
	// and level is public (webhook_outbox.go).
	title    string
	level    ttdn.Classification
	levelSet bool
}

// notify stores n for each of users but the actor, once each.
func (tx *Tx) notify(ctx context.Context, n eventNotice, users []int64) error {
	me, _ := actor(ctx)
	slices.Sort(users)
	users = slices.Compact(users)
	if n.email == "" {
		n.email = n.text
	}
	if err := tx.enqueueWebhooks(ctx, n); err != nil {
		return err
	}
	for _, u := range users {
		if u == me || u == 0 {
			continue
		}
		state, err := emailState(ctx, tx, u)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO notifications (dedup_key, user_id, kind, task_id, unit_id, day, subject, text,
			email_text, link, created_at, email_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (dedup_key) DO NOTHING`,
			fmt.Sprintf("%s:%d", n.key, u), u, string(n.kind), idArg(n.taskID), idArg(n.unitID), tx.today().ISO(),
			n.subject, n.text, n.email, n.link, tx.now, state); err != nil {
			return err
		}
	}
	return nil
}

// usersWithRole returns the active users of role.
func usersWithRole(ctx context.Context, tx *Tx, role ttdn.Role) ([]int64, error) {
	return queryIDs(ctx, tx, `SELECT id FROM users WHERE role = ? AND disabled = ? ORDER BY id`, string(role), false)
}

// unitOfficers returns the active unit officers of the units.
func unitOfficers(ctx context.Context, tx *Tx, unitIDs ...int64) ([]int64, error) {
	unitIDs = dedupe(unitIDs)
	if len(unitIDs) == 0 {
		return nil, nil
	}
	args := append([]any{string(ttdn.RoleUnitOfficer), false}, int64Args(unitIDs)...)
	return queryIDs(ctx, tx, `SELECT id FROM users WHERE role = ? AND disabled = ? AND unit_id IN (`+
		placeholders(len(unitIDs))+`) ORDER BY id`, args...)
}

// unitName returns a unit's name for a notice ("" when unknown).
func unitName(ctx context.Context, tx *Tx, id int64) string {
	var name string
	_ = tx.QueryRowContext(ctx, `SELECT name FROM units WHERE id = ?`, id).Scan(&name)
	return name
}

// notifyTaskAmended tells the units of a task of an issued plan (before and
// after the change) what changed. The e-mail of a secret task names only
// its reference.
func notifyTaskAmended(ctx context.Context, tx *Tx, plan *ttdn.Plan, before, after *ttdn.Task) error {
	if plan.Status == ttdn.PlanDraft {
		return nil // nothing is assigned before the plan is issued
	}
	var what []string
	if before.Title != after.Title || before.Body != after.Body {
		what = append(what, "nội dung")
	}
	if !slices.Equal(before.UnitIDs(), after.UnitIDs()) {
		what = append(what, "đơn vị thực hiện")
	}
	if before.Deadline != after.Deadline || before.DeadlineText != after.DeadlineText {
		dl := after.DeadlineText
		if !after.Deadline.IsZero() {
			dl = after.Deadline.String()
		}
		what = append(what, "thời hạn (nay: "+dl+")")
	}
	if len(what) == 0 {
		return nil
	}
	to, err := unitOfficers(ctx, tx, append(before.UnitIDs(), after.UnitIDs()...)...)
	if err != nil {
		return err
	}
	changed := strings.Join(what, ", ")
	n := eventNotice{key: fmt.Sprintf("task:%d:amend:%d", after.ID, after.Version), kind: ttdn.NotifyTaskEvent,
		taskID: after.ID, subject: "Nhiệm vụ được điều chỉnh",
		text:  fmt.Sprintf("Nhiệm vụ %s “%s” được điều chỉnh: %s.", after.Ref, after.Title, changed),
		email: fmt.Sprintf("Nhiệm vụ %s được điều chỉnh: %s.", after.Ref, changed),
		title: after.Title, level: after.Classification, levelSet: true}
	if after.Classification < ttdn.Secret {
		n.email = n.text
	}
	return tx.notify(ctx, n, to)
}

// notifyPlanIssued tells each unit named on the plan's tasks how many it
// was assigned, once the plan is issued.
func notifyPlanIssued(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	rows, err := tx.QueryContext(ctx, `SELECT x.unit_id, COUNT(DISTINCT x.task_id) FROM task_units x JOIN tasks t ON t.id = x.task_id
		WHERE t.plan_id = ? AND x.unit_id IS NOT NULL AND x.role IN ('lead', 'executing') GROUP BY x.unit_id ORDER BY x.unit_id`, p.ID)
	if err != nil {
		return err
	}
	counts := map[int64]int{}
	var units []int64
	for rows.Next() {
		var unit int64
		var n int
		if err := rows.Scan(&unit, &n); err != nil {
			rows.Close()
			return err
		}
		counts[unit] = n
		units = append(units, unit)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, unit := range units {
		to, err := unitOfficers(ctx, tx, unit)
		if err != nil {
			return err
		}
		n := eventNotice{key: fmt.Sprintf("plan:%d:issued:unit:%d", p.ID, unit), kind: ttdn.NotifyTaskEvent,
			link: fmt.Sprintf("/units/%d", unit), unitID: unit, subject: "Nhiệm vụ được giao",
			title: planName(p), level: p.Classification, levelSet: true,
			text: fmt.Sprintf("Kế hoạch %s đã ban hành: %s được giao chủ trì hoặc thực hiện %d nhiệm vụ.", planName(p),
				unitName(ctx, tx, unit), counts[unit])}
		if p.Classification >= ttdn.Secret {
			n.email = fmt.Sprintf("Một kế hoạch mật đã ban hành: đơn vị được giao %d nhiệm vụ. Đăng nhập ttdn để xem.", counts[unit])
		}
		if err := tx.notify(ctx, n, to); err != nil {
			return err
		}
	}
	return nil
}
