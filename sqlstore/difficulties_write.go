package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"ttdn"
)

// CreateDifficulty stores a difficulty a unit raises; it starts "raised".
func (s *DifficultyService) CreateDifficulty(ctx context.Context, d *ttdn.Difficulty) error {
	if err := authorize(ctx, ttdn.ActionCreate, difficultyResource(d), nil); err != nil {
		return err
	} else if err := d.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := shareParents(ctx, tx, []int64{d.PlanID}, []int64{d.TaskID}, nil); err != nil {
		return err
	} else if err := checkDifficultyRefs(ctx, tx, d); err != nil {
		return err
	}
	d.RaisedBy, _ = actor(ctx)
	d.Status, d.Version, d.RaisedAt, d.UpdatedAt = ttdn.DifficultyRaised, 1, tx.now, tx.now
	d.OwnClassification = d.Classification // the level asked for; its plan's and task's may raise it
	if err := difficultyLevel(ctx, tx, d); err != nil {
		return err
	}
	d.ID, err = tx.insertID(ctx, `INSERT INTO difficulties (unit_id, plan_id, task_id, title, text, search_key, classification,
		own_classification, status, raised_by, raised_at, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
		d.UnitID, idArg(d.PlanID), idArg(d.TaskID), d.Title, d.Text, searchKey(d.Title, d.Text), d.Classification.String(),
		d.OwnClassification.String(), string(d.Status), d.RaisedBy, tx.now, tx.now)
	if err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceDifficulty, d.ID, nil, d); err != nil {
		return err
	} else if err := notifyDifficultyRaised(ctx, tx, d); err != nil {
		return err
	}
	return tx.Commit()
}

func checkDifficultyRefs(ctx context.Context, tx *Tx, d *ttdn.Difficulty) error {
	for _, c := range []struct {
		table  string
		id     int64
		vi, en string
	}{{"units", d.UnitID, "Đơn vị mã số %d không tồn tại.", "Unit id %d does not exist."},
		{"plans", d.PlanID, "Kế hoạch mã số %d không tồn tại.", "Plan id %d does not exist."},
		{"tasks", d.TaskID, "Nhiệm vụ mã số %d không tồn tại.", "Task id %d does not exist."}} {
		if c.id == 0 {
			continue
		}
		find := func() (int64, error) { return firstMissing(ctx, tx, c.table, []int64{c.id}) }
		switch c.table {
		case "tasks":
			find = func() (int64, error) { return firstUnreadableTask(ctx, tx, []int64{c.id}) }
		case "plans":
			find = func() (int64, error) { return firstUnreadablePlan(ctx, tx, c.id) }
		}
		if id, err := find(); err != nil {
			return err
		} else if id != 0 {
			return ttdn.Errorf(ttdn.EINVALID, c.vi, c.en, id)
		}
	}
	return nil
}

// UpdateDifficulty changes a difficulty its unit raised, before the
// coordinator has grouped it.
func (s *DifficultyService) UpdateDifficulty(ctx context.Context, id int64, upd ttdn.DifficultyUpdate) (*ttdn.Difficulty, error) {
	tx, before, err := s.beginDifficulty(ctx, id, upd.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if before.Status != ttdn.DifficultyRaised {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Khó khăn, vướng mắc đã được tổng hợp, không sửa được nữa.", "The difficulty has been grouped and can no longer be changed.")
	}
	d := *before
	setIf(&d.Title, upd.Title)
	setIf(&d.Text, upd.Text)
	setIf(&d.PlanID, upd.PlanID)
	setIf(&d.TaskID, upd.TaskID)
	setIf(&d.OwnClassification, upd.Classification)
	if err := d.Validate(); err != nil {
		return nil, err
	} else if err := shareParents(ctx, tx, []int64{d.PlanID}, []int64{d.TaskID}, nil); err != nil {
		return nil, err // before its row is written (UPDATE below)
	} else if err := checkDifficultyRefs(ctx, tx, &d); err != nil {
		return nil, err
	} else if err := difficultyLevel(ctx, tx, &d); err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `UPDATE difficulties SET title = ?, text = ?, search_key = ?, plan_id = ?, task_id = ?, classification = ?,
		own_classification = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, d.Title, d.Text,
		searchKey(d.Title, d.Text), idArg(d.PlanID), idArg(d.TaskID), d.Classification.String(), d.OwnClassification.String(),
		tx.now, id, d.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	d.Version, d.UpdatedAt = d.Version+1, tx.now
	if err := tx.audit(ctx, "update", ttdn.ResourceDifficulty, id, before, &d); err != nil {
		return nil, err
	}
	return &d, tx.Commit()
}

// beginDifficulty opens a write transaction on a difficulty the user may
// write, at the version the user read.
func (s *DifficultyService) beginDifficulty(ctx context.Context, id int64, version int) (*Tx, *ttdn.Difficulty, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	d, err := findDifficultyByID(ctx, tx, id)
	if err == nil {
		err = authorize(ctx, ttdn.ActionUpdate, difficultyResource(d), errDifficultyNotFound())
	}
	if err == nil && version != d.Version {
		err = errConflict()
	}
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, d, nil
}

// coordinatorOnly refuses the grouping, forwarding, answering and closing
// of difficulties to anyone but the coordinator.
func coordinatorOnly(ctx context.Context) error {
	u := ttdn.UserFromContext(ctx)
	if u.IsSystem() || u != nil && u.Role == ttdn.RoleCoordinator {
		return nil
	}
	return ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ cơ quan điều phối (Sở Văn hóa, Thể thao và Du lịch) mới tổng hợp, đề xuất và ghi nhận trả lời khó khăn, vướng mắc.",
		"Only the coordinating department groups difficulties, proposes solutions and records answers.")
}

// CloseDifficulty ends a difficulty (the coordinator), with a note.
func (s *DifficultyService) CloseDifficulty(ctx context.Context, id int64, version int, note string) (*ttdn.Difficulty, error) {
	tx, before, err := s.beginDifficulty(ctx, id, version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := coordinatorOnly(ctx); err != nil {
		return nil, err
	} else if before.Status == ttdn.DifficultyClosed {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Khó khăn, vướng mắc này đã đóng.", "This difficulty is already closed.")
	}
	d := *before
	d.Status, d.CloseNote = ttdn.DifficultyClosed, strings.TrimSpace(note)
	if d.ResolvedAt.IsZero() {
		d.ResolvedAt = tx.now
	}
	res, err := tx.exec(ctx, `UPDATE difficulties SET status = ?, close_note = ?, resolved_at = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, string(d.Status), d.CloseNote, timeArg(d.ResolvedAt), tx.now, id, d.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	d.Version, d.UpdatedAt = d.Version+1, tx.now
	if err := tx.audit(ctx, "close", ttdn.ResourceDifficulty, id, before, &d); err != nil {
		return nil, err
	}
	return &d, tx.Commit()
}

// AddDifficultyAttachment stores a file for a difficulty the user may write.
func (s *DifficultyService) AddDifficultyAttachment(ctx context.Context, difficultyID int64, files ...*ttdn.Attachment) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	d, err := findDifficultyByID(ctx, tx, difficultyID)
	if err != nil {
		return err
	} else if err := authorize(ctx, ttdn.ActionUpdate, difficultyResource(d), errDifficultyNotFound()); err != nil {
		return err
	} else if err := insertAttachments(ctx, tx, ttdn.ResourceDifficulty, difficultyID, files); err != nil {
		return err
	}
	return tx.Commit()
}

// FindDifficultyAttachments lists a difficulty's files, without data.
func (s *DifficultyService) FindDifficultyAttachments(ctx context.Context, difficultyID int64) ([]*ttdn.Attachment, error) {
	tx, err := s.readDifficulty(ctx, difficultyID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findAttachmentRows(ctx, tx, `owner_kind = ? AND owner_id = ?`, string(ttdn.ResourceDifficulty), difficultyID)
}

// FindDifficultyAttachment returns one of a difficulty's files with data.
func (s *DifficultyService) FindDifficultyAttachment(ctx context.Context, difficultyID, id int64) (*ttdn.Attachment, error) {
	tx, err := s.readDifficulty(ctx, difficultyID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findOwnedAttachment(ctx, tx, ttdn.ResourceDifficulty, difficultyID, id)
}

func (s *DifficultyService) readDifficulty(ctx context.Context, id int64) (*Tx, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	d, err := findDifficultyByID(ctx, tx, id)
	if err == nil {
		err = canRead(ctx, difficultyResource(d), errDifficultyNotFound())
	}
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// notifyDifficultyRaised tells the coordinators of a new difficulty; the
// e-mail of a secret one does not carry its title.
func notifyDifficultyRaised(ctx context.Context, tx *Tx, d *ttdn.Difficulty) error {
	to, err := usersWithRole(ctx, tx, ttdn.RoleCoordinator)
	if err != nil {
		return err
	}
	unit := unitName(ctx, tx, d.UnitID)
	n := eventNotice{key: fmt.Sprintf("difficulty:%d:raised", d.ID), kind: ttdn.NotifyDifficultyEvent,
		link: "/difficulties/" + strconv.FormatInt(d.ID, 10), unitID: d.UnitID, subject: "Khó khăn, vướng mắc mới",
		text: fmt.Sprintf("%s nêu khó khăn, vướng mắc: %s", unit, d.Title), title: d.Title, level: d.Classification, levelSet: true}
	if d.Classification >= ttdn.Secret {
		n.email = fmt.Sprintf("%s nêu một khó khăn, vướng mắc (mật). Đăng nhập ttdn để xem.", unit)
	}
	return tx.notify(ctx, n, to)
}
