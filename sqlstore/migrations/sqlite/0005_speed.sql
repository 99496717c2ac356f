-- Indexes for the large-province list and dashboard queries (issue 3).

-- FindPlans counts each plan's readable tasks: with the classification in
-- the index the count reads no table rows.
CREATE INDEX tasks_plan_kind_class_idx ON tasks (plan_id, kind, classification);
