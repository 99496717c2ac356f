-- Secrets flow down (issue 10). Keep in step with the other engine's 0012.
--
-- A record is never less classified than what it belongs to. Tasks,
-- activities and difficulties keep the level their author chose in
-- own_classification; classification becomes the level readers are checked
-- against: the highest of its own and its parents' (plan, parent task,
-- linked tasks). sqlstore/inherit.go keeps it so in the transaction of every
-- change; this migration computes it once for the rows already stored.

ALTER TABLE tasks ADD COLUMN own_classification TEXT NOT NULL DEFAULT 'internal';
UPDATE tasks SET own_classification = classification;
ALTER TABLE activities ADD COLUMN own_classification TEXT NOT NULL DEFAULT 'internal';
UPDATE activities SET own_classification = classification;
ALTER TABLE difficulties ADD COLUMN own_classification TEXT NOT NULL DEFAULT 'internal';
UPDATE difficulties SET own_classification = classification;
ALTER TABLE budget_estimates ADD COLUMN classification TEXT NOT NULL DEFAULT 'internal';

-- Tasks take their plan's level...
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND plan_id IN (SELECT id FROM plans WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND plan_id IN (SELECT id FROM plans WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');
UPDATE tasks SET classification = 'secret' WHERE classification <> 'secret'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'secret');
UPDATE tasks SET classification = 'internal' WHERE classification = 'public'
	AND parent_id IN (SELECT id FROM tasks WHERE classification = 'internal');

-- An activity linked to tasks is at least as protected as the least
-- protected of them: linked only to secret tasks, it is secret.
UPDATE activities SET classification = 'secret' WHERE classification <> 'secret'
	AND EXISTS (SELECT 1 FROM activity_tasks x WHERE x.activity_id = activities.id)
	AND NOT EXISTS (SELECT 1 FROM activity_tasks x JOIN tasks t ON t.id = x.task_id
		WHERE x.activity_id = activities.id AND t.classification <> 'secret');
UPDATE activities SET classification = 'internal' WHERE classification = 'public'
	AND EXISTS (SELECT 1 FROM activity_tasks x WHERE x.activity_id = activities.id)
	AND NOT EXISTS (SELECT 1 FROM activity_tasks x JOIN tasks t ON t.id = x.task_id
		WHERE x.activity_id = activities.id AND t.classification = 'public');

-- The dashboard's counts are kept by level: count again.
DELETE FROM activity_month_counts;
DELETE FROM activity_theme_month_counts;
INSERT INTO activity_month_counts (month, classification, type, n)
	SELECT SUBSTR(start_date, 1, 7), classification, type, COUNT(*) FROM activities
	GROUP BY SUBSTR(start_date, 1, 7), classification, type;
INSERT INTO activity_theme_month_counts (month, classification, theme_id, n)
	SELECT SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id, COUNT(*)
	FROM activity_themes x JOIN activities a ON a.id = x.activity_id
	GROUP BY SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id;

-- Difficulties take the level of their plan and task.
UPDATE difficulties SET classification = 'secret' WHERE classification <> 'secret'
	AND (plan_id IN (SELECT id FROM plans WHERE classification = 'secret')
		OR task_id IN (SELECT id FROM tasks WHERE classification = 'secret'));
UPDATE difficulties SET classification = 'internal' WHERE classification = 'public'
	AND (plan_id IN (SELECT id FROM plans WHERE classification <> 'public')
		OR task_id IN (SELECT id FROM tasks WHERE classification <> 'public'));

-- Budget estimates are internal, secret when their plan or a line's task is.
UPDATE budget_estimates SET classification = 'secret'
	WHERE plan_id IN (SELECT id FROM plans WHERE classification = 'secret')
		OR id IN (SELECT l.estimate_id FROM budget_lines l JOIN tasks t ON t.id = l.task_id
			WHERE t.classification = 'secret')
		OR id IN (SELECT l.estimate_id FROM budget_lines l JOIN activities a ON a.id = l.activity_id
			WHERE a.classification = 'secret');
CREATE INDEX budget_estimates_classification_idx ON budget_estimates (classification);
