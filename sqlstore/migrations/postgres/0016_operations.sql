-- Operations (issue 10): the check of the key that seals stored secrets,
-- and the row the readiness probe writes. Both belong to this database, not
-- to its data: the logical export leaves them out. Keep in step with
-- migrations/sqlite/0016_operations.sql.

-- The id of the key (an HMAC of it, never the key) the secrets are sealed
-- with. A server started with another key stops with a clear message
-- instead of reading garbage or sealing with a second key.
CREATE TABLE secret_key_check (
	id     INTEGER   PRIMARY KEY CHECK (id = 1),
	key_id TEXT      NOT NULL,
	set_at TIMESTAMPTZ NOT NULL
);

-- /readyz proves a write can commit by moving this one row.
CREATE TABLE heartbeat (
	id      INTEGER   PRIMARY KEY CHECK (id = 1),
	beat_at TIMESTAMPTZ NOT NULL
);
