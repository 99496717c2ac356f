-- Press sources against request forgery (issue 10, item 6). Keep in step
-- with migrations/postgres/0013_feed_guard.sql.

-- Fetch errors were stored in the transport's own words ("network: dial tcp
-- 10.0.0.5:5432: connect: connection refused"), which map the internal
-- network. Keep only the category (feed.Result.Problem), and the status
-- code of an HTTP error.
UPDATE press_sources SET last_error = CASE
	WHEN last_error LIKE 'http-status: feed: unexpected HTTP status ___%' THEN 'http-status ' || substr(last_error, 43, 3)
	WHEN last_error LIKE 'http-status:%' THEN 'http-status'
	WHEN last_error LIKE 'network:%' THEN 'network'
	WHEN last_error LIKE 'timeout:%' THEN 'timeout'
	WHEN last_error LIKE 'too-large:%' THEN 'too-large'
	WHEN last_error LIKE 'too-many-redirects:%' THEN 'too-many-redirects'
	WHEN last_error LIKE 'not-a-feed:%' THEN 'not-a-feed'
	WHEN last_error LIKE 'bad-url:%' THEN 'bad-url'
	WHEN last_error LIKE 'store:%' THEN 'store'
	ELSE 'error' END
WHERE last_error <> '';
UPDATE press_sources SET disabled_reason = 'Tự động tắt sau ' || failures || ' lần lỗi liên tiếp.'
WHERE disabled_reason LIKE 'Tự động tắt sau %';

-- An OPML import runs in the background; its progress and what became of
-- each outline are kept so that any instance shows them, page by page.
CREATE TABLE press_source_imports (
	id         INTEGER PRIMARY KEY,
	file_name  TEXT      NOT NULL DEFAULT '',
	user_id    INTEGER    REFERENCES users (id) ON DELETE SET NULL,
	state      TEXT      NOT NULL,
	total      INTEGER   NOT NULL,
	added      INTEGER   NOT NULL DEFAULT 0,
	duplicates INTEGER   NOT NULL DEFAULT 0,
	refused    INTEGER   NOT NULL DEFAULT 0,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE TABLE press_source_import_lines (
	import_id  INTEGER    NOT NULL REFERENCES press_source_imports (id) ON DELETE CASCADE,
	line       INTEGER   NOT NULL,
	name       TEXT      NOT NULL,
	feed_url   TEXT      NOT NULL,
	outcome    TEXT      NOT NULL,
	message    TEXT      NOT NULL DEFAULT '',
	message_en TEXT      NOT NULL DEFAULT '',
	source_id  INTEGER    REFERENCES press_sources (id) ON DELETE SET NULL,
	PRIMARY KEY (import_id, line)
);
CREATE INDEX press_source_import_lines_outcome_idx ON press_source_import_lines (import_id, outcome, line);
