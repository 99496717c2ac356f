-- Log-in throttling by account and address together (issue 10). The old
-- table counted an account name or an address alone, so anyone could lock
-- any account; its rows only held recent failures and are dropped. Keep in
-- step with migrations/sqlite/0014_login_pairs.sql.

DROP TABLE login_throttle;

-- One row per throttled subject (sqlstore/throttle.go):
--   kind 'pair'    account and address together: failures, waits, lockouts,
--                  and the last successful log-in (a "known" pair);
--   kind 'addr'    an address (addr set, account ''): failures at names that
--                  never logged in from it;
--   kind 'account' an account (account set, addr ''): failures from unknown
--                  addresses; locked_until is the end of its slow mode.
-- failures is a level that drains by one per quiet interval (last_failure).
CREATE TABLE login_throttle (
	kind         TEXT      NOT NULL,
	account      TEXT      NOT NULL DEFAULT '',
	addr         TEXT      NOT NULL DEFAULT '',
	failures     INTEGER   NOT NULL DEFAULT 0,
	last_failure TIMESTAMPTZ,
	locked_until TIMESTAMPTZ,
	lockouts     INTEGER   NOT NULL DEFAULT 0,
	last_success TIMESTAMPTZ,
	PRIMARY KEY (kind, account, addr)
);
