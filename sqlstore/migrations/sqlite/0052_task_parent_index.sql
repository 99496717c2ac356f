-- Sub-tasks of a task by an index of the tasks that have a parent (issue 15).
-- Where few tasks have one, ANALYZE (the bulk loader runs it) records the
-- whole-table index on parent_id as matching every row — its NULLs count as
-- one value — and SQLite then scanned all tasks, twice, for every task view
-- (the count and the rows of "its sub-tasks"). `parent_id = ?` implies
-- `parent_id IS NOT NULL`, so the partial index serves those queries and its
-- statistics see only real parents. Keep in step with the other engine's 0052.
CREATE INDEX tasks_parent_nn_idx ON tasks (parent_id) WHERE parent_id IS NOT NULL;
