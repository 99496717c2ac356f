package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// groupResource: a group involves the units of its members.
func groupResource(ctx context.Context, tx *Tx, g *ttdn.DifficultyGroup) (ttdn.Resource, error) {
	r := ttdn.Resource{Kind: ttdn.ResourceDifficulty, Classification: ttdn.Internal}
	if len(g.MemberIDs) == 0 {
		return r, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT unit_id FROM difficulties WHERE id IN (`+placeholders(len(g.MemberIDs))+`)`,
		int64Args(g.MemberIDs)...)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return r, err
		}
		r.UnitIDs = append(r.UnitIDs, id)
	}
	return r, rows.Err()
}

// GroupDifficulties stores a group of raised difficulties with the
// coordinator's proposal; its members become "grouped".
func (s *DifficultyService) GroupDifficulties(ctx context.Context, g *ttdn.DifficultyGroup) error {
	if err := coordinatorOnly(ctx); err != nil {
		return err
	}
	g.MemberIDs = dedupe(g.MemberIDs)
	if err := g.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range g.MemberIDs {
		d, err := findDifficultyByID(ctx, tx, id)
		if err != nil {
			return err
		} else if d.Status != ttdn.DifficultyRaised {
			return ttdn.Errorf(ttdn.EINVALID, "“%[1]s” đã được tổng hợp (%[2]s).", "“%[1]s” is already grouped (%[3]s).", d.Title, d.Status.Label(), d.Status)
		}
	}
	uid, _ := actor(ctx)
	g.Status, g.Version, g.CreatedAt = ttdn.DifficultyGrouped, 1, tx.now
	if g.ID, err = tx.insertID(ctx, `INSERT INTO difficulty_groups (title, proposal, status, version, created_by, created_at)
		VALUES (?, ?, ?, 1, ?, ?)`, g.Title, g.Proposal, string(g.Status), uid, tx.now); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE difficulties SET group_id = ?, status = ?, version = version + 1, updated_at = ?
		WHERE id IN (`+placeholders(len(g.MemberIDs))+`)`, append([]any{g.ID, string(g.Status), tx.now}, int64Args(g.MemberIDs)...)...); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceDifficulty, g.ID, nil, g); err != nil {
		return err
	} else if err := notifyGroupStep(ctx, tx, g); err != nil {
		return err
	}
	return tx.Commit()
}

// FindDifficultyGroupByID returns a group to a user who may read one of
// its members' units.
func (s *DifficultyService) FindDifficultyGroupByID(ctx context.Context, id int64) (*ttdn.DifficultyGroup, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	g, err := findDifficultyGroup(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	r, err := groupResource(ctx, tx, g)
	if err != nil {
		return nil, err
	}
	return g, canRead(ctx, r, errDifficultyNotFound())
}

// FindDifficultyGroups lists the groups, newest first (coordinators and
// leaders, who read every difficulty).
func (s *DifficultyService) FindDifficultyGroups(ctx context.Context, offset, limit int) ([]*ttdn.DifficultyGroup, int, error) {
	if ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceDifficulty).Max < ttdn.Secret {
		return nil, 0, nil
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM difficulty_groups`).Scan(&total); err != nil {
		return nil, 0, err
	}
	ids, err := queryIDs(ctx, tx, `SELECT id FROM difficulty_groups ORDER BY id DESC`+limitClause(limit, offset))
	if err != nil {
		return nil, 0, err
	}
	groups, err := findDifficultyGroupsByID(ctx, tx, ids)
	if err != nil {
		return nil, 0, err
	}
	var list []*ttdn.DifficultyGroup
	for _, id := range ids {
		if groups[id] == nil {
			return nil, 0, errDifficultyNotFound()
		}
		list = append(list, groups[id])
	}
	return list, total, nil
}

// ForwardDifficultyGroup records that the group's proposal went to the
// People's Committee; its members become "forwarded".
func (s *DifficultyService) ForwardDifficultyGroup(ctx context.Context, id int64, f ttdn.DifficultyForward) (*ttdn.DifficultyGroup, error) {
	if f.Date.IsZero() {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Cần ghi ngày gửi đề xuất.", "The date the proposal was sent is required.")
	}
	to := strings.TrimSpace(f.To)
	if to == "" {
		var err error
		if to, err = s.db.provinceCommittee(ctx); err != nil {
			return nil, err
		}
	}
	return s.moveGroup(ctx, id, f.Version, ttdn.DifficultyGrouped, ttdn.DifficultyForwarded, func(g *ttdn.DifficultyGroup) (string, []any) {
		g.ForwardedTo, g.ForwardNumber, g.ForwardedOn = to, strings.TrimSpace(f.Number), f.Date
		return `forwarded_to = ?, forward_number = ?, forwarded_on = ?`, []any{g.ForwardedTo, g.ForwardNumber, g.ForwardedOn.ISO()}
	})
}

// AnswerDifficultyGroup records the People's Committee's answer; its
// members become "answered" and their units see it.
func (s *DifficultyService) AnswerDifficultyGroup(ctx context.Context, id int64, a ttdn.DifficultyAnswer) (*ttdn.DifficultyGroup, error) {
	if strings.TrimSpace(a.Text) == "" || a.Date.IsZero() {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Cần ghi nội dung và ngày của ý kiến trả lời.", "The answer's text and date are required.")
	}
	return s.moveGroup(ctx, id, a.Version, ttdn.DifficultyForwarded, ttdn.DifficultyAnswered, func(g *ttdn.DifficultyGroup) (string, []any) {
		g.Answer, g.AnswerNumber, g.AnsweredOn = strings.TrimSpace(a.Text), strings.TrimSpace(a.Number), a.Date
		return `answer = ?, answer_number = ?, answered_on = ?`, []any{g.Answer, g.AnswerNumber, g.AnsweredOn.ISO()}
	})
}

// moveGroup takes a group from status from to status to, setting the
// columns set returns, and moves its open members with it.
func (s *DifficultyService) moveGroup(ctx context.Context, id int64, version int, from, to ttdn.DifficultyStatus,
	set func(*ttdn.DifficultyGroup) (string, []any)) (*ttdn.DifficultyGroup, error) {
	if err := coordinatorOnly(ctx); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findDifficultyGroup(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if before.Version != version {
		return nil, errConflict()
	} else if before.Status != from {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Nhóm kiến nghị đang ở trạng thái “%[1]s”, chưa thể chuyển sang “%[2]s”.",
			"The group is “%[3]s” and cannot become “%[4]s” now.", before.Status.Label(), to.Label(), before.Status, to)
	}
	g := *before
	cols, args := set(&g)
	g.Status = to
	res, err := tx.exec(ctx, `UPDATE difficulty_groups SET `+cols+`, status = ?, version = version + 1 WHERE id = ? AND version = ?`,
		append(args, string(to), id, version)...)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	g.Version++
	if err := moveMembers(ctx, tx, id, to); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, string(to), ttdn.ResourceDifficulty, id, before, &g); err != nil {
		return nil, err
	} else if err := notifyGroupStep(ctx, tx, &g); err != nil {
		return nil, err
	}
	return &g, tx.Commit()
}

// moveMembers gives the group's members that are not closed the status.
func moveMembers(ctx context.Context, tx *Tx, groupID int64, to ttdn.DifficultyStatus) error {
	var resolved any
	if !to.Open() {
		resolved = tx.now
	}
	_, err := tx.exec(ctx, `UPDATE difficulties SET status = ?, resolved_at = COALESCE(resolved_at, ?), version = version + 1, updated_at = ?
		WHERE group_id = ? AND status <> 'closed'`, string(to), resolved, tx.now, groupID)
	return err
}

// FindOpenDifficulties returns the difficulties still unanswered at the end
// of the period, oldest first, for the consolidated report.
func (s *DifficultyService) FindOpenDifficulties(ctx context.Context, from, to ttdn.Date) ([]*ttdn.Difficulty, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	lo, hi := timeBounds(from, to)
	if to.IsZero() {
		hi = s.db.now().Add(time.Second)
	}
	where, args := difficultyScope(ctx)
	list, err := findDifficulties(ctx, tx, where+` AND d.raised_at >= ? AND d.raised_at < ? AND (d.resolved_at IS NULL OR d.resolved_at >= ?)
		ORDER BY d.raised_at, d.id`, append(args, lo, hi, hi)...)
	return list, err
}

// notifyGroupStep tells the units whose difficulties a group holds of each
// step, and the leaders of a proposal forwarded to them.
func notifyGroupStep(ctx context.Context, tx *Tx, g *ttdn.DifficultyGroup) error {
	units, err := queryIDs(ctx, tx, `SELECT DISTINCT unit_id FROM difficulties WHERE group_id = ? ORDER BY unit_id`, g.ID)
	if err != nil {
		return err
	}
	to, err := unitOfficers(ctx, tx, units...)
	if err != nil {
		return err
	}
	n := eventNotice{key: fmt.Sprintf("difficulty-group:%d:%s", g.ID, g.Status), kind: ttdn.NotifyDifficultyEvent,
		link: "/difficulty-groups/" + strconv.FormatInt(g.ID, 10)}
	switch g.Status {
	case ttdn.DifficultyGrouped:
		n.subject, n.text = "Khó khăn đã được tổng hợp", fmt.Sprintf("Khó khăn, vướng mắc của đơn vị đã được tổng hợp vào kiến nghị “%s”.", g.Title)
	case ttdn.DifficultyForwarded:
		n.subject, n.text = "Kiến nghị đã được chuyển", fmt.Sprintf("Kiến nghị “%s” đã được gửi %s.", g.Title, g.ForwardedTo)
		leaders, err := usersWithRole(ctx, tx, ttdn.RoleLeader)
		if err != nil {
			return err
		}
		to = append(to, leaders...)
	case ttdn.DifficultyAnswered:
		n.subject, n.text = "Kiến nghị đã có trả lời", fmt.Sprintf("Kiến nghị “%s” đã có ý kiến trả lời: %s", g.Title, g.Answer)
	default:
		return nil
	}
	return tx.notify(ctx, n, to)
}
