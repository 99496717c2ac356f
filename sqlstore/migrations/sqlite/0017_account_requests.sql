-- Separation of duties (issue 10). Keep in step with the other engine's 0017.
--
-- Granting a role that reads secrets (coordinator, leader) and resetting the
-- password of such an account are requests until a leader confirms them
-- (or the change is made on the server with the CLI). A password request
-- keeps only the new password's hash.
CREATE TABLE account_requests (
	id                INTEGER PRIMARY KEY,
	user_id           INTEGER   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind              TEXT      NOT NULL,
	role              TEXT      NOT NULL DEFAULT '',
	password_hash     TEXT      NOT NULL DEFAULT '',
	status            TEXT      NOT NULL DEFAULT 'pending',
	requested_by      INTEGER   NOT NULL,
	requested_by_name TEXT      NOT NULL,
	requested_at      TIMESTAMP NOT NULL,
	decided_by        INTEGER,
	decided_by_name   TEXT      NOT NULL DEFAULT '',
	decided_at        TIMESTAMP
);
CREATE INDEX account_requests_status_idx ON account_requests (status, id);
