-- Press monitoring (issue 7): sources and their fetch state, articles with
-- their stories, full-text index, watch terms, hits and the review queue.
-- SQLite. Keep in step with migrations/postgres/0007_press.sql.

CREATE TABLE press_sources (
	id              INTEGER PRIMARY KEY,
	name            TEXT      NOT NULL,
	outlet          TEXT      NOT NULL DEFAULT '',
	country         TEXT      NOT NULL DEFAULT 'VN',
	language        TEXT      NOT NULL DEFAULT 'vi',
	is_foreign      BOOLEAN   NOT NULL DEFAULT FALSE,
	feed_url        TEXT      UNIQUE,
	unit_id         INTEGER   REFERENCES units (id) ON DELETE SET NULL,
	poll_minutes    INTEGER   NOT NULL DEFAULT 0,
	enabled         BOOLEAN   NOT NULL DEFAULT TRUE,
	etag            TEXT      NOT NULL DEFAULT '',
	last_modified   TEXT      NOT NULL DEFAULT '',
	next_fetch_at   TIMESTAMP,
	interval_s      INTEGER   NOT NULL DEFAULT 0,
	failures        INTEGER   NOT NULL DEFAULT 0,
	disabled_reason TEXT      NOT NULL DEFAULT '',
	last_error      TEXT      NOT NULL DEFAULT '',
	last_fetch_at   TIMESTAMP,
	last_success_at TIMESTAMP,
	lease_until     TIMESTAMP,
	items           INTEGER   NOT NULL DEFAULT 0,
	version         INTEGER   NOT NULL DEFAULT 1,
	created_at      TIMESTAMP NOT NULL
);
CREATE INDEX press_sources_due_idx ON press_sources (enabled, next_fetch_at);
CREATE UNIQUE INDEX press_sources_offline_idx ON press_sources (name) WHERE feed_url IS NULL;

-- Articles carry explicit ids (reserved by the ingest transaction) so a
-- new story's id, its first article's id, is known before the insert.
CREATE TABLE press_articles (
	id           INTEGER PRIMARY KEY,
	source_id    INTEGER   NOT NULL REFERENCES press_sources (id) ON DELETE RESTRICT,
	url          TEXT      NOT NULL,
	url_hash     INTEGER   NOT NULL,
	guid         TEXT      NOT NULL DEFAULT '',
	title        TEXT      NOT NULL,
	summary      TEXT      NOT NULL DEFAULT '',
	category     TEXT      NOT NULL DEFAULT '',
	language     TEXT      NOT NULL,
	published_at TIMESTAMP NOT NULL,
	fetched_at   TIMESTAMP NOT NULL,
	story_id     INTEGER   NOT NULL,
	tone         TEXT      NOT NULL,
	priority     INTEGER   NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX press_articles_url_idx ON press_articles (url_hash);
CREATE INDEX press_articles_published_idx ON press_articles (published_at);
CREATE INDEX press_articles_story_idx ON press_articles (story_id);
CREATE INDEX press_articles_source_idx ON press_articles (source_id, published_at);

-- The folded words of title and summary (vntext), tokenised in Go and
-- joined by spaces, so FTS5 and PostgreSQL's 'simple' parser see the same
-- words. Contentless: the text lives in press_articles.
CREATE VIRTUAL TABLE press_fts USING fts5(body, content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 0');

CREATE TABLE press_article_themes (
	article_id INTEGER NOT NULL REFERENCES press_articles (id) ON DELETE CASCADE,
	theme      TEXT    NOT NULL,
	PRIMARY KEY (article_id, theme)
);
CREATE INDEX press_article_themes_theme_idx ON press_article_themes (theme, article_id);

CREATE TABLE press_watch_terms (
	id         INTEGER PRIMARY KEY,
	code       TEXT      NOT NULL UNIQUE,
	name       TEXT      NOT NULL,
	aliases    TEXT      NOT NULL DEFAULT '[]',
	kind       TEXT      NOT NULL,
	priority   INTEGER   NOT NULL,
	themes     TEXT      NOT NULL DEFAULT '[]',
	enabled    BOOLEAN   NOT NULL DEFAULT TRUE,
	version    INTEGER   NOT NULL DEFAULT 1,
	updated_at TIMESTAMP NOT NULL
);

-- Counters: the watchlist revision the ingest pipeline recompiles on.
CREATE TABLE press_state (
	key   TEXT    PRIMARY KEY,
	value INTEGER NOT NULL
);
INSERT INTO press_state (key, value) VALUES ('watchlist_rev', 0);

CREATE TABLE press_hits (
	article_id  INTEGER NOT NULL REFERENCES press_articles (id) ON DELETE CASCADE,
	term_id     INTEGER NOT NULL REFERENCES press_watch_terms (id) ON DELETE CASCADE,
	occurrences INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (article_id, term_id)
);
CREATE INDEX press_hits_term_idx ON press_hits (term_id, article_id);

CREATE TABLE press_reviews (
	article_id   INTEGER   PRIMARY KEY REFERENCES press_articles (id) ON DELETE CASCADE,
	priority     INTEGER   NOT NULL,
	status       TEXT      NOT NULL DEFAULT 'new',
	tone         TEXT      NOT NULL,
	tone_guess   TEXT      NOT NULL,
	relevance    TEXT      NOT NULL DEFAULT 'unknown',
	needs_action BOOLEAN   NOT NULL DEFAULT FALSE,
	note         TEXT      NOT NULL DEFAULT '',
	reviewer_id  INTEGER   REFERENCES users (id) ON DELETE SET NULL,
	reviewed_at  TIMESTAMP,
	alerted      BOOLEAN   NOT NULL DEFAULT FALSE,
	published_at TIMESTAMP NOT NULL,
	created_at   TIMESTAMP NOT NULL,
	version      INTEGER   NOT NULL DEFAULT 1
);
CREATE INDEX press_reviews_queue_idx ON press_reviews (status, priority, article_id);
CREATE INDEX press_reviews_published_idx ON press_reviews (published_at);
CREATE INDEX press_reviews_alert_idx ON press_reviews (alerted, priority);
