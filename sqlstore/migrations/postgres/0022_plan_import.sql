-- Plans as provinces publish them (issue 13). Keep in step with
-- migrations/sqlite/0022_plan_import.sql.

-- The expected product of a task, as a task table's "Sản phẩm" column
-- states it.
ALTER TABLE tasks ADD COLUMN product TEXT NOT NULL DEFAULT '';

-- The last year of a multi-year plan or programme ("giai đoạn 2021–2025");
-- 0 for a plan of one year.
ALTER TABLE plans ADD COLUMN year_to INTEGER NOT NULL DEFAULT 0;

-- The decision that issued the plan as its attachment ("Quyết định ban
-- hành Kế hoạch…"): empty number and title when the plan has its own.
ALTER TABLE plans ADD COLUMN decision_number TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN decision_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN decision_date TEXT;
ALTER TABLE plans ADD COLUMN decision_issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN decision_title TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN decision_signer TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN decision_signer_title TEXT NOT NULL DEFAULT '';
