package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"ttdn"
)

// FindProgressUpdates returns updates of the tasks the user may read,
// newest first, with their attachments (without data), and their total.
func (s *ProgressService) FindProgressUpdates(ctx context.Context, f ttdn.ProgressFilter) ([]*ttdn.ProgressUpdate, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	scope, args := taskScope(ctx)
	where := []string{scope}
	if f.IDs != nil {
		where, args = append(where, idsIn("pu.id", f.IDs)), append(args, int64Args(f.IDs)...)
	}
	if f.TaskID != nil {
		where, args = append(where, "pu.task_id = ?"), append(args, *f.TaskID)
	}
	if f.UnitID != nil {
		where, args = append(where, "pu.unit_id = ?"), append(args, *f.UnitID)
	}
	cond := strings.Join(where, " AND ")
	rows, err := tx.QueryContext(ctx, `SELECT pu.id, pu.task_id, pu.unit_id, pu.user_id, pu.username, pu.date, pu.text,
		pu.percent, pu.status, pu.contribution, pu.created_at FROM progress_updates pu JOIN tasks t ON t.id = pu.task_id
		WHERE `+cond+` ORDER BY pu.id DESC`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*ttdn.ProgressUpdate
	for rows.Next() {
		u, err := scanProgress(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(out), `SELECT COUNT(*) FROM progress_updates pu JOIN tasks t ON t.id = pu.task_id
		WHERE `+cond, args...)
	if err != nil {
		return nil, 0, err
	}
	return out, total, loadUpdateAttachments(ctx, tx, out)
}

func scanProgress(row rowScanner) (*ttdn.ProgressUpdate, error) {
	u := &ttdn.ProgressUpdate{}
	var percent sql.NullInt64
	var status sql.NullString
	err := row.Scan(&u.ID, &u.TaskID, idScan{&u.UnitID}, &u.UserID, &u.Username, dateScan{&u.Date}, &u.Text,
		&percent, &status, &u.Contribution, timeScan{&u.CreatedAt})
	if percent.Valid {
		p := int(percent.Int64)
		u.Percent = &p
	}
	if status.Valid {
		s := ttdn.TaskStatus(status.String)
		u.Status = &s
	}
	return u, err
}

// loadUpdateAttachments fills the attachments of updates in one query.
func loadUpdateAttachments(ctx context.Context, tx *Tx, updates []*ttdn.ProgressUpdate) error {
	if len(updates) == 0 {
		return nil
	}
	byID := map[int64]*ttdn.ProgressUpdate{}
	ids := make([]any, len(updates))
	for i, u := range updates {
		byID[u.ID], ids[i] = u, u.ID
	}
	list, err := findAttachmentRows(ctx, tx, `owner_kind = ? AND owner_id IN (`+placeholders(len(ids))+`)`,
		append([]any{string(ttdn.ResourceProgress)}, ids...)...)
	for _, a := range list {
		if u := byID[a.OwnerID]; u != nil {
			u.Attachments = append(u.Attachments, a)
		}
	}
	return err
}
