-- Rebuttal cases (issue 14 §1). Keep in step with the other engine's 0025.
--
-- A case keeps what it was about as it was when it opened (source_*): the
-- press item's text, or a person's description of a post, so it holds even
-- if the item changes or is deleted; article_id and story_id therefore
-- carry no foreign key. classification is the level every read checks, the
-- highest of own_classification, secret when the case touches state
-- secrets, and its responses' levels. next_due_at is the deadline of the
-- stage the case waits for (NULL once published or closed), so overdue
-- cases are one indexed range.
CREATE TABLE cases (
	id                 INTEGER PRIMARY KEY,
	title              TEXT      NOT NULL,
	origin             TEXT      NOT NULL,
	article_id         INTEGER,
	story_id           INTEGER,
	source_title       TEXT      NOT NULL DEFAULT '',
	source_summary     TEXT      NOT NULL DEFAULT '',
	source_url         TEXT      NOT NULL DEFAULT '',
	source_outlet      TEXT      NOT NULL DEFAULT '',
	source_language    TEXT      NOT NULL DEFAULT '',
	source_foreign     BOOLEAN   NOT NULL DEFAULT FALSE,
	source_published   TIMESTAMP,
	claim              TEXT      NOT NULL DEFAULT '',
	verdict            TEXT      NOT NULL DEFAULT '',
	severity           TEXT      NOT NULL DEFAULT '',
	assessment         TEXT      NOT NULL DEFAULT '',
	touches_secrets    BOOLEAN   NOT NULL DEFAULT FALSE,
	classification     TEXT      NOT NULL DEFAULT 'internal',
	own_classification TEXT      NOT NULL DEFAULT 'internal',
	unit_id            INTEGER   REFERENCES units (id) ON DELETE RESTRICT,
	lead_unit_id       INTEGER   REFERENCES units (id) ON DELETE RESTRICT,
	stage              TEXT      NOT NULL,
	next_due_at        TIMESTAMP,
	detected_at        TIMESTAMP NOT NULL,
	assessed_at        TIMESTAMP,
	assigned_at        TIMESTAMP,
	drafted_at         TIMESTAMP,
	approved_at        TIMESTAMP,
	published_at       TIMESTAMP,
	closed_at          TIMESTAMP,
	close_note         TEXT      NOT NULL DEFAULT '',
	search_key         TEXT      NOT NULL DEFAULT '',
	opened_by          INTEGER   NOT NULL DEFAULT 0,
	opened_at          TIMESTAMP NOT NULL,
	version            INTEGER   NOT NULL DEFAULT 1,
	updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX cases_detected_idx ON cases (detected_at);
CREATE INDEX cases_stage_idx ON cases (stage, next_due_at);
CREATE INDEX cases_article_idx ON cases (article_id);
CREATE INDEX cases_story_idx ON cases (story_id);
CREATE INDEX cases_unit_idx ON cases (unit_id);
CREATE INDEX cases_lead_idx ON cases (lead_unit_id);

CREATE TABLE case_topics (
	case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	topic   TEXT    NOT NULL,
	PRIMARY KEY (case_id, topic)
);
CREATE INDEX case_topics_topic_idx ON case_topics (topic, case_id);

-- The coordinating units (the lead and detecting units are columns).
CREATE TABLE case_units (
	case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
	PRIMARY KEY (case_id, unit_id)
);
CREATE INDEX case_units_unit_idx ON case_units (unit_id, case_id);

CREATE TABLE case_responses (
	id                 INTEGER PRIMARY KEY,
	case_id            INTEGER   NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	kind               TEXT      NOT NULL,
	title              TEXT      NOT NULL,
	body               TEXT      NOT NULL,
	status             TEXT      NOT NULL,
	own_classification TEXT      NOT NULL DEFAULT 'internal',
	drafted_by         INTEGER   NOT NULL DEFAULT 0,
	drafted_at         TIMESTAMP NOT NULL,
	submitted_at       TIMESTAMP,
	reviewed_by        INTEGER   NOT NULL DEFAULT 0,
	reviewed_at        TIMESTAMP,
	return_note        TEXT      NOT NULL DEFAULT '',
	published_where    TEXT      NOT NULL DEFAULT '',
	published_url      TEXT      NOT NULL DEFAULT '',
	published_at       TIMESTAMP,
	published_by       INTEGER   NOT NULL DEFAULT 0,
	version            INTEGER   NOT NULL DEFAULT 1,
	updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX case_responses_case_idx ON case_responses (case_id, id);
CREATE INDEX case_responses_status_idx ON case_responses (status, case_id);

-- The press items of a case's story, kept as they were when they joined:
-- those there at opening (at_opening) and the spread after it.
CREATE TABLE case_items (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER   NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	article_id  INTEGER,
	title       TEXT      NOT NULL,
	url         TEXT      NOT NULL DEFAULT '',
	outlet      TEXT      NOT NULL DEFAULT '',
	language    TEXT      NOT NULL DEFAULT '',
	is_foreign  BOOLEAN   NOT NULL DEFAULT FALSE,
	published   TIMESTAMP NOT NULL,
	joined_at   TIMESTAMP NOT NULL,
	at_opening  BOOLEAN   NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX case_items_article_idx ON case_items (case_id, article_id);
