-- Activity counts for the dashboard's statistics (issue 3). Keep in step
-- with migrations/postgres/0008_dashboard.sql.
--
-- Counting a year of activities by month, type and theme read ~5,000 rows
-- (and their theme links) on every dashboard view. These tables hold the
-- same counts per calendar month and classification; they are changed in
-- the same transaction as the activities they count (sqlstore/activitycounts.go),
-- so they are never stale and several instances need no shared cache. The
-- classification is kept so a user's read scope can still be applied: the
-- levels a user reads everywhere come from here, records readable only
-- through the user's units are counted from the activities themselves.

CREATE TABLE activity_month_counts (
	month          TEXT    NOT NULL, -- 'YYYY-MM' of start_date
	classification TEXT    NOT NULL,
	type           TEXT    NOT NULL,
	n              INTEGER NOT NULL,
	PRIMARY KEY (month, classification, type)
);

CREATE TABLE activity_theme_month_counts (
	month          TEXT    NOT NULL,
	classification TEXT    NOT NULL,
	theme_id       INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
	n              INTEGER NOT NULL,
	PRIMARY KEY (month, classification, theme_id)
);

INSERT INTO activity_month_counts (month, classification, type, n)
	SELECT SUBSTR(start_date, 1, 7), classification, type, COUNT(*) FROM activities
	GROUP BY SUBSTR(start_date, 1, 7), classification, type;

INSERT INTO activity_theme_month_counts (month, classification, theme_id, n)
	SELECT SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id, COUNT(*)
	FROM activity_themes x JOIN activities a ON a.id = x.activity_id
	GROUP BY SUBSTR(a.start_date, 1, 7), a.classification, x.theme_id;
