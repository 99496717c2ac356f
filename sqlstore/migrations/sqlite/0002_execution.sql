-- Execution (issue 3): plan lifecycle and links, duties and sub-tasks as
-- tasks, progress updates, attachments, notifications, settings. SQLite.
-- Keep in step with migrations/postgres/0002_execution.sql.

ALTER TABLE tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'task';
ALTER TABLE tasks ADD COLUMN responsibility_id INTEGER REFERENCES responsibilities (id) ON DELETE CASCADE;
ALTER TABLE tasks ADD COLUMN parent_id INTEGER REFERENCES tasks (id) ON DELETE CASCADE;
ALTER TABLE tasks ADD COLUMN recurrence TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN last_update_at TIMESTAMP;
CREATE INDEX tasks_parent_id_idx ON tasks (parent_id);
CREATE INDEX tasks_responsibility_id_idx ON tasks (responsibility_id);
CREATE INDEX tasks_plan_kind_idx ON tasks (plan_id, kind, position);

-- Issue, amendments (with their reason), closing, copying.
CREATE TABLE plan_history (
	id          INTEGER PRIMARY KEY,
	plan_id     INTEGER   NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	action      TEXT      NOT NULL,
	reason      TEXT      NOT NULL DEFAULT '',
	version     INTEGER   NOT NULL,
	before_json TEXT      NOT NULL DEFAULT '',
	after_json  TEXT      NOT NULL DEFAULT '',
	user_id     INTEGER   NOT NULL DEFAULT 0,
	username    TEXT      NOT NULL DEFAULT '',
	at          TIMESTAMP NOT NULL
);
CREATE INDEX plan_history_plan_id_idx ON plan_history (plan_id, id);

-- What a plan implements: a stored plan, or a document cited by number.
CREATE TABLE plan_links (
	plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	target_plan_id INTEGER REFERENCES plans (id) ON DELETE SET NULL,
	number         TEXT    NOT NULL DEFAULT '',
	kind           TEXT    NOT NULL DEFAULT '',
	date           TEXT,
	title          TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (plan_id, position)
);
CREATE INDEX plan_links_target_idx ON plan_links (target_plan_id);
CREATE INDEX plan_links_number_idx ON plan_links (number);
CREATE INDEX plans_number_idx ON plans (number);

CREATE TABLE progress_updates (
	id           INTEGER PRIMARY KEY,
	task_id      INTEGER   NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	unit_id      INTEGER   REFERENCES units (id) ON DELETE SET NULL,
	user_id      INTEGER   NOT NULL DEFAULT 0,
	username     TEXT      NOT NULL DEFAULT '',
	date         TEXT      NOT NULL,
	text         TEXT      NOT NULL DEFAULT '',
	percent      INTEGER,
	status       TEXT,
	contribution INTEGER   NOT NULL DEFAULT 0,
	created_at   TIMESTAMP NOT NULL
);
CREATE INDEX progress_updates_task_id_idx ON progress_updates (task_id, id);
CREATE INDEX progress_updates_unit_id_idx ON progress_updates (unit_id, created_at);

-- Files live in the database so every instance serves them.
CREATE TABLE attachments (
	id           INTEGER PRIMARY KEY,
	owner_kind   TEXT      NOT NULL,
	owner_id     INTEGER   NOT NULL,
	name         TEXT      NOT NULL,
	content_type TEXT      NOT NULL,
	size         INTEGER   NOT NULL,
	sha256       TEXT      NOT NULL,
	data         BLOB      NOT NULL,
	created_by   INTEGER   NOT NULL DEFAULT 0,
	created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_owner_idx ON attachments (owner_kind, owner_id);

-- dedup_key (user, kind, task, unit, day) is claimed by the INSERT, so two
-- instances never create, and so never send, the same notification.
CREATE TABLE notifications (
	id              INTEGER PRIMARY KEY,
	dedup_key       TEXT      NOT NULL UNIQUE,
	user_id         INTEGER   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind            TEXT      NOT NULL,
	task_id         INTEGER   REFERENCES tasks (id) ON DELETE CASCADE,
	unit_id         INTEGER   REFERENCES units (id) ON DELETE CASCADE,
	day             TEXT      NOT NULL,
	subject         TEXT      NOT NULL DEFAULT '',
	text            TEXT      NOT NULL DEFAULT '',
	email_text      TEXT      NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL,
	read_at         TIMESTAMP,
	email_state     TEXT      NOT NULL DEFAULT 'pending',
	email_attempts  INTEGER   NOT NULL DEFAULT 0,
	emailed_at      TIMESTAMP
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_email_idx ON notifications (email_state, id);

CREATE TABLE settings (
	key        TEXT      PRIMARY KEY,
	value      TEXT      NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
