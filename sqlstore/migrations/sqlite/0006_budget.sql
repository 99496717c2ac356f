-- Budget estimates and difficulties raised by units (issue 5). Keep in step
-- with migrations/postgres/0006_budget.sql. Money columns hold whole đồng.

-- total, appraised_total and approved_total repeat the sums of the lines so
-- lists sort and show them without reading every line.
CREATE TABLE budget_estimates (
	id              INTEGER PRIMARY KEY,
	unit_id         INTEGER   NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
	year            INTEGER   NOT NULL,
	plan_id         INTEGER   REFERENCES plans (id) ON DELETE SET NULL,
	title           TEXT      NOT NULL,
	title_key       TEXT      NOT NULL DEFAULT '',
	justification   TEXT      NOT NULL DEFAULT '',
	status          TEXT      NOT NULL,
	note            TEXT      NOT NULL DEFAULT '',
	approval_body   TEXT      NOT NULL DEFAULT '',
	approval_number TEXT      NOT NULL DEFAULT '',
	approval_date   TEXT,
	revision        INTEGER   NOT NULL DEFAULT 1,
	total           INTEGER   NOT NULL DEFAULT 0,
	appraised_total INTEGER   NOT NULL DEFAULT 0,
	approved_total  INTEGER   NOT NULL DEFAULT 0,
	submitted_at    TIMESTAMP,
	forwarded_at    TIMESTAMP,
	version         INTEGER   NOT NULL DEFAULT 1,
	created_by      INTEGER   NOT NULL DEFAULT 0,
	created_at      TIMESTAMP NOT NULL,
	updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX budget_estimates_unit_idx ON budget_estimates (unit_id, year);
CREATE INDEX budget_estimates_year_idx ON budget_estimates (year, status);
CREATE INDEX budget_estimates_updated_idx ON budget_estimates (updated_at, id);

CREATE TABLE budget_lines (
	id                INTEGER PRIMARY KEY,
	estimate_id       INTEGER NOT NULL REFERENCES budget_estimates (id) ON DELETE CASCADE,
	position          INTEGER NOT NULL,
	task_id           INTEGER REFERENCES tasks (id) ON DELETE SET NULL,
	activity_id       INTEGER REFERENCES activities (id) ON DELETE SET NULL,
	item              TEXT    NOT NULL,
	quantity          INTEGER NOT NULL,
	unit_of_measure   TEXT    NOT NULL DEFAULT '',
	unit_price        INTEGER NOT NULL,
	amount            INTEGER NOT NULL,
	source            TEXT    NOT NULL,
	appraised         INTEGER,
	appraisal_comment TEXT    NOT NULL DEFAULT '',
	approved          INTEGER
);
CREATE INDEX budget_lines_estimate_idx ON budget_lines (estimate_id, position);
CREATE INDEX budget_lines_task_idx ON budget_lines (task_id);

-- snapshot is the JSON of the estimate's title, justification and lines.
CREATE TABLE budget_revisions (
	estimate_id INTEGER   NOT NULL REFERENCES budget_estimates (id) ON DELETE CASCADE,
	number      INTEGER   NOT NULL,
	at          TIMESTAMP NOT NULL,
	user_id     INTEGER   NOT NULL DEFAULT 0,
	username    TEXT      NOT NULL DEFAULT '',
	step        TEXT      NOT NULL,
	status      TEXT      NOT NULL,
	snapshot    TEXT      NOT NULL,
	PRIMARY KEY (estimate_id, number)
);

CREATE TABLE budget_events (
	id          INTEGER PRIMARY KEY,
	estimate_id INTEGER   NOT NULL REFERENCES budget_estimates (id) ON DELETE CASCADE,
	at          TIMESTAMP NOT NULL,
	user_id     INTEGER   NOT NULL DEFAULT 0,
	username    TEXT      NOT NULL DEFAULT '',
	step        TEXT      NOT NULL,
	revision    INTEGER   NOT NULL,
	note        TEXT      NOT NULL DEFAULT ''
);
CREATE INDEX budget_events_estimate_idx ON budget_events (estimate_id, id);

CREATE TABLE budget_entries (
	id          INTEGER PRIMARY KEY,
	estimate_id INTEGER   NOT NULL REFERENCES budget_estimates (id) ON DELETE CASCADE,
	line_id     INTEGER   NOT NULL REFERENCES budget_lines (id) ON DELETE RESTRICT,
	kind        TEXT      NOT NULL,
	amount      INTEGER   NOT NULL,
	entry_date  TEXT      NOT NULL,
	note        TEXT      NOT NULL DEFAULT '',
	created_by  INTEGER   NOT NULL DEFAULT 0,
	created_at  TIMESTAMP NOT NULL
);
CREATE INDEX budget_entries_line_idx ON budget_entries (line_id, kind);
CREATE INDEX budget_entries_date_idx ON budget_entries (entry_date, kind);

CREATE TABLE difficulty_groups (
	id             INTEGER PRIMARY KEY,
	title          TEXT      NOT NULL,
	proposal       TEXT      NOT NULL DEFAULT '',
	status         TEXT      NOT NULL,
	forwarded_to   TEXT      NOT NULL DEFAULT '',
	forward_number TEXT      NOT NULL DEFAULT '',
	forwarded_on   TEXT,
	answer         TEXT      NOT NULL DEFAULT '',
	answer_number  TEXT      NOT NULL DEFAULT '',
	answered_on    TEXT,
	version        INTEGER   NOT NULL DEFAULT 1,
	created_by     INTEGER   NOT NULL DEFAULT 0,
	created_at     TIMESTAMP NOT NULL
);

CREATE TABLE difficulties (
	id             INTEGER PRIMARY KEY,
	unit_id        INTEGER   NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
	plan_id        INTEGER   REFERENCES plans (id) ON DELETE SET NULL,
	task_id        INTEGER   REFERENCES tasks (id) ON DELETE SET NULL,
	title          TEXT      NOT NULL,
	text           TEXT      NOT NULL,
	search_key     TEXT      NOT NULL DEFAULT '',
	classification TEXT      NOT NULL DEFAULT 'internal',
	status         TEXT      NOT NULL,
	group_id       INTEGER   REFERENCES difficulty_groups (id) ON DELETE SET NULL,
	raised_by      INTEGER   NOT NULL DEFAULT 0,
	raised_at      TIMESTAMP NOT NULL,
	resolved_at    TIMESTAMP,
	close_note     TEXT      NOT NULL DEFAULT '',
	version        INTEGER   NOT NULL DEFAULT 1,
	updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX difficulties_unit_idx ON difficulties (unit_id, raised_at);
CREATE INDEX difficulties_status_idx ON difficulties (status, raised_at);
CREATE INDEX difficulties_group_idx ON difficulties (group_id);
