package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// ActivityService manages the activity registry.
type ActivityService struct{ db *DB }

// NewActivityService returns the activity service on db.
func NewActivityService(db *DB) *ActivityService { return &ActivityService{db: db} }

var _ ttdn.ActivityService = (*ActivityService)(nil)

func errActivityNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy hoạt động.", "Activity not found.")
}

func activityResource(a *ttdn.Activity) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceActivity, Classification: a.Classification, UnitIDs: a.UnitIDs}
}

// FindActivityByID returns the activity with its units, tasks and themes, or
// ENOTFOUND.
func (s *ActivityService) FindActivityByID(ctx context.Context, id int64) (*ttdn.Activity, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, err := findActivityByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := canRead(ctx, activityResource(a), errActivityNotFound()); err != nil {
		return nil, err
	}
	if auditsReads(ctx, a.Classification) {
		return a, tx.endAndAuditReads(ctx, []readRecord{{ttdn.ResourceActivity, a.ID}})
	}
	return a, nil
}

// FindActivities returns one page of the activities the filter selects and
// the user may read, and their total.
func (s *ActivityService) FindActivities(ctx context.Context, f ttdn.ActivityFilter) ([]*ttdn.Activity, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	filter, fargs, err := activityFilterWhere(ctx, tx, f)
	if err != nil {
		return nil, 0, err
	}
	total := -1
	if !f.Choices {
		if total, err = activityTotal(ctx, tx, filter, fargs); err != nil {
			return nil, 0, err
		}
	}
	scope, args := activityScope(ctx)
	find := findActivities
	if f.Choices {
		find = findActivityRows
	}
	acts, err := find(ctx, tx, scope+and(filter)+activityOrder(f.Sort)+limitClause(f.Limit, f.Offset), append(args, fargs...)...)
	if err != nil {
		return nil, 0, err
	}
	var reads []readRecord
	for _, a := range acts {
		if auditsReads(ctx, a.Classification) {
			reads = append(reads, readRecord{ttdn.ResourceActivity, a.ID})
		}
	}
	return acts, total, tx.endAndAuditReads(ctx, reads)
}

func activityOrder(sort ttdn.ActivitySort) string {
	switch sort {
	case ttdn.SortByTitle:
		return " ORDER BY a.title_key, a.id"
	case ttdn.SortByType:
		return " ORDER BY a.type, a.start_date DESC, a.id DESC"
	}
	return " ORDER BY a.start_date DESC, a.id DESC"
}

// activityScope is the read scope of the acting user on activities aliased a.
func activityScope(ctx context.Context) (string, []any) {
	return scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceActivity), "a.classification", activityInvolves)
}

// activityScopeParts is activityScope in disjoint parts, for counting.
func activityScopeParts(ctx context.Context) []scopePart {
	return scopeParts(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceActivity), "a.classification", activityInvolves)
}

// activityScopePartsIn is activityScopeParts for activities started from
// from to to: the units' links are read for that window only (their dates,
// 0045, index (unit_id, start_date, activity_id)), not every activity the
// units ever had. The caller still tests a.start_date, which is the rule.
func activityScopePartsIn(ctx context.Context, from, to ttdn.Date) []scopePart {
	return scopeParts(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceActivity), "a.classification",
		func(ids []int64) (string, []any) {
			return "a.id IN (SELECT s.activity_id FROM activity_units s WHERE s.unit_id IN (" +
					placeholders(len(ids)) + ") AND s.start_date >= ? AND s.start_date <= ?)",
				append(int64Args(ids), from.ISO(), to.ISO())
		})
}

func activityInvolves(ids []int64) (string, []any) {
	return "a.id IN (SELECT s.activity_id FROM activity_units s WHERE s.unit_id IN (" +
		placeholders(len(ids)) + "))", int64Args(ids)
}

// activityFilterWhere builds the condition of f without the read scope ("" for
// none); it needs tx to expand a unit to the units below it.
func activityFilterWhere(ctx context.Context, tx *Tx, f ttdn.ActivityFilter) (string, []any, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if f.ID != nil {
		add("a.id = ?", *f.ID)
	}
	if f.IDs != nil {
		add(idsIn("a.id", f.IDs), int64Args(f.IDs)...)
	}
	if f.Type != nil {
		add("a.type = ?", string(*f.Type))
	}
	if f.UnitID != nil {
		ids, err := unitSubtree(ctx, tx, *f.UnitID)
		if err != nil {
			return "", nil, err
		}
		// IN (subquery) rather than a correlated EXISTS: SQLite then reads
		// the unit's links once instead of probing for every activity. The
		// dates are tested on the links too (0045), so only the window's
		// links are read; the outer test of a.start_date stays the rule.
		cond, uargs := "u.unit_id IN ("+placeholders(len(ids))+")", int64Args(ids)
		if f.From != nil && !f.From.IsZero() {
			cond, uargs = cond+" AND u.start_date >= ?", append(uargs, f.From.ISO())
		}
		if f.To != nil && !f.To.IsZero() {
			cond, uargs = cond+" AND u.start_date <= ?", append(uargs, f.To.ISO())
		}
		add("a.id IN (SELECT u.activity_id FROM activity_units u WHERE "+cond+")", uargs...)
	}
	if f.TaskID != nil {
		add("a.id IN (SELECT k.activity_id FROM activity_tasks k WHERE k.task_id = ?)", *f.TaskID)
	}
	if f.Theme != nil {
		add("a.id IN (SELECT h.activity_id FROM activity_themes h JOIN themes th ON th.id = h.theme_id WHERE th.code = ?)", *f.Theme)
	}
	if f.From != nil && !f.From.IsZero() {
		add("a.start_date >= ?", f.From.ISO())
	}
	if f.To != nil && !f.To.IsZero() {
		add("a.start_date <= ?", f.To.ISO())
	}
	if f.ChannelID != nil {
		add("a.channel_id = ?", *f.ChannelID)
	}
	if f.Classification != nil {
		add("a.classification = ?", f.Classification.String())
	}
	if f.Query != nil && fold(*f.Query) != "" {
		add(`a.search_key LIKE ? ESCAPE '\'`, likeContains(fold(*f.Query)))
	}
	return strings.Join(where, " AND "), args, nil
}

// unitSubtree returns id and the ids of every unit below it.
func unitSubtree(ctx context.Context, tx *Tx, id int64) ([]int64, error) {
	return queryIDs(ctx, tx, `WITH RECURSIVE sub(id) AS (SELECT CAST(? AS BIGINT)
		UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub`, id)
}

const activityColumns = `a.id, a.type, a.title, a.summary, a.start_date, a.end_date, a.place, a.classification,
	a.own_classification, a.details, a.version, a.created_at, a.updated_at`

func scanActivity(row rowScanner) (*ttdn.Activity, error) {
	a := &ttdn.Activity{}
	var typ, details string
	if err := row.Scan(&a.ID, &typ, &a.Title, &a.Summary, dateScan{&a.StartDate}, dateScan{&a.EndDate}, &a.Place,
		classScan{&a.Classification}, classScan{&a.OwnClassification}, &details, &a.Version, timeScan{&a.CreatedAt}, timeScan{&a.UpdatedAt}); err != nil {
		return nil, err
	}
	a.Type = ttdn.ActivityType(typ)
	d, err := ttdn.DecodeActivityDetails(a.Type, []byte(details))
	a.Details = d
	return a, err
}

func findActivityByID(ctx context.Context, tx *Tx, id int64) (*ttdn.Activity, error) {
	a, err := scanActivity(tx.QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities a WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errActivityNotFound()
	} else if err != nil {
		return nil, err
	}
	return a, loadActivityLinks(ctx, tx, []*ttdn.Activity{a})
}

func findActivities(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Activity, error) {
	acts, err := findActivityRows(ctx, tx, whereOrder, args...)
	if err != nil {
		return nil, err
	}
	return acts, loadActivityLinks(ctx, tx, acts)
}

// findActivityRows reads activities without their links.
func findActivityRows(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Activity, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+activityColumns+` FROM activities a WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var acts []*ttdn.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, err
		}
		acts = append(acts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return acts, nil
}

// loadActivityLinks fills UnitIDs, TaskIDs and Themes of acts, one query per
// link table.
func loadActivityLinks(ctx context.Context, tx *Tx, acts []*ttdn.Activity) error {
	if len(acts) == 0 {
		return nil
	}
	byID := make(map[int64]*ttdn.Activity, len(acts))
	ids := make([]any, len(acts))
	for i, a := range acts {
		byID[a.ID], ids[i] = a, a.ID
	}
	in := placeholders(len(ids))
	if err := eachPair(ctx, tx, `SELECT activity_id, unit_id FROM activity_units WHERE activity_id IN (`+in+`)
		ORDER BY activity_id, position`, ids, func(id int64, v any) { byID[id].UnitIDs = append(byID[id].UnitIDs, *v.(*int64)) }, new(int64)); err != nil {
		return err
	}
	if err := eachPair(ctx, tx, `SELECT activity_id, task_id FROM activity_tasks WHERE activity_id IN (`+in+`)
		ORDER BY activity_id, task_id`, ids, func(id int64, v any) { byID[id].TaskIDs = append(byID[id].TaskIDs, *v.(*int64)) }, new(int64)); err != nil {
		return err
	}
	return eachPair(ctx, tx, `SELECT x.activity_id, h.code FROM activity_themes x JOIN themes h ON h.id = x.theme_id
		WHERE x.activity_id IN (`+in+`) ORDER BY x.activity_id, h.position, h.id`, ids,
		func(id int64, v any) { byID[id].Themes = append(byID[id].Themes, *v.(*string)) }, new(string))
}

// eachPair runs a query of (activity id, value) rows, scanning the value
// into dest and handing it to fn.
func eachPair(ctx context.Context, tx *Tx, query string, args []any, fn func(id int64, v any), dest any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id, dest); err != nil {
			return err
		}
		fn(id, dest)
	}
	return rows.Err()
}
