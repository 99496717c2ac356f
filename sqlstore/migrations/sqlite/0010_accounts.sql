-- Accounts (issue 6): log-in throttling, TOTP second factor, recovery
-- codes and API-token scopes. Keep in step with
-- migrations/postgres/0010_accounts.sql.

-- One row per throttled subject: "user:<username>" or "addr:<ip>". The
-- counter lives in the database so every instance sees the same failures.
CREATE TABLE login_throttle (
	subject      TEXT      PRIMARY KEY,
	failures     INTEGER   NOT NULL DEFAULT 0,
	window_start TIMESTAMP NOT NULL,
	locked_until TIMESTAMP,
	lockouts     INTEGER   NOT NULL DEFAULT 0
);

-- TOTP: the secret (base32), whether it is confirmed, and the last time
-- step accepted, so a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

CREATE TABLE recovery_codes (
	id        INTEGER PRIMARY KEY,
	user_id   INTEGER   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	code_hash TEXT      NOT NULL,
	used_at   TIMESTAMP
);
CREATE INDEX recovery_codes_user_id_idx ON recovery_codes (user_id);

-- A token may act with a narrower role and unit than its user.
ALTER TABLE api_tokens ADD COLUMN role TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN unit_id INTEGER REFERENCES units (id) ON DELETE CASCADE;

-- A session waiting for its second factor ('totp') is not a log-in yet.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT '';
