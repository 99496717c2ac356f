package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"ttdn"
)

// OPML imports (ttdn.RunSourceImport): one row per import with its counts,
// one per outline handled. Whoever may add sources may import; whoever may
// read sources may read an import's report.

var _ ttdn.SourceImportService = (*PressService)(nil)

func errImportNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy lần nhập OPML này.", "OPML import not found.")
}

// StartSourceImport records an import of total outlines, running.
func (s *PressService) StartSourceImport(ctx context.Context, fileName string, total int) (*ttdn.SourceImport, error) {
	if err := authorize(ctx, ttdn.ActionCreate, ttdn.PressResource(ttdn.ResourcePressSource), nil); err != nil {
		return nil, err
	}
	if total > ttdn.MaxSourcesPerImport {
		return nil, ttdn.ErrTooManySources(total)
	} else if total < 1 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tệp OPML không có nguồn tin nào (thẻ outline có xmlUrl).",
			"The OPML file lists no source (outline with an xmlUrl).")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	imp := &ttdn.SourceImport{FileName: truncate(ttdn.SanitizeFilename(fileName), 200), UserID: ttdn.UserFromContext(ctx).ID, State: ttdn.ImportRunning,
		Total: total, CreatedAt: tx.now, UpdatedAt: tx.now}
	imp.ID, err = tx.insertID(ctx, `INSERT INTO press_source_imports (file_name, user_id, state, total, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, imp.FileName, idArg(imp.UserID), string(imp.State), total, tx.now, tx.now)
	if err != nil {
		return nil, err
	}
	return imp, tx.Commit()
}

// RecordSourceImportLine records what became of one outline and counts it.
func (s *PressService) RecordSourceImportLine(ctx context.Context, importID int64, l ttdn.SourceImportLine) error {
	if err := authorize(ctx, ttdn.ActionCreate, ttdn.PressResource(ttdn.ResourcePressSource), nil); err != nil {
		return err
	}
	var added, dup, refused int
	switch l.Outcome {
	case ttdn.OutlineAdded:
		added = 1
	case ttdn.OutlineDuplicate:
		dup = 1
	case ttdn.OutlineRefused:
		refused = 1
	default:
		return ttdn.Errorf(ttdn.EINVALID, "Kết quả %q không hợp lệ.", "Invalid outcome %q.", l.Outcome)
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `UPDATE press_source_imports SET added = added + ?, duplicates = duplicates + ?,
		refused = refused + ?, updated_at = ? WHERE id = ? AND state = ?`, added, dup, refused, tx.now, importID, string(ttdn.ImportRunning))
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO press_source_import_lines (import_id, line, name, feed_url, outcome, message, message_en, source_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, importID, l.Line, truncate(l.Name, 300), truncate(l.FeedURL, 1000), string(l.Outcome),
		truncate(l.Message, 1000), truncate(l.MessageEN, 1000), idArg(l.SourceID)); err != nil {
		return err
	}
	return tx.Commit()
}

// FinishSourceImport ends a running import.
func (s *PressService) FinishSourceImport(ctx context.Context, importID int64, state ttdn.SourceImportState) error {
	if err := authorize(ctx, ttdn.ActionCreate, ttdn.PressResource(ttdn.ResourcePressSource), nil); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `UPDATE press_source_imports SET state = ?, updated_at = ? WHERE id = ? AND state = ?`,
		string(state), tx.now, importID, string(ttdn.ImportRunning))
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	return tx.Commit()
}

// FindSourceImport returns an import with the page of outlines f selects.
func (s *PressService) FindSourceImport(ctx context.Context, id int64, f ttdn.SourceImportFilter) (*ttdn.SourceImport, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourcePressSource), errImportNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	imp := &ttdn.SourceImport{}
	var state string
	err = tx.QueryRowContext(ctx, `SELECT id, file_name, user_id, state, total, added, duplicates, refused, created_at, updated_at
		FROM press_source_imports WHERE id = ?`, id).Scan(&imp.ID, &imp.FileName, idScan{&imp.UserID}, &state, &imp.Total,
		&imp.Added, &imp.Duplicates, &imp.Refused, timeScan{&imp.CreatedAt}, timeScan{&imp.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errImportNotFound()
	} else if err != nil {
		return nil, err
	}
	imp.State = ttdn.SourceImportState(state)
	where, args := `import_id = ?`, []any{id}
	if f.Problems {
		where, args = where+` AND outcome <> ?`, append(args, string(ttdn.OutlineAdded))
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_source_import_lines WHERE `+where, args...).Scan(&imp.LineTotal); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT line, name, feed_url, outcome, message, message_en, source_id
		FROM press_source_import_lines WHERE `+where+` ORDER BY line`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l ttdn.SourceImportLine
		var outcome string
		if err := rows.Scan(&l.Line, &l.Name, &l.FeedURL, &outcome, &l.Message, &l.MessageEN, idScan{&l.SourceID}); err != nil {
			return nil, err
		}
		l.Outcome = ttdn.OutlineOutcome(outcome)
		imp.Lines = append(imp.Lines, l)
	}
	return imp, rows.Err()
}
