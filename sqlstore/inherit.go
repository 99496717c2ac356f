package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"ttdn"
)

// Secrets flow down: a record is never less classified than what it belongs
// to. Tasks, activities and difficulties keep the level their author set in
// own_classification; classification holds the level every read path checks
// (the policy, list scopes, counts), the highest of the record's own and its
// parents'. The functions here recompute it in the transaction of every
// change that can move it, so a plan made secret hides its tasks, their
// activities, difficulties and estimates at the commit that made it so.
// Derived levels change no version: nobody's edit conflicts with them.

// chunk is how many ids one IN (...) list carries.
const chunk = 500

// reclassifyPlan recomputes the level of every task of plan planID from the
// plan, the parent task and the task's own, then of everything inheriting
// from the tasks whose level moved and of the plan's difficulties and
// budget estimates.
func reclassifyPlan(ctx context.Context, tx *Tx, planID int64) error {
	var planLevel ttdn.Classification
	if err := tx.QueryRowContext(ctx, `SELECT classification FROM plans WHERE id = ?`, planID).
		Scan(classScan{&planLevel}); err != nil {
		return err
	}
	nodes, changed, err := changedTaskLevels(ctx, tx, planID, planLevel)
	if err != nil {
		return err
	}
	if tx.db.engine == EnginePostgres {
		// The tasks to change are locked (their levels, then their rows)
		// and their levels computed again from what is committed once they
		// are ours: a level computed before another transaction's change
		// of a sub-task's own level committed was written over it (the
		// sub-task below its own level). A task found to change only then
		// is locked in turn.
		locked := map[int64]bool{}
		for round := 0; ; round++ {
			var more []int64
			for _, id := range changed {
				if !locked[id] {
					more, locked[id] = append(more, id), true
				}
			}
			if len(more) == 0 {
				break
			} else if round == 8 {
				return errConflict() // levels moving under it all along
			}
			if err := lockTaskLevels(ctx, tx, more, true); err != nil {
				return err
			} else if _, err := queryIDs(ctx, tx, `SELECT id FROM tasks WHERE id IN (`+placeholders(len(more))+`)
				ORDER BY id FOR NO KEY UPDATE`, int64Args(more)...); err != nil {
				return err
			}
			if nodes, changed, err = changedTaskLevels(ctx, tx, planID, planLevel); err != nil {
				return err
			}
		}
	}
	for _, id := range changed {
		if _, err := tx.exec(ctx, `UPDATE tasks SET classification = ? WHERE id = ?`, nodes[id].eff.String(), id); err != nil {
			return err
		}
	}
	moved, err := reclassifyActivitiesOfTasks(ctx, tx, changed)
	if err != nil {
		return err
	} else if err := reclassifyDifficulties(ctx, tx, `d.plan_id = ? OR d.task_id IN (SELECT id FROM tasks WHERE plan_id = ?)`,
		planID, planID); err != nil {
		return err
	}
	// The plan's estimates, those with a line on its tasks and those with a
	// line on an activity whose level moved, in one sweep in id order: two
	// sweeps (the activities' first) locked estimates in two orders, and
	// two level changes deadlocked (TestConcurrentLevelsFlowDown).
	where, args := `plan_id = ? OR id IN (SELECT l.estimate_id FROM budget_lines l
		JOIN tasks t ON t.id = l.task_id WHERE t.plan_id = ?)`, []any{planID, planID}
	for part := range slices.Chunk(moved, chunk) {
		where += ` OR id IN (SELECT estimate_id FROM budget_lines WHERE activity_id IN (` + placeholders(len(part)) + `))`
		args = append(args, int64Args(part)...)
	}
	return reclassifyBudgets(ctx, tx, where, args...)
}

// changedTaskLevels loads the levels of plan planID's tasks and returns
// them with the ids, in order, of those whose stored level is not their
// effective one.
func changedTaskLevels(ctx context.Context, tx *Tx, planID int64, planLevel ttdn.Classification) (map[int64]*taskLevel, []int64, error) {
	nodes, err := loadTaskLevels(ctx, tx, planID)
	if err != nil {
		return nil, nil, err
	}
	var changed []int64
	for id, n := range nodes {
		if eff := n.effective(nodes, planLevel, 0); eff != n.stored {
			changed = append(changed, id)
		}
	}
	slices.Sort(changed) // one order, so PostgreSQL writers never deadlock
	return nodes, changed, nil
}

// taskLevel is one task's place in the computation.
type taskLevel struct {
	parent      int64
	own, stored ttdn.Classification
	eff         ttdn.Classification
	done        bool
}

func loadTaskLevels(ctx context.Context, tx *Tx, planID int64) (map[int64]*taskLevel, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, parent_id, own_classification, classification FROM tasks WHERE plan_id = ?`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	nodes := map[int64]*taskLevel{}
	for rows.Next() {
		var id int64
		n := &taskLevel{}
		if err := rows.Scan(&id, idScan{&n.parent}, classScan{&n.own}, classScan{&n.stored}); err != nil {
			return nil, err
		}
		nodes[id] = n
	}
	return nodes, rows.Err()
}

// effective is the highest of the task's own level, the plan's and its
// parent's effective level (depth-guarded: parents never form a cycle, but
// a broken row must not hang a write).
func (n *taskLevel) effective(nodes map[int64]*taskLevel, plan ttdn.Classification, depth int) ttdn.Classification {
	if n.done {
		return n.eff
	}
	n.eff = ttdn.Highest(n.own, plan)
	if p, ok := nodes[n.parent]; ok && depth < 64 {
		n.eff = ttdn.Highest(n.eff, p.effective(nodes, plan, depth+1))
	}
	n.done = true
	return n.eff
}

// reclassifyActivitiesOfTasks recomputes the activities carrying out any
// of taskIDs and returns those whose level moved: the estimates with a line
// on them are the caller's to recompute.
func reclassifyActivitiesOfTasks(ctx context.Context, tx *Tx, taskIDs []int64) ([]int64, error) {
	var ids []int64
	for part := range slices.Chunk(taskIDs, chunk) {
		got, err := queryIDs(ctx, tx, `SELECT DISTINCT activity_id FROM activity_tasks WHERE task_id IN (`+
			placeholders(len(part))+`)`, int64Args(part)...)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if tx.db.engine == EnginePostgres {
		// Locked before their levels and counts are read, in one order: an
		// edit or a delete committing between that read and the UPDATE
		// below was counted out twice (the count tables drifted) or was
		// gone (sql.ErrNoRows failed the task's change) —
		// TestConcurrentWritesKeepLockOrder. SQLite has one writer.
		locked := make([]int64, 0, len(ids))
		for part := range slices.Chunk(ids, chunk) {
			got, err := queryIDs(ctx, tx, `SELECT id FROM activities WHERE id IN (`+placeholders(len(part))+`)
				ORDER BY id FOR UPDATE`, int64Args(part)...)
			if err != nil {
				return nil, err
			}
			locked = append(locked, got...)
		}
		ids = locked
	}
	if len(ids) == 0 {
		return nil, nil
	}
	counts := activityCounts{}
	var moved []int64
	for part := range slices.Chunk(ids, chunk) {
		levels, err := activityLevels(ctx, tx, part)
		if err != nil {
			return nil, err
		}
		for _, id := range part {
			l := levels[id]
			if l == nil || l.eff == l.stored {
				continue
			}
			if err := counts.addStored(ctx, tx, id, -1); err != nil {
				return nil, err
			} else if _, err := tx.exec(ctx, `UPDATE activities SET classification = ? WHERE id = ?`, l.eff.String(), id); err != nil {
				return nil, err
			} else if _, err := tx.exec(ctx, `UPDATE activity_units SET classification = ? WHERE activity_id = ?`, l.eff.String(), id); err != nil {
				return nil, err // the level kept beside the units (0056)
			} else if err := counts.addStored(ctx, tx, id, +1); err != nil {
				return nil, err
			}
			moved = append(moved, id)
		}
	}
	return moved, counts.apply(ctx, tx)
}

// activityLevel is an activity's own, stored and effective level.
type activityLevel struct {
	own, stored, eff ttdn.Classification
	tasks            []ttdn.Classification
}

// activityLevels loads the levels of activities ids (at most chunk) and of
// the tasks they carry out, and computes each one's effective level.
func activityLevels(ctx context.Context, tx *Tx, ids []int64) (map[int64]*activityLevel, error) {
	out := map[int64]*activityLevel{}
	rows, err := tx.QueryContext(ctx, `SELECT id, own_classification, classification FROM activities WHERE id IN (`+
		placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		l := &activityLevel{}
		if err := rows.Scan(&id, classScan{&l.own}, classScan{&l.stored}); err != nil {
			return nil, err
		}
		out[id] = l
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	links, err := tx.QueryContext(ctx, `SELECT x.activity_id, t.classification FROM activity_tasks x
		JOIN tasks t ON t.id = x.task_id WHERE x.activity_id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer links.Close()
	for links.Next() {
		var id int64
		var c ttdn.Classification
		if err := links.Scan(&id, classScan{&c}); err != nil {
			return nil, err
		}
		if l := out[id]; l != nil {
			l.tasks = append(l.tasks, c)
		}
	}
	for _, l := range out {
		l.eff = ttdn.ActivityLevel(l.own, l.tasks)
	}
	return out, links.Err()
}

// taskLevels returns the stored (effective) level of each of ids that
// exists.
func taskLevels(ctx context.Context, tx *Tx, ids []int64) ([]ttdn.Classification, error) {
	var out []ttdn.Classification
	for part := range slices.Chunk(dedupe(ids), chunk) {
		rows, err := tx.QueryContext(ctx, `SELECT classification FROM tasks WHERE id IN (`+placeholders(len(part))+`)`,
			int64Args(part)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c ttdn.Classification
			if err := rows.Scan(classScan{&c}); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// setActivityLevel fills a.Classification from a.OwnClassification and the
// tasks a carries out, before a is written.
func setActivityLevel(ctx context.Context, tx *Tx, a *ttdn.Activity) error {
	levels, err := taskLevels(ctx, tx, a.TaskIDs)
	if err != nil {
		return err
	}
	a.Classification = ttdn.ActivityLevel(a.OwnClassification, levels)
	return nil
}

// reclassifyDifficulties recomputes the difficulties (aliased d) where
// selects, from their own level, their plan's and their task's.
//
// On PostgreSQL they are locked first, in id order, and their parents'
// levels read after, as for activities and estimates: a level read before
// another transaction's change of another parent committed was written
// over that transaction's.
func reclassifyDifficulties(ctx context.Context, tx *Tx, where string, args ...any) error {
	if tx.db.engine == EnginePostgres {
		if _, err := queryIDs(ctx, tx, `SELECT d.id FROM difficulties d WHERE `+where+` ORDER BY d.id FOR UPDATE`, args...); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.own_classification, d.classification, p.classification, t.classification
		FROM difficulties d LEFT JOIN plans p ON p.id = d.plan_id LEFT JOIN tasks t ON t.id = d.task_id
		WHERE `+where+` ORDER BY d.id`, args...)
	if err != nil {
		return err
	}
	type change struct {
		id  int64
		eff ttdn.Classification
	}
	var changes []change
	for rows.Next() {
		var id int64
		var own, stored ttdn.Classification
		var plan, task sql.NullString
		if err := rows.Scan(&id, classScan{&own}, classScan{&stored}, &plan, &task); err != nil {
			rows.Close()
			return err
		}
		eff := ttdn.Highest(own, levelOrPublic(plan), levelOrPublic(task))
		if eff != stored {
			changes = append(changes, change{id, eff})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range changes {
		if _, err := tx.exec(ctx, `UPDATE difficulties SET classification = ? WHERE id = ?`, c.eff.String(), c.id); err != nil {
			return err
		}
	}
	return nil
}

// difficultyLevel is the level a difficulty is read at, before it is
// written.
func difficultyLevel(ctx context.Context, tx *Tx, d *ttdn.Difficulty) error {
	levels := []ttdn.Classification{d.OwnClassification}
	for _, ref := range []struct {
		table string
		id    int64
	}{{"plans", d.PlanID}, {"tasks", d.TaskID}} {
		if ref.id == 0 {
			continue
		}
		var c sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT classification FROM `+ref.table+` WHERE id = ?`, ref.id).Scan(&c)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		levels = append(levels, levelOrPublic(c))
	}
	d.Classification = ttdn.Highest(levels...)
	return nil
}

// levelOrPublic reads a level code of a row that may be absent (a LEFT
// JOIN's NULL adds nothing).
func levelOrPublic(code sql.NullString) ttdn.Classification {
	if !code.Valid {
		return ttdn.Public
	}
	c, err := ttdn.ParseClassification(code.String)
	if err != nil {
		return ttdn.Secret // an unknown code protects
	}
	return c
}

// budgetLevel is the level of the estimate budget_estimates: internal, or
// secret when its plan, a line's task or a line's activity is secret.
const budgetLevel = `CASE WHEN
		plan_id IN (SELECT id FROM plans WHERE classification = 'secret')
		OR EXISTS (SELECT 1 FROM budget_lines l JOIN tasks t ON t.id = l.task_id
			WHERE l.estimate_id = budget_estimates.id AND t.classification = 'secret')
		OR EXISTS (SELECT 1 FROM budget_lines l JOIN activities a ON a.id = l.activity_id
			WHERE l.estimate_id = budget_estimates.id AND a.classification = 'secret')
		THEN 'secret' ELSE 'internal' END`

// reclassifyBudgets recomputes the estimates where selects (budgetLevel).
//
// On PostgreSQL they are locked first, in id order, and only then
// recomputed and written, by a statement whose snapshot is taken once they
// are ours: one UPDATE over the whole selection locked them in the order of
// its plan, and two level changes sharing estimates deadlocked; and a
// level computed by a statement that had waited for another transaction's
// lock on the row was computed from what that statement saw before the
// wait, so two changes of two of an estimate's parents could leave it at
// the first one's level (TestConcurrentLevelsFlowDown). SQLite has one
// writer.
func reclassifyBudgets(ctx context.Context, tx *Tx, where string, args ...any) error {
	if tx.db.engine != EnginePostgres {
		_, err := tx.exec(ctx, `UPDATE budget_estimates SET classification = `+budgetLevel+` WHERE `+where, args...)
		return err
	}
	ids, err := queryIDs(ctx, tx, `SELECT id FROM budget_estimates WHERE `+where+` ORDER BY id FOR UPDATE`, args...)
	if err != nil {
		return err
	}
	for part := range slices.Chunk(ids, chunk) {
		if _, err := tx.exec(ctx, `UPDATE budget_estimates SET classification = `+budgetLevel+`
			WHERE id IN (`+placeholders(len(part))+`) AND classification <> `+budgetLevel, int64Args(part)...); err != nil {
			return err
		}
	}
	return nil
}

// reclassifyBudgetsOfActivities recomputes the estimates with a line
// naming one of activityIDs.
func reclassifyBudgetsOfActivities(ctx context.Context, tx *Tx, activityIDs []int64) error {
	for part := range slices.Chunk(activityIDs, chunk) {
		if err := reclassifyBudgets(ctx, tx, `id IN (SELECT estimate_id FROM budget_lines WHERE activity_id IN (`+
			placeholders(len(part))+`))`, int64Args(part)...); err != nil {
			return err
		}
	}
	return nil
}

// reclassifyPlanIf reclassifies the plan's children when an edit changed
// the plan's level.
func reclassifyPlanIf(ctx context.Context, tx *Tx, before, after *ttdn.Plan) error {
	if before.Classification == after.Classification {
		return nil
	}
	return reclassifyPlan(ctx, tx, after.ID)
}

// refreshTaskLevels reads back the effective level of tasks just written.
func refreshTaskLevels(ctx context.Context, tx *Tx, tasks []*ttdn.Task) error {
	byID := map[int64]*ttdn.Task{}
	var ids []int64
	for _, t := range tasks {
		byID[t.ID] = t
		ids = append(ids, t.ID)
	}
	for part := range slices.Chunk(ids, chunk) {
		rows, err := tx.QueryContext(ctx, `SELECT id, classification, own_classification FROM tasks WHERE id IN (`+
			placeholders(len(part))+`)`, int64Args(part)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var eff, own ttdn.Classification
			if err := rows.Scan(&id, classScan{&eff}, classScan{&own}); err != nil {
				rows.Close()
				return err
			}
			byID[id].Classification, byID[id].OwnClassification = eff, own
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// firstUnreadableTask returns the first of ids that does not exist or that
// the acting user may not read (0 when all are readable): a record can only
// be linked to a task its author can see, and a hidden task answers exactly
// as a missing one, so linking reveals nothing.
func firstUnreadableTask(ctx context.Context, tx *Tx, ids []int64) (int64, error) {
	for _, id := range dedupe(ids) {
		t, err := findTaskByID(ctx, tx, id)
		if ttdn.ErrorCode(err) == ttdn.ENOTFOUND {
			return id, nil
		} else if err != nil {
			return 0, err
		}
		if !ttdn.Can(ttdn.UserFromContext(ctx), ttdn.ActionRead, taskResource(t)) {
			return id, nil
		}
	}
	return 0, nil
}

// allTaskLevels maps every task to its level, for bulk loads.
func allTaskLevels(ctx context.Context, tx *Tx) (map[int64]ttdn.Classification, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, classification FROM tasks`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]ttdn.Classification{}
	for rows.Next() {
		var id int64
		var c ttdn.Classification
		if err := rows.Scan(&id, classScan{&c}); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// firstUnreadablePlan returns id when plan id does not exist or the acting
// user may not read it, 0 otherwise.
func firstUnreadablePlan(ctx context.Context, tx *Tx, id int64) (int64, error) {
	_, res, err := planResource(ctx, tx, id)
	if ttdn.ErrorCode(err) == ttdn.ENOTFOUND {
		return id, nil
	} else if err != nil {
		return 0, err
	}
	if !ttdn.Can(ttdn.UserFromContext(ctx), ttdn.ActionRead, res) {
		return id, nil
	}
	return 0, nil
}

// firstUnreadableActivity is firstUnreadableTask for activities.
func firstUnreadableActivity(ctx context.Context, tx *Tx, ids []int64) (int64, error) {
	for _, id := range dedupe(ids) {
		a, err := findActivityByID(ctx, tx, id)
		if ttdn.ErrorCode(err) == ttdn.ENOTFOUND {
			return id, nil
		} else if err != nil {
			return 0, err
		}
		if !ttdn.Can(ttdn.UserFromContext(ctx), ttdn.ActionRead, activityResource(a)) {
			return id, nil
		}
	}
	return 0, nil
}

// refreshBudgetLevel recomputes estimate e's level after its lines were
// written and reads it back.
func refreshBudgetLevel(ctx context.Context, tx *Tx, e *ttdn.BudgetEstimate) error {
	if err := reclassifyBudgets(ctx, tx, `id = ?`, e.ID); err != nil {
		return err
	}
	return tx.QueryRowContext(ctx, `SELECT classification FROM budget_estimates WHERE id = ?`, e.ID).
		Scan(classScan{&e.Classification})
}

// shareParents takes, on PostgreSQL, a share lock on the levels of the
// plans, tasks and activities a record about to be written belongs to (ids
// of 0 and missing rows are skipped), so that its level is computed from
// theirs as they will be at its commit. Secrets flow down: a writer that
// read a task's level while another transaction was raising it, and wrote
// its activity at the old level, was missed by that transaction's
// re-levelling, which could not see the uncommitted activity — the
// activity stayed below its task (TestConcurrentLevelsFlowDown). With the
// lock, the writer waits for a level change under way and reads the new
// level, and a level change waits for the writers that read the old one
// before it re-levels, and then sees their records.
//
// Plans and activities are locked by their rows (FOR SHARE: a level change
// updates them first). Tasks are locked by an advisory lock on their level
// (lockTaskLevels), not their rows: progress reports write a sub-task's row
// and then its parents' (deriveAncestors), against id order, and a writer
// holding a share lock on a parent's row while waiting for its sub-task's
// deadlocked with them.
//
// Writers take these locks first, before any row of their own: plans, then
// tasks, then activities, each in id order — the order in which a level
// change takes them (reclassifyPlan) — and before the audit head (at
// commit), so PostgreSQL finds no deadlock. SQLite has one writer.
func shareParents(ctx context.Context, tx *Tx, plans, tasks, activities []int64) error {
	if tx.db.engine != EnginePostgres {
		return nil
	}
	sorted := func(ids []int64) []int64 {
		ids = slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id == 0 })
		slices.Sort(ids)
		return slices.Compact(ids)
	}
	for _, ref := range []struct {
		table string
		ids   []int64
	}{{"plans", plans}, {"tasks", tasks}, {"activities", activities}} {
		ids := sorted(ref.ids)
		if ref.table == "tasks" {
			if err := lockTaskLevels(ctx, tx, ids, false); err != nil {
				return err
			}
			continue
		}
		for part := range slices.Chunk(ids, chunk) {
			if _, err := queryIDs(ctx, tx, `SELECT id FROM `+ref.table+` WHERE id IN (`+placeholders(len(part))+`)
				ORDER BY id FOR SHARE`, int64Args(part)...); err != nil {
				return err
			}
		}
	}
	return nil
}

// taskLevelLock is the high bits of the advisory lock key of a task's
// level ("tlv"); a task's id is the low 40.
const taskLevelLock = 0x746c76 << 40

// lockTaskLevels takes, on PostgreSQL, the advisory lock of the level of
// each of ids (sorted), until the transaction ends: shared by writers that
// read the levels (shareParents), exclusive by a change of them
// (reclassifyPlan).
func lockTaskLevels(ctx context.Context, tx *Tx, ids []int64, exclusive bool) error {
	if tx.db.engine != EnginePostgres {
		return nil
	}
	fn := "pg_advisory_xact_lock_shared"
	if exclusive {
		fn = "pg_advisory_xact_lock"
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `SELECT `+fn+`(?)`, int64(taskLevelLock)|id); err != nil {
			return err
		}
	}
	return nil
}
