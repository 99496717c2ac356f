-- Webhooks (issue 16). Keep in step with the other engine's 0039.
-- An endpoint of another system told of workflow events; its signing
-- secret is sealed with the secret key like the TOTP secrets.
CREATE TABLE webhooks (
	id          INTEGER PRIMARY KEY,
	url         TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	events      TEXT NOT NULL DEFAULT '', -- comma list; '' = every event
	secret      TEXT NOT NULL,
	active      BOOLEAN NOT NULL DEFAULT TRUE,
	created_at  TIMESTAMP NOT NULL
);

-- The outbox: one row per event and endpoint, written in the transaction
-- of the step that caused the event (event_key makes it once), then
-- delivered by a job that leases due rows.
CREATE TABLE webhook_deliveries (
	id              INTEGER PRIMARY KEY,
	webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
	event_key       TEXT NOT NULL,
	event           TEXT NOT NULL,
	payload         TEXT NOT NULL,
	state           TEXT NOT NULL DEFAULT 'pending',
	attempts        INTEGER NOT NULL DEFAULT 0,
	last_status     INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL,
	next_attempt_at TIMESTAMP NOT NULL,
	delivered_at    TIMESTAMP,
	lease_until     TIMESTAMP,
	UNIQUE (webhook_id, event_key)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (webhook_id, id);
