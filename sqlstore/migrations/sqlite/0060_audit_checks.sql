-- Every check of the audit chain is kept: a full check reads every event,
-- a tail check only those after the newest sealed check. A finished check
-- is sealed with an HMAC under the server's secret key (key_id, mac), so a
-- check row written by hand is ignored rather than trusted. Progress
-- (done/total) is kept so that any instance shows a running check.
-- Keep in step with the other engine's 0060.
CREATE TABLE audit_checks (
	id               INTEGER PRIMARY KEY,
	scope            TEXT      NOT NULL,
	started_by       TEXT      NOT NULL DEFAULT '',
	started_at       TIMESTAMP NOT NULL,
	updated_at       TIMESTAMP NOT NULL,
	finished_at      TIMESTAMP,
	done             INTEGER   NOT NULL DEFAULT 0,
	total            INTEGER   NOT NULL DEFAULT 0,
	from_seq         INTEGER   NOT NULL DEFAULT 0,
	head_seq         INTEGER   NOT NULL DEFAULT 0,
	head_hash        TEXT      NOT NULL DEFAULT '',
	full_at          TIMESTAMP,
	intact           INTEGER   NOT NULL DEFAULT 0,
	break_seq        INTEGER   NOT NULL DEFAULT 0,
	break_id         INTEGER   NOT NULL DEFAULT 0,
	break_kind       TEXT      NOT NULL DEFAULT '',
	break_message    TEXT      NOT NULL DEFAULT '',
	break_message_en TEXT      NOT NULL DEFAULT '',
	failure          TEXT      NOT NULL DEFAULT '',
	key_id           TEXT      NOT NULL DEFAULT '',
	mac              TEXT      NOT NULL DEFAULT ''
);
CREATE INDEX audit_checks_finished_idx ON audit_checks (finished_at, id);
