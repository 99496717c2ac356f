-- Indexes for the large-province list and dashboard queries (issue 3).

-- FindPlans counts each plan's readable tasks: with the classification in
-- the index the count reads no table rows.
CREATE INDEX tasks_plan_kind_class_idx ON tasks (plan_id, kind, classification);

-- The scope parts and the dashboard's statistics filter activities by
-- classification and date, then count them or join their themes: with the
-- id and type included, PostgreSQL answers from the index alone (once the
-- visibility map is set: see BulkLoader.Analyze).
CREATE INDEX activities_scope_idx ON activities (classification, start_date) INCLUDE (type, id);
