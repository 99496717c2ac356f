-- ttdn schema, SQLite. Dates are TEXT 'YYYY-MM-DD' (NULL for no date),
-- timestamps TIMESTAMP in UTC, classifications their code text, string lists
-- JSON arrays in TEXT. Keep in step with migrations/postgres/0001_init.sql.

CREATE TABLE units (
	id             INTEGER PRIMARY KEY,
	code           TEXT    NOT NULL UNIQUE,
	name           TEXT    NOT NULL,
	short_name     TEXT    NOT NULL DEFAULT '',
	aliases        TEXT    NOT NULL DEFAULT '[]',
	kind           TEXT    NOT NULL,
	parent_id      INTEGER REFERENCES units (id) ON DELETE SET NULL,
	valid_from     TEXT,
	valid_to       TEXT,
	successor_id   INTEGER REFERENCES units (id) ON DELETE SET NULL,
	note           TEXT    NOT NULL DEFAULT '',
	classification TEXT    NOT NULL DEFAULT 'public',
	search_key     TEXT    NOT NULL DEFAULT '',
	version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX units_parent_id_idx ON units (parent_id);
CREATE INDEX units_successor_id_idx ON units (successor_id);
CREATE INDEX units_kind_idx ON units (kind);

CREATE TABLE unit_groups (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	aliases    TEXT NOT NULL DEFAULT '[]',
	search_key TEXT NOT NULL DEFAULT ''
);

CREATE TABLE unit_group_members (
	group_id INTEGER NOT NULL REFERENCES unit_groups (id) ON DELETE CASCADE,
	unit_id  INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
	PRIMARY KEY (group_id, unit_id)
);
CREATE INDEX unit_group_members_unit_id_idx ON unit_group_members (unit_id);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT      NOT NULL UNIQUE,
	name          TEXT      NOT NULL DEFAULT '',
	email         TEXT      NOT NULL DEFAULT '',
	role          TEXT      NOT NULL,
	unit_id       INTEGER   REFERENCES units (id) ON DELETE RESTRICT,
	password_hash TEXT      NOT NULL DEFAULT '',
	disabled      INTEGER   NOT NULL DEFAULT 0,
	version       INTEGER   NOT NULL DEFAULT 1,
	created_at    TIMESTAMP NOT NULL
);
CREATE INDEX users_unit_id_idx ON users (unit_id);

CREATE TABLE sessions (
	id           INTEGER PRIMARY KEY,
	token_hash   TEXT      NOT NULL UNIQUE,
	user_id      INTEGER   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL,
	expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
	id         INTEGER PRIMARY KEY,
	token_hash TEXT      NOT NULL UNIQUE,
	user_id    INTEGER   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name       TEXT      NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP,
	revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE plans (
	id                 INTEGER PRIMARY KEY,
	number             TEXT      NOT NULL DEFAULT '',
	kind               TEXT      NOT NULL DEFAULT '',
	title              TEXT      NOT NULL,
	year               INTEGER   NOT NULL DEFAULT 0,
	issuer             TEXT      NOT NULL DEFAULT '',
	place              TEXT      NOT NULL DEFAULT '',
	issued_on          TEXT,
	signer             TEXT      NOT NULL DEFAULT '',
	signer_title       TEXT      NOT NULL DEFAULT '',
	objectives         TEXT      NOT NULL DEFAULT '[]',
	requirements       TEXT      NOT NULL DEFAULT '[]',
	content_directions TEXT      NOT NULL DEFAULT '[]',
	closing            TEXT      NOT NULL DEFAULT '[]',
	budget             TEXT      NOT NULL DEFAULT '',
	status             TEXT      NOT NULL DEFAULT 'draft',
	classification     TEXT      NOT NULL DEFAULT 'internal',
	search_key         TEXT      NOT NULL DEFAULT '',
	version            INTEGER   NOT NULL DEFAULT 1,
	created_at         TIMESTAMP NOT NULL,
	updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX plans_year_idx ON plans (year, id);
CREATE INDEX plans_status_idx ON plans (status);

-- Legal bases and every other cited document, in the plan's order.
CREATE TABLE plan_documents (
	plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	is_legal_basis INTEGER NOT NULL,
	position       INTEGER NOT NULL,
	number         TEXT    NOT NULL DEFAULT '',
	kind           TEXT    NOT NULL DEFAULT '',
	date           TEXT,
	issuer         TEXT    NOT NULL DEFAULT '',
	title          TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, is_legal_basis, position)
);

CREATE TABLE plan_sections (
	plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	number   TEXT    NOT NULL DEFAULT '',
	title    TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, position)
);

CREATE TABLE tasks (
	id             INTEGER PRIMARY KEY,
	plan_id        INTEGER   NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	ref            TEXT      NOT NULL DEFAULT '',
	position       INTEGER   NOT NULL,
	title          TEXT      NOT NULL,
	body           TEXT      NOT NULL DEFAULT '',
	deadline       TEXT,
	deadline_text  TEXT      NOT NULL DEFAULT '',
	status         TEXT      NOT NULL DEFAULT 'not_started',
	percent        INTEGER   NOT NULL DEFAULT 0,
	classification TEXT      NOT NULL DEFAULT 'internal',
	version        INTEGER   NOT NULL DEFAULT 1,
	updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX tasks_plan_id_position_idx ON tasks (plan_id, position, id);
CREATE INDEX tasks_status_idx ON tasks (status);
CREATE INDEX tasks_deadline_idx ON tasks (deadline);

-- A unit as a task names it. An unresolved name keeps its text with both ids
-- NULL; a resolved one points at a unit or a group.
CREATE TABLE task_units (
	task_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	role     TEXT    NOT NULL,
	position INTEGER NOT NULL,
	unit_id  INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	group_id INTEGER REFERENCES unit_groups (id) ON DELETE RESTRICT,
	name     TEXT    NOT NULL DEFAULT '',
	text     TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (task_id, role, position)
);
CREATE INDEX task_units_unit_id_idx ON task_units (unit_id, role);
CREATE INDEX task_units_group_id_idx ON task_units (group_id, role);

CREATE TABLE responsibilities (
	id             INTEGER PRIMARY KEY,
	plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	ref            TEXT    NOT NULL DEFAULT '',
	heading        TEXT    NOT NULL DEFAULT '',
	classification TEXT    NOT NULL DEFAULT 'internal'
);
CREATE INDEX responsibilities_plan_id_idx ON responsibilities (plan_id, position);

CREATE TABLE responsibility_units (
	responsibility_id INTEGER NOT NULL REFERENCES responsibilities (id) ON DELETE CASCADE,
	position          INTEGER NOT NULL,
	unit_id           INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	group_id          INTEGER REFERENCES unit_groups (id) ON DELETE RESTRICT,
	name              TEXT    NOT NULL DEFAULT '',
	text              TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (responsibility_id, position)
);
CREATE INDEX responsibility_units_unit_id_idx ON responsibility_units (unit_id);
CREATE INDEX responsibility_units_group_id_idx ON responsibility_units (group_id);

-- One row per duty (paragraph), so a duty can later be tracked like a task.
CREATE TABLE responsibility_duties (
	responsibility_id INTEGER NOT NULL REFERENCES responsibilities (id) ON DELETE CASCADE,
	position          INTEGER NOT NULL,
	text              TEXT    NOT NULL,
	PRIMARY KEY (responsibility_id, position)
);

CREATE TABLE plan_report_due_dates (
	plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	day      INTEGER NOT NULL,
	month    INTEGER NOT NULL,
	PRIMARY KEY (plan_id, position)
);

-- The consolidating unit (role 'report_to', at most one) and the units it
-- reports to (role 'recipient').
CREATE TABLE plan_report_units (
	plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	role     TEXT    NOT NULL,
	position INTEGER NOT NULL,
	unit_id  INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	group_id INTEGER REFERENCES unit_groups (id) ON DELETE RESTRICT,
	name     TEXT    NOT NULL DEFAULT '',
	text     TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, role, position)
);
CREATE INDEX plan_report_units_unit_id_idx ON plan_report_units (unit_id);

-- Nơi nhận: the line as written and, when it names a unit, that unit.
CREATE TABLE plan_distribution (
	plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	text     TEXT    NOT NULL,
	has_unit INTEGER NOT NULL DEFAULT 0,
	unit_id  INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	group_id INTEGER REFERENCES unit_groups (id) ON DELETE RESTRICT,
	name     TEXT    NOT NULL DEFAULT '',
	ref_text TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, position)
);
CREATE INDEX plan_distribution_unit_id_idx ON plan_distribution (unit_id);

-- No foreign key on user_id: the log outlives deleted users, and the system
-- user (id 0) has no row.
CREATE TABLE audit_events (
	id        INTEGER PRIMARY KEY,
	at        TIMESTAMP NOT NULL,
	user_id   INTEGER   NOT NULL DEFAULT 0,
	username  TEXT      NOT NULL DEFAULT '',
	addr      TEXT      NOT NULL DEFAULT '',
	action    TEXT      NOT NULL,
	entity    TEXT      NOT NULL,
	entity_id INTEGER   NOT NULL DEFAULT 0,
	before_json TEXT      NOT NULL DEFAULT '',
	after_json  TEXT      NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, id);
CREATE INDEX audit_events_user_id_idx ON audit_events (user_id, id);
CREATE INDEX audit_events_at_idx ON audit_events (at);
