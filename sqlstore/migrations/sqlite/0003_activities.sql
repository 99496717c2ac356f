-- Activity registry, themes, channels and contacts (issue 3). Keep in step
-- with migrations/postgres/0003_activities.sql.

CREATE TABLE themes (
	id       INTEGER PRIMARY KEY,
	code     TEXT    NOT NULL UNIQUE,
	name     TEXT    NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE task_themes (
	task_id  INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	theme_id INTEGER NOT NULL REFERENCES themes (id) ON DELETE RESTRICT,
	PRIMARY KEY (task_id, theme_id)
);
CREATE INDEX task_themes_theme_id_idx ON task_themes (theme_id);

CREATE TABLE channels (
	id        INTEGER PRIMARY KEY,
	code      TEXT    NOT NULL UNIQUE,
	name      TEXT    NOT NULL,
	kind      TEXT    NOT NULL,
	unit_id   INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	url       TEXT    NOT NULL DEFAULT '',
	languages TEXT    NOT NULL DEFAULT '[]',
	active    INTEGER NOT NULL DEFAULT 1,
	version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX channels_unit_id_idx ON channels (unit_id);

-- One person per unit and role (ttdn_officer, spokesperson).
CREATE TABLE contacts (
	unit_id    INTEGER   NOT NULL REFERENCES units (id) ON DELETE CASCADE,
	role       TEXT      NOT NULL,
	name       TEXT      NOT NULL,
	position   TEXT      NOT NULL DEFAULT '',
	phone      TEXT      NOT NULL DEFAULT '',
	email      TEXT      NOT NULL DEFAULT '',
	updated_at TIMESTAMP NOT NULL,
	PRIMARY KEY (unit_id, role)
);

-- details holds the type's JSON; channel_id is copied out of it so lists
-- can filter by channel with an index.
CREATE TABLE activities (
	id             INTEGER PRIMARY KEY,
	type           TEXT      NOT NULL,
	title          TEXT      NOT NULL,
	summary        TEXT      NOT NULL DEFAULT '',
	start_date     TEXT      NOT NULL,
	end_date       TEXT,
	place          TEXT      NOT NULL DEFAULT '',
	channel_id     INTEGER   REFERENCES channels (id) ON DELETE RESTRICT,
	classification TEXT      NOT NULL DEFAULT 'internal',
	details        TEXT      NOT NULL DEFAULT '',
	search_key     TEXT      NOT NULL DEFAULT '',
	title_key      TEXT      NOT NULL DEFAULT '',
	version        INTEGER   NOT NULL DEFAULT 1,
	created_at     TIMESTAMP NOT NULL,
	updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX activities_start_date_idx ON activities (start_date, id);
CREATE INDEX activities_type_idx ON activities (type, start_date);
CREATE INDEX activities_channel_id_idx ON activities (channel_id);
CREATE INDEX activities_title_key_idx ON activities (title_key, id);
-- Lists and counts filter by classification (the read scope) first.
CREATE INDEX activities_classification_idx ON activities (classification, start_date, type);

-- position 0 is the organising unit.
CREATE TABLE activity_units (
	activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
	unit_id     INTEGER NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
	position    INTEGER NOT NULL,
	PRIMARY KEY (activity_id, unit_id)
);
CREATE INDEX activity_units_unit_id_idx ON activity_units (unit_id, activity_id);

CREATE TABLE activity_tasks (
	activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
	task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	PRIMARY KEY (activity_id, task_id)
);
CREATE INDEX activity_tasks_task_id_idx ON activity_tasks (task_id, activity_id);

CREATE TABLE activity_themes (
	activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
	theme_id    INTEGER NOT NULL REFERENCES themes (id) ON DELETE RESTRICT,
	PRIMARY KEY (activity_id, theme_id)
);
CREATE INDEX activity_themes_theme_id_idx ON activity_themes (theme_id, activity_id);
