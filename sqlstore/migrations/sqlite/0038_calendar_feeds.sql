-- Calendar feeds (issue 16). Keep in step with the other engine's 0038.
-- One secret address per user; only the SHA-256 of its token is kept.
CREATE TABLE calendar_feeds (
	user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TIMESTAMP NOT NULL
);
