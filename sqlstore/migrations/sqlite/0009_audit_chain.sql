-- Tamper-evident audit log (issue 6). Every event gets its place in one
-- chain (seq: 1, 2, 3… with no gaps) and a SHA-256 hash over its fields and
-- the previous event's hash (see sqlstore/auditchain.go). Events written
-- before this migration are chained by SealAuditLog when the store opens.
-- Keep in step with migrations/postgres/0009_audit_chain.sql.

ALTER TABLE audit_events ADD COLUMN seq INTEGER;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX audit_events_seq_idx ON audit_events (seq);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);

-- The chain's head: the last seq and hash. One row; appending reads and
-- updates it in the writing transaction, so two writers never fork the
-- chain, and deleting the newest events shows as a head that points past
-- the last event.
CREATE TABLE audit_chain_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	hash TEXT    NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '');
