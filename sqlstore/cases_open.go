package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ttdn"
)

// OpenCase opens a case. From a press item (ArticleID) or a story
// (StoryID) the source is copied from the stored item and every item of
// its story is kept as it is now (the spread is measured against them); by
// hand, the source is as the person described it. Evidence files are
// stored with the case. The case starts "detected", at DetectedAt when the
// person gave an earlier time, else when ttdn first fetched the story
// (press) or now (by hand).
func (s *CaseService) OpenCase(ctx context.Context, c *ttdn.Case, evidence []*ttdn.Attachment) error {
	u := ttdn.UserFromContext(ctx)
	own := c.Classification
	if err := authorize(ctx, ttdn.ActionCreate, openProbe(u, c), nil); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	given := c.DetectedAt
	if err := fillCaseSource(ctx, tx, c); err != nil {
		return err
	} else if err := c.Validate(); err != nil {
		return err
	} else if err := refuseSecondCase(ctx, tx, c); err != nil {
		return err
	}
	if !given.IsZero() {
		if given.After(tx.now) {
			return ttdn.Errorf(ttdn.EINVALID, "Thời điểm phát hiện không được ở tương lai.", "The detection time cannot be in the future.")
		}
		c.DetectedAt = given
	} else if c.DetectedAt.IsZero() {
		c.DetectedAt = tx.now
	}
	if u != nil {
		c.OpenedBy, c.UnitID = u.ID, u.UnitID
	}
	c.Stage, c.OpenedAt, c.UpdatedAt, c.Version = ttdn.StageDetected, tx.now, tx.now, 1
	c.Verdict, c.Severity, c.Topics, c.LeadUnitID, c.CoordinatingUnitIDs = "", "", nil, 0, nil
	c.OwnClassification = own
	c.Classification = ttdn.Highest(own, secretIf(c.TouchesSecrets))
	c.ID, err = tx.insertID(ctx, `INSERT INTO cases (title, origin, article_id, story_id, source_title, source_summary, source_url,
		source_outlet, source_language, source_foreign, source_published, claim, touches_secrets, classification,
		own_classification, unit_id, stage, next_due_at, detected_at, search_key, opened_by, opened_at, version, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
		c.Title, string(c.Origin), idArg(c.ArticleID), idArg(c.StoryID), c.Source.Title, c.Source.Summary, c.Source.URL,
		c.Source.Outlet, c.Source.Language, c.Source.Foreign, timeArg(c.Source.Published), c.Claim, c.TouchesSecrets,
		c.Classification.String(), own.String(), idArg(c.UnitID), string(c.Stage), nextDue(c), utc(c.DetectedAt),
		caseKey(c), c.OpenedBy, tx.now, tx.now)
	if err != nil {
		return err
	}
	if err := snapshotStory(ctx, tx, c); err != nil {
		return err
	} else if err := insertAttachments(ctx, tx, ttdn.ResourceCase, c.ID, evidence); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceCase, c.ID, nil, c); err != nil {
		return err
	} else if err := notifyCaseOpened(ctx, tx, c); err != nil {
		return err
	}
	return tx.Commit()
}

// openProbe is the policy's view of the case about to be opened: at the
// level asked for, involving the opener's unit.
func openProbe(u *ttdn.User, c *ttdn.Case) ttdn.Resource {
	r := ttdn.Resource{Kind: ttdn.ResourceCase, Classification: ttdn.Highest(c.Classification, secretIf(c.TouchesSecrets))}
	if u != nil && u.UnitID != 0 {
		r.UnitIDs = []int64{u.UnitID}
	}
	return r
}

// snapshotStory keeps every item of the case's story as it is now, marked
// as there at opening: the spread is what joins after.
func snapshotStory(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	if c.StoryID == 0 {
		return nil
	}
	_, err := tx.exec(ctx, `INSERT INTO case_items (case_id, article_id, title, url, outlet, language, is_foreign, published,
		joined_at, at_opening) SELECT ?, a.id, a.title, a.url, COALESCE(NULLIF(s.outlet, ''), s.name), a.language, s.is_foreign,
		a.published_at, ?, ? FROM press_articles a JOIN press_sources s ON s.id = a.source_id WHERE a.story_id = ?`,
		c.ID, tx.now, true, c.StoryID)
	return err
}

// secretIf is Secret when a case touches state secrets, else nothing.
func secretIf(touches bool) ttdn.Classification {
	if touches {
		return ttdn.Secret
	}
	return ttdn.Public
}

// fillCaseSource copies the press item (or the story's first item) into
// the case, as it is now; the case keeps the copy whatever becomes of it.
func fillCaseSource(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	var where string
	var id int64
	switch {
	case c.ArticleID != 0:
		c.Origin, where, id = ttdn.OriginArticle, `a.id = ?`, c.ArticleID
	case c.StoryID != 0:
		c.Origin, where, id = ttdn.OriginStory, `a.story_id = ? ORDER BY a.published_at, a.id LIMIT 1`, c.StoryID
	default:
		c.Origin, c.StoryID = ttdn.OriginManual, 0
		return nil
	}
	var fetched time.Time
	err := tx.QueryRowContext(ctx, `SELECT a.id, a.story_id, a.title, a.summary, a.url, COALESCE(NULLIF(s.outlet, ''), s.name),
		a.language, s.is_foreign, a.published_at FROM press_articles a JOIN press_sources s ON s.id = a.source_id WHERE `+where, id).
		Scan(&c.ArticleID, &c.StoryID, &c.Source.Title, &c.Source.Summary, &c.Source.URL, &c.Source.Outlet, &c.Source.Language,
			&c.Source.Foreign, timeScan{&c.Source.Published})
	if errors.Is(err, sql.ErrNoRows) {
		return ttdn.Errorf(ttdn.EINVALID, "Tin bài (hoặc sự kiện) mã số %d không tồn tại.", "Press item (or story) id %d does not exist.", id)
	} else if err != nil {
		return err
	}
	// Detected when ttdn first fetched an item of the story.
	if err := tx.QueryRowContext(ctx, `SELECT MIN(fetched_at) FROM press_articles WHERE story_id = ?`, c.StoryID).
		Scan(timeScan{&fetched}); err != nil {
		return err
	}
	c.DetectedAt = fetched
	return nil
}

// refuseSecondCase refuses a case for a story that already has an open
// one: the spread would be counted twice and two units would answer one
// claim. The message names the case (its number only: the user may not be
// allowed to read it).
func refuseSecondCase(ctx context.Context, tx *Tx, c *ttdn.Case) error {
	if c.StoryID == 0 {
		return nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM cases WHERE story_id = ? AND stage <> 'closed' ORDER BY id LIMIT 1`, c.StoryID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return ttdn.Errorf(ttdn.ECONFLICT, "Sự kiện này đã có vụ việc đang xử lý (mã số %d).", "This story already has an open case (number %d).", id)
}
