package sqlstore

import (
	"context"
	"strings"
	"time"

	"ttdn"
)

// Responses to a case: drafted by its units' people (or a monitor, or the
// coordinator), submitted for review, approved or returned by the
// coordinator or a leader — never by the response's own author — and then
// marked published with where and when. Each step moves the case's stage
// forward when it is the first of its kind.

func errResponseNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy phản hồi.", "Response not found.")
}

const responseColumns = `r.id, r.case_id, r.kind, r.title, r.body, r.status, r.own_classification, r.drafted_by, r.drafted_at,
	r.submitted_at, r.reviewed_by, r.reviewed_at, r.return_note, r.published_where, r.published_url, r.published_at,
	r.published_by, r.version, r.updated_at`

func findResponses(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.CaseResponse, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+responseColumns+` FROM case_responses r WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.CaseResponse
	for rows.Next() {
		r := &ttdn.CaseResponse{}
		var kind, status string
		if err := rows.Scan(&r.ID, &r.CaseID, &kind, &r.Title, &r.Body, &status, classScan{&r.OwnClassification}, &r.DraftedBy,
			timeScan{&r.DraftedAt}, timeScan{&r.SubmittedAt}, &r.ReviewedBy, timeScan{&r.ReviewedAt}, &r.ReturnNote,
			&r.PublishedWhere, &r.PublishedURL, timeScan{&r.PublishedAt}, &r.PublishedBy, &r.Version, timeScan{&r.UpdatedAt}); err != nil {
			return nil, err
		}
		r.Kind, r.Status = ttdn.ResponseKind(kind), ttdn.ResponseStatus(status)
		out = append(out, r)
	}
	return out, rows.Err()
}

// DraftResponse adds a draft response to an assigned, open case.
func (s *CaseService) DraftResponse(ctx context.Context, caseID int64, r *ttdn.CaseResponse) error {
	if err := r.Validate(); err != nil {
		return err
	}
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
	} else if !c.Open() {
		return errCaseClosed()
	} else if !c.Stage.Reached(ttdn.StageAssigned) {
		return ttdn.Errorf(ttdn.EINVALID, "Vụ việc chưa được giao đơn vị chủ trì: chưa soạn phản hồi được.",
			"The case has no lead unit yet: responses come after assignment.")
	}
	r.CaseID, r.Status, r.Version, r.DraftedAt, r.UpdatedAt = caseID, ttdn.ResponseDraft, 1, tx.now, tx.now
	r.DraftedBy, _ = actor(ctx)
	r.ID, err = tx.insertID(ctx, `INSERT INTO case_responses (case_id, kind, title, body, status, own_classification, drafted_by,
		drafted_at, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`, caseID, string(r.Kind), r.Title, r.Body,
		string(r.Status), r.OwnClassification.String(), r.DraftedBy, tx.now, tx.now)
	if err != nil {
		return err
	}
	if !c.Stage.Reached(ttdn.StageDrafted) {
		c.Stage, c.DraftedAt = ttdn.StageDrafted, tx.now
	}
	if err := saveCaseProgress(ctx, tx, c); err != nil {
		return err
	}
	return s.finishResponse(ctx, tx, "create", nil, r)
}

// saveCaseProgress stores what a response step changed on its case: the
// stage, its times, the next deadline and the derived level. It is not an
// edit of the case, so its version stays.
func saveCaseProgress(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	if err := setCaseLevel(ctx, tx, c); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE cases SET stage = ?, drafted_at = ?, approved_at = ?, published_at = ?, next_due_at = ?,
		classification = ?, updated_at = ? WHERE id = ?`, string(c.Stage), timeArg(c.DraftedAt), timeArg(c.ApprovedAt),
		timeArg(c.PublishedAt), nextDue(c), c.Classification.String(), tx.now, c.ID)
	return err
}

// finishResponse audits a response step and commits.
func (s *CaseService) finishResponse(ctx context.Context, tx *Tx, action string, before, after *ttdn.CaseResponse) error {
	var b any
	if before != nil {
		b = before
	}
	if err := tx.audit(ctx, action, ttdn.ResourceCaseResponse, after.ID, b, after); err != nil {
		return err
	}
	return tx.Commit()
}

// beginResponse opens a write transaction on a response of an open case
// the user may act on with act, at the version the user read.
func (s *CaseService) beginResponse(ctx context.Context, id int64, act ttdn.Action, version int) (*Tx, *ttdn.Case, *ttdn.CaseResponse, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, nil, nil, err
	}
	var c *ttdn.Case
	list, err := findResponses(ctx, tx, `r.id = ?`, id)
	if err == nil && len(list) == 0 {
		err = errResponseNotFound()
	}
	if err == nil {
		c, err = findCaseByID(ctx, tx, list[0].CaseID)
	}
	if err == nil {
		err = authorize(ctx, act, c.Resource(), errResponseNotFound())
	}
	if err == nil && !c.Open() {
		err = errCaseClosed()
	}
	if err == nil && version != list[0].Version {
		err = errConflict()
	}
	if err != nil {
		tx.Rollback()
		return nil, nil, nil, err
	}
	return tx, c, list[0], nil
}

// writeResponse stores every field of r at its version and bumps it.
func writeResponse(ctx context.Context, tx *Tx, r *ttdn.CaseResponse) error {
	res, err := tx.exec(ctx, `UPDATE case_responses SET kind = ?, title = ?, body = ?, status = ?, own_classification = ?,
		submitted_at = ?, reviewed_by = ?, reviewed_at = ?, return_note = ?, published_where = ?, published_url = ?,
		published_at = ?, published_by = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		string(r.Kind), r.Title, r.Body, string(r.Status), r.OwnClassification.String(), timeArg(r.SubmittedAt), r.ReviewedBy,
		timeArg(r.ReviewedAt), r.ReturnNote, r.PublishedWhere, r.PublishedURL, timeArg(r.PublishedAt), r.PublishedBy, tx.now,
		r.ID, r.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	r.Version, r.UpdatedAt = r.Version+1, tx.now
	return nil
}

// UpdateResponse changes a draft and, with Submit, sends it for review:
// the coordinators and leaders are told.
func (s *CaseService) UpdateResponse(ctx context.Context, id int64, upd ttdn.ResponseUpdate) (*ttdn.CaseResponse, error) {
	tx, c, before, err := s.beginResponse(ctx, id, ttdn.ActionUpdate, upd.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if before.Status != ttdn.ResponseDraft {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Phản hồi đã trình duyệt, không sửa được nữa.", "The response has been submitted and can no longer be changed.")
	}
	r := *before
	setIf(&r.Kind, upd.Kind)
	setIf(&r.Title, upd.Title)
	setIf(&r.Body, upd.Body)
	setIf(&r.OwnClassification, upd.Classification)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	action := "update"
	if upd.Submit {
		r.Status, r.SubmittedAt, r.ReturnNote, action = ttdn.ResponseSubmitted, tx.now, "", "submit"
	}
	if err := writeResponse(ctx, tx, &r); err != nil {
		return nil, err
	} else if err := saveCaseProgress(ctx, tx, c); err != nil {
		return nil, err
	}
	if upd.Submit {
		if err := notifyResponseSubmitted(ctx, tx, c, &r); err != nil {
			return nil, err
		}
	}
	return &r, s.finishResponse(ctx, tx, action, before, &r)
}

// ReviewResponse approves a submitted response or returns it to draft with
// a note. The coordinator or a leader reviews; the author never reviews
// their own response.
func (s *CaseService) ReviewResponse(ctx context.Context, id int64, rv ttdn.ResponseReview) (*ttdn.CaseResponse, error) {
	tx, c, before, err := s.beginResponse(ctx, id, ttdn.ActionApprove, rv.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	me, _ := actor(ctx)
	note := strings.TrimSpace(rv.Note)
	switch {
	case before.Status != ttdn.ResponseSubmitted:
		return nil, ttdn.Errorf(ttdn.EINVALID, "Phản hồi chưa được trình duyệt.", "The response has not been submitted for review.")
	case me == before.DraftedBy && !ttdn.UserFromContext(ctx).IsSystem():
		return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Người soạn không tự duyệt phản hồi của mình: cần lãnh đạo hoặc cán bộ điều phối khác duyệt.",
			"The author may not approve their own response: another coordinator or a leader reviews it.")
	case !rv.Approve && note == "":
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy ghi lý do trả lại để người soạn sửa.", "Say why the response is returned, so its author can fix it.")
	}
	r := *before
	r.ReviewedBy, r.ReviewedAt, r.ReturnNote = me, tx.now, note
	action := "return"
	if rv.Approve {
		r.Status, action = ttdn.ResponseApproved, "approve"
		if !c.Stage.Reached(ttdn.StageApproved) {
			c.Stage, c.ApprovedAt = ttdn.StageApproved, tx.now
		}
	} else {
		r.Status = ttdn.ResponseDraft
	}
	if err := writeResponse(ctx, tx, &r); err != nil {
		return nil, err
	} else if err := saveCaseProgress(ctx, tx, c); err != nil {
		return nil, err
	} else if err := notifyResponseReviewed(ctx, tx, c, &r); err != nil {
		return nil, err
	}
	return &r, s.finishResponse(ctx, tx, action, before, &r)
}

// PublishResponse records where and when an approved response was
// published. The case's publication time is its first published response's:
// the end of the response time.
func (s *CaseService) PublishResponse(ctx context.Context, id int64, p ttdn.ResponsePublication) (*ttdn.CaseResponse, error) {
	tx, c, before, err := s.beginResponse(ctx, id, ttdn.ActionUpdate, p.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if before.Status != ttdn.ResponseApproved {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Chỉ phản hồi đã được duyệt mới được đăng, phát.", "Only an approved response can be published.")
	} else if err := p.Validate(tx.now); err != nil {
		return nil, err
	} else if p.At.Before(c.DetectedAt) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Thời điểm đăng, phát không được trước khi phát hiện vụ việc (%s).",
			"The publication time cannot be before the case was detected (%s).", c.DetectedAt.In(vietnamZone).Format("02/01/2006 15:04"))
	} else if p.At.Before(before.ReviewedAt.Truncate(time.Minute)) {
		// A response is published once approved: a time before that says it went out unapproved.
		return nil, ttdn.Errorf(ttdn.EINVALID, "Thời điểm đăng, phát không được trước khi phản hồi được duyệt (%s).",
			"The publication time cannot be before the response was approved (%s).", before.ReviewedAt.In(vietnamZone).Format("02/01/2006 15:04"))
	}
	r := *before
	r.Status, r.PublishedWhere, r.PublishedURL, r.PublishedAt = ttdn.ResponsePublished, p.Where, p.URL, p.At.UTC()
	r.PublishedBy, _ = actor(ctx)
	if c.PublishedAt.IsZero() || r.PublishedAt.Before(c.PublishedAt) {
		c.PublishedAt = r.PublishedAt
	}
	if !c.Stage.Reached(ttdn.StagePublished) {
		c.Stage = ttdn.StagePublished
	}
	if err := writeResponse(ctx, tx, &r); err != nil {
		return nil, err
	} else if err := saveCaseProgress(ctx, tx, c); err != nil {
		return nil, err
	} else if err := notifyResponsePublished(ctx, tx, c, &r); err != nil {
		return nil, err
	}
	return &r, s.finishResponse(ctx, tx, "publish", before, &r)
}
