package sqlstore

import (
	"context"
	"strings"
	"time"

	"ttdn"
)

// CaseService keeps rebuttal cases (issue 14 §1): opening, assessment,
// assignment, responses, spread and figures. Every write is one
// transaction: policy → change → derived level → audit → notices.
type CaseService struct{ db *DB }

// NewCaseService returns the case service on db.
func NewCaseService(db *DB) *CaseService { return &CaseService{db: db} }

var _ ttdn.CaseService = (*CaseService)(nil)

func errCaseNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy vụ việc.", "Case not found.")
}

// FindCaseByID returns a case with its responses, or ENOTFOUND when it is
// missing or the user may not read it.
func (s *CaseService) FindCaseByID(ctx context.Context, id int64) (*ttdn.Case, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCaseByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, c.Resource(), errCaseNotFound()); err != nil {
		return nil, err
	}
	if c.Responses, err = findResponses(ctx, tx, `r.case_id = ? ORDER BY r.id`, id); err != nil {
		return nil, err
	}
	if auditsReads(ctx, c.Classification) {
		return c, tx.endAndAuditReads(ctx, []readRecord{{ttdn.ResourceCase, c.ID}})
	}
	return c, nil
}

// FindCases returns one page of the cases the user may read, newest
// detection first, and their total.
func (s *CaseService) FindCases(ctx context.Context, f ttdn.CaseFilter) ([]*ttdn.Case, int, error) {
	if ttdn.UserFromContext(ctx) == nil {
		return nil, 0, ttdn.Errorf(ttdn.EUNAUTHORIZED, "Bạn cần đăng nhập để thực hiện thao tác này.", "You need to log in to do this.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := caseWhere(ctx, tx, f)
	list, err := findCases(ctx, tx, where+` ORDER BY c.detected_at DESC, c.id DESC`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(list), `SELECT COUNT(*) FROM cases c WHERE `+where, args...)
	if err != nil {
		return nil, 0, err
	}
	var reads []readRecord
	for _, c := range list {
		if auditsReads(ctx, c.Classification) {
			reads = append(reads, readRecord{ttdn.ResourceCase, c.ID})
		}
	}
	return list, total, tx.endAndAuditReads(ctx, reads)
}

// caseScope is the read scope of cases as SQL: by level, or a level read
// in scope and a unit of the case (detecting, lead or coordinating) among
// the user's.
func caseScope(ctx context.Context) (string, []any) {
	return scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceCase), "c.classification", caseInvolves)
}

func caseInvolves(ids []int64) (string, []any) {
	in := placeholders(len(ids))
	args := int64Args(ids)
	return "(c.unit_id IN (" + in + ") OR c.lead_unit_id IN (" + in + ") OR c.id IN (SELECT x.case_id FROM case_units x WHERE x.unit_id IN (" +
		in + ")))", append(append(append([]any{}, args...), args...), args...)
}

func caseWhere(ctx context.Context, tx *Tx, f ttdn.CaseFilter) (string, []any) {
	scope, args := caseScope(ctx)
	where := []string{scope}
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if f.ID != nil {
		add("c.id = ?", *f.ID)
	}
	if f.Stage != nil {
		add("c.stage = ?", string(*f.Stage))
	}
	if f.OpenOnly {
		add("c.stage <> 'closed'")
	}
	if f.Overdue {
		now := f.Now
		if now.IsZero() {
			now = tx.now
		}
		add("c.next_due_at IS NOT NULL AND c.next_due_at < ?", now.UTC())
	}
	if f.Verdict != nil {
		add("c.verdict = ?", string(*f.Verdict))
	}
	if f.Severity != nil {
		add("c.severity = ?", string(*f.Severity))
	}
	if f.Topic != nil {
		add("c.id IN (SELECT case_id FROM case_topics WHERE topic = ?)", string(*f.Topic))
	}
	if f.UnitID != nil {
		cond, a := caseInvolves([]int64{*f.UnitID})
		add(cond, a...)
	}
	if f.ArticleID != nil {
		add("c.article_id = ?", *f.ArticleID)
	}
	if f.StoryID != nil {
		add("c.story_id = ?", *f.StoryID)
	}
	if len(f.StoryIDs) > 0 {
		ids := dedupe(f.StoryIDs)
		ids = ids[:min(len(ids), chunk)]
		add("c.story_id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	}
	if q := fold(f.Query); q != "" {
		add(`c.search_key LIKE ? ESCAPE '\'`, likeContains(q))
	}
	if !f.From.IsZero() {
		add("c.detected_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("c.detected_at < ?", f.To.UTC())
	}
	return strings.Join(where, " AND "), args
}

const caseColumns = `c.id, c.title, c.origin, c.article_id, c.story_id, c.source_title, c.source_summary, c.source_url,
	c.source_outlet, c.source_language, c.source_foreign, c.source_published, c.claim, c.verdict, c.severity, c.assessment,
	c.touches_secrets, c.classification, c.own_classification, c.unit_id, c.lead_unit_id, c.stage, c.detected_at,
	c.assessed_at, c.assigned_at, c.drafted_at, c.approved_at, c.published_at, c.closed_at, c.close_note, c.opened_by,
	c.opened_at, c.version, c.updated_at`

func scanCase(row rowScanner) (*ttdn.Case, error) {
	c := &ttdn.Case{}
	var origin, verdict, severity, stage string
	err := row.Scan(&c.ID, &c.Title, &origin, idScan{&c.ArticleID}, idScan{&c.StoryID}, &c.Source.Title, &c.Source.Summary,
		&c.Source.URL, &c.Source.Outlet, &c.Source.Language, &c.Source.Foreign, timeScan{&c.Source.Published}, &c.Claim,
		&verdict, &severity, &c.Assessment, &c.TouchesSecrets, classScan{&c.Classification}, classScan{&c.OwnClassification},
		idScan{&c.UnitID}, idScan{&c.LeadUnitID}, &stage, timeScan{&c.DetectedAt}, timeScan{&c.AssessedAt},
		timeScan{&c.AssignedAt}, timeScan{&c.DraftedAt}, timeScan{&c.ApprovedAt}, timeScan{&c.PublishedAt},
		timeScan{&c.ClosedAt}, &c.CloseNote, &c.OpenedBy, timeScan{&c.OpenedAt}, &c.Version, timeScan{&c.UpdatedAt})
	c.Origin, c.Verdict, c.Severity, c.Stage = ttdn.CaseOrigin(origin), ttdn.Verdict(verdict), ttdn.Severity(severity), ttdn.CaseStage(stage)
	return c, err
}

func findCaseByID(ctx context.Context, tx *Tx, id int64) (*ttdn.Case, error) {
	list, err := findCases(ctx, tx, `c.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errCaseNotFound()
	}
	return list[0], nil
}

// findCases loads cases with their topics and coordinating units.
func findCases(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Case, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases c WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	var list []*ttdn.Case
	byID := map[int64]*ttdn.Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, c)
		byID[c.ID] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return list, err
	}
	ids := make([]int64, 0, len(list))
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	in := placeholders(len(ids))
	err = eachPair(ctx, tx, `SELECT case_id, topic FROM case_topics WHERE case_id IN (`+in+`) ORDER BY case_id, topic`,
		int64Args(ids), func(id int64, v any) { byID[id].Topics = append(byID[id].Topics, ttdn.CaseTopic(*v.(*string))) }, new(string))
	if err != nil {
		return nil, err
	}
	err = eachPair(ctx, tx, `SELECT case_id, unit_id FROM case_units WHERE case_id IN (`+in+`) ORDER BY case_id, unit_id`,
		int64Args(ids), func(id int64, v any) {
			byID[id].CoordinatingUnitIDs = append(byID[id].CoordinatingUnitIDs, *v.(*int64))
		}, new(int64))
	return list, err
}

// beginCase opens a write transaction on a case the user may act on with
// act, at the version the user read.
func (s *CaseService) beginCase(ctx context.Context, id int64, act ttdn.Action, version int) (*Tx, *ttdn.Case, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	c, err := findCaseByID(ctx, tx, id)
	if err == nil {
		err = authorize(ctx, act, c.Resource(), errCaseNotFound())
	}
	if err == nil && version != c.Version {
		err = errConflict()
	}
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, c, nil
}

// nextDue is the deadline of the stage c waits for, as stored (NULL when
// none).
func nextDue(c *ttdn.Case) any {
	if s := c.NextStage(); s != "" {
		return timeArg(c.StageDue(s))
	}
	return nil
}

// caseKey is what the list's search matches: title, claim, source.
func caseKey(c *ttdn.Case) string {
	return searchKey(c.Title, c.Claim, c.Source.Title, c.Source.Outlet)
}

// utc returns t in UTC (nil-safe for the zero time).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}
