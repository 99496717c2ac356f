package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// PlanService manages plans and everything a plan holds.
type PlanService struct{ db *DB }

// NewPlanService returns the plan service on db.
func NewPlanService(db *DB) *PlanService { return &PlanService{db: db} }

var _ ttdn.PlanService = (*PlanService)(nil)

func errPlanNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy kế hoạch.", "Plan not found.")
}

// FindPlanByID returns the whole plan — documents, sections, the tasks and
// responsibilities the user may read, schedule, distribution — in a fixed
// number of queries, or ENOTFOUND.
func (s *PlanService) FindPlanByID(ctx context.Context, id int64) (*ttdn.Plan, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findPlanHeader(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	unitIDs, err := findPlanUnitIDs(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	res := ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification, UnitIDs: unitIDs}
	if err := canRead(ctx, res, errPlanNotFound()); err != nil {
		return nil, err
	}
	if err := loadPlanParts(ctx, tx, p); err != nil {
		return nil, err
	}
	p.TaskCount = len(p.Tasks)
	return p, tx.endAndAuditReads(ctx, secretPlanReads(ctx, p))
}

func secretPlanReads(ctx context.Context, p *ttdn.Plan) []readRecord {
	var reads []readRecord
	if auditsReads(ctx, p.Classification) {
		reads = append(reads, readRecord{ttdn.ResourcePlan, p.ID})
	}
	reads = append(reads, secretTaskReads(ctx, p.Tasks)...)
	for _, r := range p.Responsibilities {
		if auditsReads(ctx, r.Classification) {
			reads = append(reads, readRecord{ttdn.ResourceResponsibility, r.ID})
		}
	}
	return reads
}

// FindPlans returns plan headers (no parts) with the number of tasks the
// user may read, newest year first, and their total.
func (s *PlanService) FindPlans(ctx context.Context, f ttdn.PlanFilter) ([]*ttdn.Plan, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := planWhere(ctx, f)
	columns := planColumns
	if f.Choices {
		columns = planChoiceColumns
	}
	counted, qargs := &taskCount{}, args
	if f.NoTaskCount {
		counted = nil
	} else {
		tscope, targs := taskScope(ctx)
		columns += `, (SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id AND t.kind = 'task' AND ` + tscope + `)`
		qargs = append(targs, args...)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+columns+`
		FROM plans p WHERE `+where+` ORDER BY p.year DESC, p.id DESC`+limitClause(f.Limit, f.Offset), qargs...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var plans []*ttdn.Plan
	for rows.Next() {
		p, err := scanPlan(rows, counted)
		if err != nil {
			return nil, 0, err
		}
		plans = append(plans, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	total := len(plans) // a plan asked for by id: that one or none
	if f.ID == nil || f.Offset > 0 {
		if total, err = listTotal(ctx, tx, f.Limit, f.Offset, len(plans), `SELECT COUNT(*) FROM plans p WHERE `+where, args...); err != nil {
			return nil, 0, err
		}
	}
	return plans, total, tx.endAndAuditReads(ctx, secretHeaderReads(ctx, plans))
}

func secretHeaderReads(ctx context.Context, plans []*ttdn.Plan) []readRecord {
	var reads []readRecord
	for _, p := range plans {
		if auditsReads(ctx, p.Classification) {
			reads = append(reads, readRecord{ttdn.ResourcePlan, p.ID})
		}
	}
	return reads
}

// taskCount marks that a scanned plan row ends with its task count.
type taskCount struct{}

// planScope is the read scope on plans aliased p: a plan involves the units
// named on its tasks and responsibilities.
func planScope(ctx context.Context) (string, []any) {
	return scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourcePlan), "p.classification",
		func(ids []int64) (string, []any) {
			in := placeholders(len(ids))
			return `(EXISTS (SELECT 1 FROM task_units s JOIN tasks st ON st.id = s.task_id
					WHERE st.plan_id = p.id AND s.unit_id IN (` + in + `))
				OR EXISTS (SELECT 1 FROM responsibility_units s JOIN responsibilities sr ON sr.id = s.responsibility_id
					WHERE sr.plan_id = p.id AND s.unit_id IN (` + in + `)))`,
				append(int64Args(ids), int64Args(ids)...)
		})
}

func planWhere(ctx context.Context, f ttdn.PlanFilter) (string, []any) {
	scope, args := planScope(ctx)
	where := []string{scope}
	if f.ID != nil {
		where, args = append(where, "p.id = ?"), append(args, *f.ID)
	}
	if f.Year != nil {
		where, args = append(where, "p.year = ?"), append(args, *f.Year)
	}
	if f.Status != nil {
		where, args = append(where, "p.status = ?"), append(args, string(*f.Status))
	}
	if f.Query != nil && fold(*f.Query) != "" {
		where, args = append(where, `p.search_key LIKE ? ESCAPE '\'`), append(args, likeContains(fold(*f.Query)))
	}
	return strings.Join(where, " AND "), args
}

const planColumns = `p.id, p.number, p.kind, p.title, p.year, p.issuer, p.place, p.issued_on, p.signer,
	p.signer_title, p.objectives, p.requirements, p.content_directions, p.closing, p.budget, p.status,
	p.classification, p.version, p.created_at, p.updated_at, p.year_to, p.decision_number, p.decision_kind,
	p.decision_date, p.decision_issuer, p.decision_title, p.decision_signer, p.decision_signer_title`

// planChoiceColumns are planColumns with the text lists left empty
// (PlanFilter.Choices): decoding them was a tenth of the dashboard.
var planChoiceColumns = strings.Replace(planColumns, "p.objectives, p.requirements, p.content_directions, p.closing",
	"NULL, NULL, NULL, NULL", 1)

// scanPlan scans planColumns, followed by a task count when counted != nil.
func scanPlan(row rowScanner, counted *taskCount) (*ttdn.Plan, error) {
	p := &ttdn.Plan{}
	var status string
	var d ttdn.Decision
	dest := []any{&p.ID, &p.Number, &p.Kind, &p.Title, &p.Year, &p.Issuer, &p.Place, dateScan{&p.IssuedOn},
		&p.Signer, &p.SignerTitle, jsonScan{&p.Objectives}, jsonScan{&p.Requirements},
		jsonScan{&p.ContentDirections}, jsonScan{&p.Closing}, &p.Budget, &status, classScan{&p.Classification},
		&p.Version, timeScan{&p.CreatedAt}, timeScan{&p.UpdatedAt}, &p.YearTo, &d.Number, &d.Kind,
		dateScan{&d.Date}, &d.Issuer, &d.Title, &d.Signer, &d.SignerTitle}
	if counted != nil {
		dest = append(dest, &p.TaskCount)
	}
	err := row.Scan(dest...)
	p.Status = ttdn.PlanStatus(status)
	if d.Number != "" || d.Title != "" {
		p.Decision = &d
	}
	return p, err
}

// decisionArgs are the decision columns of p, empty when it has none.
func decisionArgs(p *ttdn.Plan) []any {
	d := p.Decision
	if d == nil {
		d = &ttdn.Decision{}
	}
	return []any{d.Number, d.Kind, dateArg(d.Date), d.Issuer, d.Title, d.Signer, d.SignerTitle}
}

func findPlanHeader(ctx context.Context, tx *Tx, id int64) (*ttdn.Plan, error) {
	p, err := scanPlan(tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans p WHERE p.id = ?`, id), nil)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errPlanNotFound()
	}
	return p, err
}

// findPlanUnitIDs returns the units named on the plan's tasks and
// responsibilities, whatever their classification: the policy's view of
// what the plan involves.
func findPlanUnitIDs(ctx context.Context, tx *Tx, planID int64) ([]int64, error) {
	return queryIDs(ctx, tx, `SELECT s.unit_id FROM task_units s JOIN tasks t ON t.id = s.task_id
		WHERE t.plan_id = ? AND s.unit_id IS NOT NULL
		UNION SELECT s.unit_id FROM responsibility_units s JOIN responsibilities r ON r.id = s.responsibility_id
		WHERE r.plan_id = ? AND s.unit_id IS NOT NULL`, planID, planID)
}
