package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"ttdn"
)

// Attachments live in the database (BLOB / BYTEA), so every instance serves
// them. An attachment has no policy of its own: reading it needs the read
// right on its owner, adding or removing one the update right.

// OwnerResolver returns the policy resource of the record an attachment
// belongs to, or ENOTFOUND.
type OwnerResolver func(ctx context.Context, tx *Tx, ownerID int64) (ttdn.Resource, error)

// AttachmentService stores and serves attachments.
type AttachmentService struct {
	db     *DB
	owners map[ttdn.ResourceKind]OwnerResolver
}

// NewAttachmentService returns the attachment service on db, knowing the
// owners tasks and progress updates; RegisterOwner adds others.
func NewAttachmentService(db *DB) *AttachmentService {
	return &AttachmentService{db: db, owners: map[ttdn.ResourceKind]OwnerResolver{
		ttdn.ResourceTask:       taskOwner,
		ttdn.ResourceProgress:   progressOwner,
		ttdn.ResourceBudget:     budgetOwner,
		ttdn.ResourceDifficulty: difficultyOwner,
		ttdn.ResourceActivity:   activityOwner,
		ttdn.ResourceCase:       caseOwner,
		ttdn.ResourceUnitReport: unitReportOwner,
	}}
}

var _ ttdn.AttachmentService = (*AttachmentService)(nil)

// RegisterOwner lets attachments belong to records of kind (activities…).
// Call it before serving requests.
func (s *AttachmentService) RegisterOwner(kind ttdn.ResourceKind, fn OwnerResolver) {
	s.owners[kind] = fn
}

func errAttachmentNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy tệp đính kèm.", "Attachment not found.")
}

func taskOwner(ctx context.Context, tx *Tx, id int64) (ttdn.Resource, error) {
	t, err := findTaskByID(ctx, tx, id)
	if err != nil {
		return ttdn.Resource{}, err
	}
	return taskResource(t), nil
}

func progressOwner(ctx context.Context, tx *Tx, id int64) (ttdn.Resource, error) {
	var taskID int64
	err := tx.QueryRowContext(ctx, `SELECT task_id FROM progress_updates WHERE id = ?`, id).Scan(&taskID)
	if errors.Is(err, sql.ErrNoRows) {
		return ttdn.Resource{}, errAttachmentNotFound()
	} else if err != nil {
		return ttdn.Resource{}, err
	}
	return taskOwner(ctx, tx, taskID)
}

func budgetOwner(ctx context.Context, tx *Tx, id int64) (ttdn.Resource, error) {
	e, err := findBudgetByID(ctx, tx, id)
	if err != nil {
		return ttdn.Resource{}, err
	}
	return budgetResource(e), nil
}

func activityOwner(ctx context.Context, tx *Tx, id int64) (ttdn.Resource, error) {
	a, err := findActivityByID(ctx, tx, id)
	if err != nil {
		return ttdn.Resource{}, err
	}
	return activityResource(a), nil
}

func difficultyOwner(ctx context.Context, tx *Tx, id int64) (ttdn.Resource, error) {
	d, err := findDifficultyByID(ctx, tx, id)
	if err != nil {
		return ttdn.Resource{}, err
	}
	return difficultyResource(d), nil
}

func caseOwner(ctx context.Context, tx *Tx, id int64) (ttdn.Resource, error) {
	c, err := findCaseByID(ctx, tx, id)
	if err != nil {
		return ttdn.Resource{}, err
	}
	return c.Resource(), nil
}

func (s *AttachmentService) owner(ctx context.Context, tx *Tx, kind ttdn.ResourceKind, id int64) (ttdn.Resource, error) {
	fn := s.owners[kind]
	if fn == nil {
		return ttdn.Resource{}, ttdn.Errorf(ttdn.EINVALID, "Không thể đính kèm tệp vào loại bản ghi %q.", "Files cannot be attached to records of kind %q.", kind)
	}
	return fn(ctx, tx, id)
}

// CreateAttachment checks a (size, type by content, name) and stores it
// for its owner. Nothing is stored when it is refused.
func (s *AttachmentService) CreateAttachment(ctx context.Context, a *ttdn.Attachment) error {
	return s.CreateAttachments(ctx, a.OwnerKind, a.OwnerID, []*ttdn.Attachment{a})
}

// CreateAttachments stores several files for one owner in one transaction:
// all of them, or none when one is refused (a disguised or oversized
// second file must not leave the first stored behind the error).
func (s *AttachmentService) CreateAttachments(ctx context.Context, kind ttdn.ResourceKind, ownerID int64, list []*ttdn.Attachment) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := s.owner(ctx, tx, kind, ownerID)
	if err != nil {
		return err
	} else if err := authorize(ctx, ttdn.ActionUpdate, res, errAttachmentNotFound()); err != nil {
		return err
	} else if err := ownerFrozen(ctx, tx, kind, ownerID); err != nil {
		return err
	} else if err := insertAttachments(ctx, tx, kind, ownerID, list); err != nil {
		return err
	}
	return tx.Commit()
}

// insertAttachments checks and stores files for one owner, under the
// configured size limit, each with its audit row.
func insertAttachments(ctx context.Context, tx *Tx, kind ttdn.ResourceKind, ownerID int64, list []*ttdn.Attachment) error {
	if len(list) == 0 {
		return nil
	}
	set, err := findSettings(ctx, tx)
	if err != nil {
		return err
	}
	for _, a := range list {
		a.OwnerKind, a.OwnerID = kind, ownerID
		if err := ttdn.CheckAttachment(a, set.AttachmentMaxBytes); err != nil {
			return err
		}
		sum := sha256.Sum256(a.Data)
		a.SHA256, a.CreatedBy, a.CreatedAt = hex.EncodeToString(sum[:]), ttdn.UserFromContext(ctx).ID, tx.now
		a.ID, err = tx.insertID(ctx, `INSERT INTO attachments (owner_kind, owner_id, name, content_type, size, sha256, data,
			created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(kind), ownerID, a.Name, a.ContentType, a.Size, a.SHA256, a.Data, a.CreatedBy, tx.now)
		if err != nil {
			return err
		} else if err := tx.audit(ctx, "create", ttdn.ResourceAttachment, a.ID, nil, a); err != nil {
			return err
		}
	}
	return nil
}

const attachmentColumns = `id, owner_kind, owner_id, name, content_type, size, sha256, created_by, created_at`

// findAttachmentRows returns attachments (without data) matching where.
func findAttachmentRows(ctx context.Context, tx *Tx, where string, args ...any) ([]*ttdn.Attachment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+attachmentColumns+` FROM attachments WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Attachment
	for rows.Next() {
		a := &ttdn.Attachment{}
		var kind string
		if err := rows.Scan(&a.ID, &kind, &a.OwnerID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedBy,
			timeScan{&a.CreatedAt}); err != nil {
			return nil, err
		}
		a.OwnerKind = ttdn.ResourceKind(kind)
		out = append(out, a)
	}
	return out, rows.Err()
}

// readable reads an attachment's row (without its data) and its owner for a
// user who may read the owner; to anyone else, and when the owner cannot be
// judged, the file does not exist (no oracle).
func (s *AttachmentService) readable(ctx context.Context, tx *Tx, id int64) (*ttdn.Attachment, ttdn.Resource, error) {
	list, err := findAttachmentRows(ctx, tx, `id = ?`, id)
	if err != nil {
		return nil, ttdn.Resource{}, err
	} else if len(list) == 0 {
		return nil, ttdn.Resource{}, errAttachmentNotFound()
	}
	a := list[0]
	res, err := s.owner(ctx, tx, a.OwnerKind, a.OwnerID)
	if code := ttdn.ErrorCode(err); code == ttdn.EINVALID || code == ttdn.ENOTFOUND {
		return nil, ttdn.Resource{}, errAttachmentNotFound()
	} else if err != nil {
		return nil, ttdn.Resource{}, err
	} else if err := canRead(ctx, res, errAttachmentNotFound()); err != nil {
		return nil, ttdn.Resource{}, err
	}
	return a, res, nil
}

// FindAttachmentByID returns the attachment and its data to a user who may
// read its owner; to anyone else it does not exist.
func (s *AttachmentService) FindAttachmentByID(ctx context.Context, id int64) (*ttdn.Attachment, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, res, err := s.readable(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT data FROM attachments WHERE id = ?`, id).Scan(&a.Data); err != nil {
		return nil, err
	}
	if auditsReads(ctx, res.Classification) {
		return a, tx.endAndAuditReads(ctx, []readRecord{{ttdn.ResourceAttachment, a.ID}})
	}
	return a, nil
}

// FindAttachments lists the attachments of one record the user may read.
func (s *AttachmentService) FindAttachments(ctx context.Context, kind ttdn.ResourceKind, ownerID int64) ([]*ttdn.Attachment, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res, err := s.owner(ctx, tx, kind, ownerID)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, res, errAttachmentNotFound()); err != nil {
		return nil, err
	}
	return findAttachmentRows(ctx, tx, `owner_kind = ? AND owner_id = ?`, string(kind), ownerID)
}

// DeleteAttachment removes a file someone attached to an activity or a
// unit report by mistake, for a user who may update its owner while the
// owner takes files (not an accepted report). Evidence of a progress
// update, an estimate, a difficulty or a case records what was shown at a
// step and is never removed. The audit row keeps the file's name, size and
// checksum.
func (s *AttachmentService) DeleteAttachment(ctx context.Context, id int64) (*ttdn.Attachment, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, res, err := s.readable(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if err := authorize(ctx, ttdn.ActionUpdate, res, errAttachmentNotFound()); err != nil {
		return nil, err
	} else if !ttdn.AttachmentRemovable(a.OwnerKind) {
		return nil, ttdn.Errorf(ttdn.ECONFLICT, "Tệp minh chứng này ghi lại một bước đã làm nên không xóa được.",
			"This file is the evidence of a step taken and cannot be removed.")
	} else if err := ownerFrozen(ctx, tx, a.OwnerKind, a.OwnerID); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM attachments WHERE id = ?`, id); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "delete", ttdn.ResourceAttachment, id, a, nil); err != nil {
		return nil, err
	}
	return a, tx.Commit()
}
