-- The API (issue 17). Keep in step with the other engine's 0029.
-- A token may be read-only: a dashboard's token can read and never write.
ALTER TABLE api_tokens ADD COLUMN access TEXT NOT NULL DEFAULT 'write';

-- Idempotency-Key: a creating request retried with the same key by the
-- same user is answered from here, so it never creates twice. The request
-- hash refuses the same key reused for a different request; the response
-- (status, body and its hash) is replayed. A row whose status is 0 is a
-- request still running.
CREATE TABLE api_idempotency (
	id            INTEGER PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	idem_key      TEXT NOT NULL,
	request_hash  TEXT NOT NULL,
	status        INTEGER NOT NULL DEFAULT 0,
	response      TEXT NOT NULL DEFAULT '',
	response_hash TEXT NOT NULL DEFAULT '',
	created_at    TIMESTAMP NOT NULL,
	UNIQUE (user_id, idem_key)
);
CREATE INDEX api_idempotency_created_idx ON api_idempotency (created_at);
