-- Periodic reporting (issue 4): the indicator catalogue, report periods and
-- their expected reporters, unit reports with their values and workflow
-- history, and the consolidated provincial report. SQLite. Keep in step with
-- migrations/postgres/0004_reporting.sql.

-- Retiring sets retired_at; rows are never deleted, so old reports keep
-- their indicators.
CREATE TABLE indicators (
	id         INTEGER PRIMARY KEY,
	code       TEXT      NOT NULL UNIQUE,
	name       TEXT      NOT NULL,
	name_en    TEXT      NOT NULL DEFAULT '',
	value_type TEXT      NOT NULL,
	unit       TEXT      NOT NULL DEFAULT '',
	breakdowns TEXT      NOT NULL DEFAULT '[]',
	source     TEXT      NOT NULL DEFAULT '',
	position   INTEGER   NOT NULL DEFAULT 0,
	created_at TIMESTAMP NOT NULL,
	retired_at TIMESTAMP,
	version    INTEGER   NOT NULL DEFAULT 1
);

CREATE TABLE plan_indicators (
	plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
	position     INTEGER NOT NULL,
	PRIMARY KEY (plan_id, indicator_id)
);

CREATE TABLE report_periods (
	id             INTEGER PRIMARY KEY,
	plan_id        INTEGER   NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	type           TEXT      NOT NULL,
	year           INTEGER   NOT NULL,
	number         INTEGER   NOT NULL DEFAULT 0,
	name           TEXT      NOT NULL,
	cutoff_from    TEXT      NOT NULL,
	cutoff_to      TEXT      NOT NULL,
	due_date       TEXT      NOT NULL,
	status         TEXT      NOT NULL DEFAULT 'open',
	classification TEXT      NOT NULL DEFAULT 'internal',
	version        INTEGER   NOT NULL DEFAULT 1,
	created_at     TIMESTAMP NOT NULL,
	updated_at     TIMESTAMP NOT NULL,
	UNIQUE (plan_id, type, year, number)
);
CREATE INDEX report_periods_type_idx ON report_periods (type, number, year);

CREATE TABLE report_expected (
	period_id INTEGER NOT NULL REFERENCES report_periods (id) ON DELETE CASCADE,
	unit_id   INTEGER NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
	PRIMARY KEY (period_id, unit_id)
);
CREATE INDEX report_expected_unit_id_idx ON report_expected (unit_id, period_id);

CREATE TABLE unit_reports (
	id                 INTEGER PRIMARY KEY,
	period_id          INTEGER   NOT NULL REFERENCES report_periods (id) ON DELETE CASCADE,
	unit_id            INTEGER   NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
	status             TEXT      NOT NULL DEFAULT 'draft',
	results            TEXT      NOT NULL DEFAULT '',
	shortcomings       TEXT      NOT NULL DEFAULT '',
	next_tasks         TEXT      NOT NULL DEFAULT '',
	recommendations    TEXT      NOT NULL DEFAULT '',
	comment            TEXT      NOT NULL DEFAULT '',
	first_submitted_at TIMESTAMP,
	submitted_at       TIMESTAMP,
	late               INTEGER   NOT NULL DEFAULT 0,
	accepted_at        TIMESTAMP,
	version            INTEGER   NOT NULL DEFAULT 1,
	created_at         TIMESTAMP NOT NULL,
	updated_at         TIMESTAMP NOT NULL,
	UNIQUE (period_id, unit_id)
);
CREATE INDEX unit_reports_unit_id_idx ON unit_reports (unit_id, period_id);

-- One row per indicator, breakdown ('' for the total) and item. computed is
-- what the registry gave, reported what the unit stands by (NULL: the
-- computed value stands).
CREATE TABLE report_values (
	report_id    INTEGER NOT NULL REFERENCES unit_reports (id) ON DELETE CASCADE,
	indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE RESTRICT,
	breakdown    TEXT    NOT NULL DEFAULT '',
	item         TEXT    NOT NULL DEFAULT '',
	computed     INTEGER,
	reported     INTEGER,
	text         TEXT    NOT NULL DEFAULT '',
	note         TEXT    NOT NULL DEFAULT '',
	source       TEXT    NOT NULL DEFAULT '',
	source_ids   TEXT    NOT NULL DEFAULT '[]',
	PRIMARY KEY (report_id, indicator_id, breakdown, item)
);
CREATE INDEX report_values_indicator_idx ON report_values (indicator_id, breakdown, item);

CREATE TABLE report_events (
	id          INTEGER PRIMARY KEY,
	report_id   INTEGER   NOT NULL REFERENCES unit_reports (id) ON DELETE CASCADE,
	action      TEXT      NOT NULL,
	from_status TEXT      NOT NULL,
	to_status   TEXT      NOT NULL,
	comment     TEXT      NOT NULL DEFAULT '',
	late        INTEGER   NOT NULL DEFAULT 0,
	user_id     INTEGER   NOT NULL DEFAULT 0,
	username    TEXT      NOT NULL DEFAULT '',
	at          TIMESTAMP NOT NULL
);
CREATE INDEX report_events_report_id_idx ON report_events (report_id, id);

CREATE TABLE consolidated_reports (
	id              INTEGER PRIMARY KEY,
	period_id       INTEGER   NOT NULL UNIQUE REFERENCES report_periods (id) ON DELETE CASCADE,
	status          TEXT      NOT NULL DEFAULT 'draft',
	number          TEXT      NOT NULL DEFAULT '',
	issued_on       TEXT,
	issuer          TEXT      NOT NULL DEFAULT '',
	issuing_unit    TEXT      NOT NULL DEFAULT '',
	place           TEXT      NOT NULL DEFAULT '',
	summary         TEXT      NOT NULL DEFAULT '',
	results         TEXT      NOT NULL DEFAULT '',
	shortcomings    TEXT      NOT NULL DEFAULT '',
	next_tasks      TEXT      NOT NULL DEFAULT '',
	recommendations TEXT      NOT NULL DEFAULT '',
	signer_title    TEXT      NOT NULL DEFAULT '',
	signer          TEXT      NOT NULL DEFAULT '',
	recipients      TEXT      NOT NULL DEFAULT '[]',
	version         INTEGER   NOT NULL DEFAULT 1,
	created_at      TIMESTAMP NOT NULL,
	updated_at      TIMESTAMP NOT NULL
);
