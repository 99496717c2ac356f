package sqlstore

import (
	"context"
	"slices"
	"strings"

	"ttdn"
)

// AssessCase records the assessment: claim, verdict, severity, topics,
// whether the case touches state secrets and its own level. The first
// assessment moves a detected case to "assessed"; later ones change the
// content, never the stage. Monitors and the coordinator assess.
func (s *CaseService) AssessCase(ctx context.Context, id int64, a ttdn.CaseAssessment) (*ttdn.Case, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	tx, before, err := s.beginCase(ctx, id, ttdn.ActionAssign, a.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if !before.Open() {
		return nil, errCaseClosed()
	}
	c := *before
	c.Claim, c.Verdict, c.Severity, c.Assessment = a.Claim, a.Verdict, a.Severity, a.Assessment
	c.Topics = slices.Compact(slices.Sorted(slices.Values(a.Topics)))
	c.TouchesSecrets, c.OwnClassification = a.TouchesSecrets, a.Classification
	if c.Stage == ttdn.StageDetected {
		c.Stage, c.AssessedAt = ttdn.StageAssessed, tx.now
	}
	if err := setCaseLevel(ctx, tx, &c); err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `UPDATE cases SET claim = ?, verdict = ?, severity = ?, assessment = ?, touches_secrets = ?,
		own_classification = ?, classification = ?, stage = ?, assessed_at = ?, next_due_at = ?, search_key = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		c.Claim, string(c.Verdict), string(c.Severity), c.Assessment, c.TouchesSecrets, c.OwnClassification.String(),
		c.Classification.String(), string(c.Stage), timeArg(c.AssessedAt), nextDue(&c), caseKey(&c), tx.now, id, c.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM case_topics WHERE case_id = ?`, id); err != nil {
		return nil, err
	}
	for _, t := range c.Topics {
		if _, err := tx.exec(ctx, `INSERT INTO case_topics (case_id, topic) VALUES (?, ?)`, id, string(t)); err != nil {
			return nil, err
		}
	}
	c.Version, c.UpdatedAt = c.Version+1, tx.now
	if err := tx.audit(ctx, "assess", ttdn.ResourceCase, id, before, &c); err != nil {
		return nil, err
	}
	return &c, tx.Commit()
}

// AssignCase gives an assessed case its lead unit and coordinating units
// (Công an, Bộ đội Biên phòng, Sở Ngoại vụ, the press agencies…); the
// first assignment moves it to "assigned". Their people are told.
func (s *CaseService) AssignCase(ctx context.Context, id int64, a ttdn.CaseAssignment) (*ttdn.Case, error) {
	tx, before, err := s.beginCase(ctx, id, ttdn.ActionAssign, a.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if !before.Open() {
		return nil, errCaseClosed()
	} else if !before.Stage.Reached(ttdn.StageAssessed) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy đánh giá vụ việc (kết luận, mức độ, chủ đề) trước khi giao xử lý.",
			"Assess the case (verdict, severity, topics) before assigning it.")
	} else if a.LeadUnitID == 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn đơn vị chủ trì xử lý.", "Choose the lead unit.")
	}
	coord := slices.DeleteFunc(dedupe(a.CoordinatingUnitIDs), func(u int64) bool { return u == a.LeadUnitID || u == 0 })
	if id, err := firstMissing(ctx, tx, "units", append([]int64{a.LeadUnitID}, coord...)); err != nil {
		return nil, err
	} else if id != 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Đơn vị mã số %d không tồn tại.", "Unit id %d does not exist.", id)
	}
	c := *before
	c.LeadUnitID, c.CoordinatingUnitIDs = a.LeadUnitID, coord
	if !c.Stage.Reached(ttdn.StageAssigned) {
		c.Stage, c.AssignedAt = ttdn.StageAssigned, tx.now
	}
	res, err := tx.exec(ctx, `UPDATE cases SET lead_unit_id = ?, stage = ?, assigned_at = ?, next_due_at = ?, version = version + 1,
		updated_at = ? WHERE id = ? AND version = ?`, c.LeadUnitID, string(c.Stage), timeArg(c.AssignedAt), nextDue(&c), tx.now,
		id, c.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM case_units WHERE case_id = ?`, id); err != nil {
		return nil, err
	}
	for _, u := range coord {
		if _, err := tx.exec(ctx, `INSERT INTO case_units (case_id, unit_id) VALUES (?, ?)`, id, u); err != nil {
			return nil, err
		}
	}
	c.Version, c.UpdatedAt = c.Version+1, tx.now
	if err := tx.audit(ctx, "assign", ttdn.ResourceCase, id, before, &c); err != nil {
		return nil, err
	} else if err := notifyCaseAssigned(ctx, tx, &c); err != nil {
		return nil, err
	}
	return &c, tx.Commit()
}

// CloseCase ends a case. One closed before any response was published
// (a true claim, a claim nobody took up) needs a note saying why.
func (s *CaseService) CloseCase(ctx context.Context, id int64, cl ttdn.CaseClose) (*ttdn.Case, error) {
	tx, before, err := s.beginCase(ctx, id, ttdn.ActionAssign, cl.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	note := strings.TrimSpace(cl.Note)
	if !before.Open() {
		return nil, errCaseClosed()
	} else if note == "" && before.PublishedAt.IsZero() {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Vụ việc chưa có phản hồi được đăng: hãy ghi lý do kết thúc.",
			"No response has been published: say why the case is closed.")
	}
	c := *before
	c.Stage, c.ClosedAt, c.CloseNote = ttdn.StageClosed, tx.now, note
	res, err := tx.exec(ctx, `UPDATE cases SET stage = ?, closed_at = ?, close_note = ?, next_due_at = NULL, version = version + 1,
		updated_at = ? WHERE id = ? AND version = ?`, string(c.Stage), tx.now, note, tx.now, id, c.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	c.Version, c.UpdatedAt = c.Version+1, tx.now
	if err := tx.audit(ctx, "close", ttdn.ResourceCase, id, before, &c); err != nil {
		return nil, err
	}
	return &c, tx.Commit()
}

func errCaseClosed() error {
	return ttdn.Errorf(ttdn.EINVALID, "Vụ việc đã kết thúc, không thay đổi được nữa.", "The case is closed and can no longer be changed.")
}

// setCaseLevel sets c.Classification from its own level, its secrets flag
// and its responses' levels: a case is at least as classified as its most
// classified part.
func setCaseLevel(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	levels := []ttdn.Classification{c.OwnClassification, secretIf(c.TouchesSecrets)}
	rows, err := tx.QueryContext(ctx, `SELECT own_classification FROM case_responses WHERE case_id = ?`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l ttdn.Classification
		if err := rows.Scan(classScan{&l}); err != nil {
			return err
		}
		levels = append(levels, l)
	}
	c.Classification = ttdn.Highest(levels...)
	return rows.Err()
}

// AddCaseEvidence stores a file for a case the user may work on.
func (s *CaseService) AddCaseEvidence(ctx context.Context, caseID int64, files ...*ttdn.Attachment) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := findCaseByID(ctx, tx, caseID)
	if err != nil {
		return err
	} else if err := authorize(ctx, ttdn.ActionUpdate, c.Resource(), errCaseNotFound()); err != nil {
		return err
	} else if err := insertAttachments(ctx, tx, ttdn.ResourceCase, caseID, files); err != nil {
		return err
	}
	return tx.Commit()
}

// FindCaseEvidence lists a readable case's files (without their data).
func (s *CaseService) FindCaseEvidence(ctx context.Context, caseID int64) ([]*ttdn.Attachment, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCaseByID(ctx, tx, caseID)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, c.Resource(), errCaseNotFound()); err != nil {
		return nil, err
	}
	return findAttachmentRows(ctx, tx, `owner_kind = ? AND owner_id = ?`, string(ttdn.ResourceCase), caseID)
}

// FindCaseEvidenceFile returns one file of a readable case, with its data.
func (s *CaseService) FindCaseEvidenceFile(ctx context.Context, caseID, id int64) (*ttdn.Attachment, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCaseByID(ctx, tx, caseID)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, c.Resource(), errCaseNotFound()); err != nil {
		return nil, err
	}
	return findOwnedAttachment(ctx, tx, ttdn.ResourceCase, caseID, id)
}
