package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// TaskService manages the tasks of plans.
type TaskService struct{ db *DB }

// NewTaskService returns the task service on db.
func NewTaskService(db *DB) *TaskService { return &TaskService{db: db} }

var _ ttdn.TaskService = (*TaskService)(nil)

func errTaskNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy nhiệm vụ.", "Task not found.")
}

func taskResource(t *ttdn.Task) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceTask, Classification: t.Classification, UnitIDs: t.UnitIDs()}
}

// FindTaskByID returns the task with its units, or ENOTFOUND.
func (s *TaskService) FindTaskByID(ctx context.Context, id int64) (*ttdn.Task, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, err := findTaskByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := canRead(ctx, taskResource(t), errTaskNotFound()); err != nil {
		return nil, err
	}
	if auditsReads(ctx, t.Classification) {
		return t, tx.endAndAuditReads(ctx, []readRecord{{ttdn.ResourceTask, t.ID}})
	}
	return t, nil
}

// FindTasks returns the tasks the filter selects and the user may read, in
// plan order, and their total.
func (s *TaskService) FindTasks(ctx context.Context, f ttdn.TaskFilter) ([]*ttdn.Task, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	var total int
	if !f.NoTotal {
		filter, fargs := taskFilterWhere(f)
		if total, err = countParts(ctx, tx, "tasks t", taskScopeParts(ctx), filter, fargs); err != nil {
			return nil, 0, err
		}
	}
	where, args := taskWhere(ctx, f)
	find := findTasks
	if f.Choices {
		find = findTaskRows
	}
	var tasks []*ttdn.Task
	if f.NewestPlansFirst {
		tasks, err = findNewestPlansFirst(ctx, tx, find, where, args, f.Limit)
	} else {
		tasks, err = find(ctx, tx, where+` ORDER BY t.plan_id, t.position, t.id`+limitClause(f.Limit, f.Offset), args...)
	}
	if err != nil {
		return nil, 0, err
	}
	return tasks, total, tx.endAndAuditReads(ctx, secretTaskReads(ctx, tasks))
}

// findNewestPlansFirst reads the tasks of where plan by plan, the newest
// year first, until limit (0: no limit) is reached. One indexed read per
// plan stops at the limit; a single statement ordered by the plan's year
// had to read and sort every readable task of every year.
func findNewestPlansFirst(ctx context.Context, tx *Tx, find func(context.Context, *Tx, string, ...any) ([]*ttdn.Task, error),
	where string, args []any, limit int) ([]*ttdn.Task, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM plans ORDER BY year DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	var plans []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		plans = append(plans, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var tasks []*ttdn.Task
	for _, id := range plans {
		rest := 0
		if limit > 0 {
			if rest = limit - len(tasks); rest <= 0 {
				break
			}
		}
		more, err := find(ctx, tx, where+` AND t.plan_id = ? ORDER BY t.position, t.id`+limitClause(rest, 0), append(args[:len(args):len(args)], id)...)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, more...)
	}
	return tasks, nil
}

// taskScope is the read scope of the acting user on tasks aliased t.
func taskScope(ctx context.Context) (string, []any) {
	return scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceTask), "t.classification", taskInvolves)
}

// taskScopeParts is taskScope in disjoint parts, for counting.
func taskScopeParts(ctx context.Context) []scopePart {
	return scopeParts(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceTask), "t.classification", taskInvolves)
}

// taskInvolves matches tasks naming one of ids directly (the policy's view
// of a task's units: groups are not expanded).
func taskInvolves(ids []int64) (string, []any) {
	return "t.id IN (SELECT s.task_id FROM task_units s WHERE s.unit_id IN (" + placeholders(len(ids)) + "))", int64Args(ids)
}

// taskWhere is the read scope and the condition of f.
func taskWhere(ctx context.Context, f ttdn.TaskFilter) (string, []any) {
	scope, args := taskScope(ctx)
	filter, fargs := taskFilterWhere(f)
	return scope + and(filter), append(args, fargs...)
}

// taskFilterWhere is the condition of f without the read scope ("" for none).
func taskFilterWhere(f ttdn.TaskFilter) (string, []any) {
	var where []string
	var args []any
	if f.ID != nil {
		where, args = append(where, "t.id = ?"), append(args, *f.ID)
	}
	if f.PlanID != nil {
		where, args = append(where, "t.plan_id = ?"), append(args, *f.PlanID)
	}
	if f.Status != nil {
		where, args = append(where, "t.status = ?"), append(args, string(*f.Status))
	}
	if f.Kind != nil {
		where, args = append(where, "t.kind = ?"), append(args, string(*f.Kind))
	}
	if f.ParentID != nil {
		where, args = append(where, "t.parent_id = ?"), append(args, *f.ParentID)
	}
	if f.UnitID != nil || f.Role != nil {
		cond, uargs := taskUnitMatch(f.UnitID, f.Role)
		where, args = append(where, cond), append(args, uargs...)
	}
	return strings.Join(where, " AND "), args
}

// taskUnitMatch selects tasks naming the unit directly or through a group it
// belongs to, optionally in one role. The two ways are a UNION of indexed
// lookups (task_units by unit, by group): an OR inside a correlated EXISTS
// would probe the links of every task instead.
func taskUnitMatch(unitID *int64, role *ttdn.TaskRole) (string, []any) {
	roleCond, roleArgs := "", []any(nil)
	if role != nil {
		roleCond, roleArgs = " AND f.role = ?", []any{string(*role)}
	}
	if unitID == nil {
		return "t.id IN (SELECT f.task_id FROM task_units f WHERE 1 = 1" + roleCond + ")", roleArgs
	}
	args := append(append([]any{*unitID}, roleArgs...), *unitID)
	return "t.id IN (SELECT f.task_id FROM task_units f WHERE f.unit_id = ?" + roleCond + `
		UNION SELECT f.task_id FROM task_units f JOIN unit_group_members m ON m.group_id = f.group_id
		WHERE m.unit_id = ?` + roleCond + ")", append(args, roleArgs...)
}

const taskColumns = `t.id, t.plan_id, t.ref, t.title, t.body, t.deadline, t.deadline_text, t.status, t.percent,
	t.classification, t.own_classification, t.version, t.updated_at, t.kind, t.responsibility_id, t.parent_id, t.recurrence,
	t.last_update_at, t.product`

func scanTask(row rowScanner) (*ttdn.Task, error) {
	t := &ttdn.Task{}
	var status, kind, recurrence string
	err := row.Scan(&t.ID, &t.PlanID, &t.Ref, &t.Title, &t.Body, dateScan{&t.Deadline}, &t.DeadlineText, &status,
		&t.Percent, classScan{&t.Classification}, classScan{&t.OwnClassification}, &t.Version, timeScan{&t.UpdatedAt}, &kind,
		idScan{&t.ResponsibilityID}, idScan{&t.ParentID}, &recurrence, timeScan{&t.LastUpdateAt}, &t.Product)
	t.Status, t.Kind = ttdn.TaskStatus(status), ttdn.TaskKind(kind)
	if err == nil {
		t.Recurrence, err = ttdn.ParseRecurrence(recurrence)
	}
	return t, err
}

func findTaskByID(ctx context.Context, tx *Tx, id int64) (*ttdn.Task, error) {
	t, err := scanTask(tx.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks t WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errTaskNotFound()
	} else if err != nil {
		return nil, err
	}
	return t, loadTaskUnits(ctx, tx, []*ttdn.Task{t})
}

// findTasks returns tasks with their units in two queries.
func findTasks(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Task, error) {
	tasks, err := findTaskRows(ctx, tx, whereOrder, args...)
	if err != nil {
		return nil, err
	}
	return tasks, loadTaskUnits(ctx, tx, tasks)
}

// findTaskRows is findTasks without the tasks' units.
func findTaskRows(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Task, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+taskColumns+` FROM tasks t WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tasks []*ttdn.Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, t)
	}
	return tasks, rows.Err()
}

// loadTaskUnits fills Lead, Executing and Coordinating of tasks in one query.
func loadTaskUnits(ctx context.Context, tx *Tx, tasks []*ttdn.Task) error {
	if len(tasks) == 0 {
		return nil
	}
	byID := make(map[int64]*ttdn.Task, len(tasks))
	ids := make([]any, len(tasks))
	for i, t := range tasks {
		byID[t.ID], ids[i] = t, t.ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT x.task_id, x.role, `+refColumns+` FROM task_units x`+refJoins+`
		WHERE x.task_id IN (`+placeholders(len(ids))+`) ORDER BY x.task_id, x.role, x.position`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var taskID int64
		var role string
		dest, ref := refScan()
		if err := rows.Scan(append([]any{&taskID, &role}, dest...)...); err != nil {
			return err
		}
		if t := byID[taskID]; t != nil {
			addTaskRef(t, ttdn.TaskRole(role), ref())
		}
	}
	return rows.Err()
}

func addTaskRef(t *ttdn.Task, role ttdn.TaskRole, r ttdn.UnitRef) {
	switch role {
	case ttdn.RoleLead:
		t.Lead = append(t.Lead, r)
	case ttdn.RoleExecuting:
		t.Executing = append(t.Executing, r)
	case ttdn.RoleCoordinating:
		t.Coordinating = append(t.Coordinating, r)
	}
}

// secretTaskReads lists the secret tasks among tasks, for the audit log.
func secretTaskReads(ctx context.Context, tasks []*ttdn.Task) []readRecord {
	var reads []readRecord
	for _, t := range tasks {
		if auditsReads(ctx, t.Classification) {
			reads = append(reads, readRecord{ttdn.ResourceTask, t.ID})
		}
	}
	return reads
}
