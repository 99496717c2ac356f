package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// DifficultyService keeps the difficulties units raise, the coordinator's
// groups of them, and the People's Committee's answers.
type DifficultyService struct{ db *DB }

// NewDifficultyService returns the difficulty service on db.
func NewDifficultyService(db *DB) *DifficultyService { return &DifficultyService{db: db} }

var _ ttdn.DifficultyService = (*DifficultyService)(nil)

func errDifficultyNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy khó khăn, vướng mắc.", "Difficulty not found.")
}

func difficultyResource(d *ttdn.Difficulty) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceDifficulty, Classification: d.Classification, UnitIDs: []int64{d.UnitID}}
}

// FindDifficultyByID returns the difficulty with its group (proposal and
// answer), or ENOTFOUND.
func (s *DifficultyService) FindDifficultyByID(ctx context.Context, id int64) (*ttdn.Difficulty, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := findDifficultyByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, difficultyResource(d), errDifficultyNotFound()); err != nil {
		return nil, err
	}
	if auditsReads(ctx, d.Classification) {
		return d, tx.endAndAuditReads(ctx, []readRecord{{ttdn.ResourceDifficulty, d.ID}})
	}
	return d, nil
}

// FindDifficulties returns one page of the difficulties the user may read
// and their total.
func (s *DifficultyService) FindDifficulties(ctx context.Context, f ttdn.DifficultyFilter) ([]*ttdn.Difficulty, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args, err := difficultyWhere(ctx, tx, f)
	if err != nil {
		return nil, 0, err
	}
	list, err := findDifficulties(ctx, tx, where+difficultyOrder(f.Sort)+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(list), `SELECT COUNT(*) FROM difficulties d WHERE `+where, args...)
	if err != nil {
		return nil, 0, err
	}
	var reads []readRecord
	for _, d := range list {
		if auditsReads(ctx, d.Classification) {
			reads = append(reads, readRecord{ttdn.ResourceDifficulty, d.ID})
		}
	}
	return list, total, tx.endAndAuditReads(ctx, reads)
}

func difficultyOrder(sort ttdn.DifficultySort) string {
	switch sort {
	case ttdn.DifficultyOldest:
		return " ORDER BY d.raised_at, d.id"
	case ttdn.DifficultyByUnit:
		return " ORDER BY (SELECT u.name FROM units u WHERE u.id = d.unit_id), d.raised_at DESC, d.id"
	}
	return " ORDER BY d.raised_at DESC, d.id DESC"
}

func difficultyScope(ctx context.Context) (string, []any) {
	return scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceDifficulty), "d.classification",
		func(ids []int64) (string, []any) {
			return "d.unit_id IN (" + placeholders(len(ids)) + ")", int64Args(ids)
		})
}

func difficultyWhere(ctx context.Context, tx *Tx, f ttdn.DifficultyFilter) (string, []any, error) {
	scope, args := difficultyScope(ctx)
	where := []string{scope}
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if f.ID != nil {
		add("d.id = ?", *f.ID)
	}
	if f.UnitID != nil {
		ids, err := unitSubtree(ctx, tx, *f.UnitID)
		if err != nil {
			return "", nil, err
		}
		add("d.unit_id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
	}
	if f.Status != nil {
		add("d.status = ?", string(*f.Status))
	}
	if f.OpenOnly {
		add("d.status IN ('raised', 'grouped', 'forwarded')")
	}
	if f.GroupID != nil {
		add("d.group_id = ?", *f.GroupID)
	}
	if f.Query != nil && fold(*f.Query) != "" {
		add(`d.search_key LIKE ? ESCAPE '\'`, likeContains(fold(*f.Query)))
	}
	return strings.Join(where, " AND "), args, nil
}

const difficultyColumns = `d.id, d.unit_id, d.plan_id, d.task_id, d.title, d.text, d.classification, d.own_classification, d.status,
	d.group_id, d.raised_by, d.raised_at, d.resolved_at, d.close_note, d.version, d.updated_at`

func scanDifficulty(row rowScanner) (*ttdn.Difficulty, error) {
	d := &ttdn.Difficulty{}
	var status string
	err := row.Scan(&d.ID, &d.UnitID, idScan{&d.PlanID}, idScan{&d.TaskID}, &d.Title, &d.Text, classScan{&d.Classification},
		classScan{&d.OwnClassification}, &status, idScan{&d.GroupID}, &d.RaisedBy, timeScan{&d.RaisedAt}, timeScan{&d.ResolvedAt}, &d.CloseNote, &d.Version,
		timeScan{&d.UpdatedAt})
	d.Status = ttdn.DifficultyStatus(status)
	return d, err
}

func findDifficultyByID(ctx context.Context, tx *Tx, id int64) (*ttdn.Difficulty, error) {
	list, err := findDifficulties(ctx, tx, `d.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errDifficultyNotFound()
	}
	return list[0], nil
}

// findDifficulties loads difficulties and the groups they belong to.
func findDifficulties(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Difficulty, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+difficultyColumns+` FROM difficulties d WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*ttdn.Difficulty
	for rows.Next() {
		d, err := scanDifficulty(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, d)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	var ids []int64
	seen := map[int64]bool{}
	for _, d := range list {
		if d.GroupID != 0 && !seen[d.GroupID] {
			seen[d.GroupID] = true
			ids = append(ids, d.GroupID)
		}
	}
	groups, err := findDifficultyGroupsByID(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	for _, d := range list {
		if d.GroupID != 0 {
			if d.Group = groups[d.GroupID]; d.Group == nil {
				return nil, errDifficultyNotFound()
			}
		}
	}
	return list, nil
}

const difficultyGroupColumns = `id, title, proposal, status, forwarded_to, forward_number, forwarded_on, answer, answer_number,
	answered_on, version, created_at`

// findDifficultyGroup loads a group with its member IDs.
func findDifficultyGroup(ctx context.Context, tx *Tx, id int64) (*ttdn.DifficultyGroup, error) {
	g := &ttdn.DifficultyGroup{}
	var status string
	err := tx.QueryRowContext(ctx, `SELECT `+difficultyGroupColumns+` FROM difficulty_groups WHERE id = ?`, id).Scan(
		&g.ID, &g.Title, &g.Proposal, &status, &g.ForwardedTo, &g.ForwardNumber, dateScan{&g.ForwardedOn}, &g.Answer,
		&g.AnswerNumber, dateScan{&g.AnsweredOn}, &g.Version, timeScan{&g.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errDifficultyNotFound()
	} else if err != nil {
		return nil, err
	}
	g.Status = ttdn.DifficultyStatus(status)
	rows, err := tx.QueryContext(ctx, `SELECT id FROM difficulties WHERE group_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var m int64
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		g.MemberIDs = append(g.MemberIDs, m)
	}
	return g, rows.Err()
}
