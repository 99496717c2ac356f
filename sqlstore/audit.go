package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"ttdn"
)

// audit records one audit event in tx, so the act and its record commit or
// roll back together. before and after are encoded as JSON (nil for none).
// The event is chained and written when tx commits (auditchain.go).
func (tx *Tx) audit(ctx context.Context, action string, entity ttdn.ResourceKind, id int64, before, after any) error {
	var userID int64
	username := "anonymous"
	if u := ttdn.UserFromContext(ctx); u != nil {
		userID, username = u.ID, u.Username
	}
	b, err := auditJSON(before)
	if err != nil {
		return err
	}
	a, err := auditJSON(after)
	if err != nil {
		return err
	}
	if tx.auditCtx == nil {
		tx.auditCtx = ctx
	}
	tx.auditLog = append(tx.auditLog, &ttdn.AuditEvent{At: tx.now, UserID: userID, Username: username,
		Addr: ttdn.AddrFromContext(ctx), Action: action, Entity: string(entity), EntityID: id, Before: b, After: a})
	return nil
}

func auditJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("sqlstore: encode audit record: %w", err)
	}
	return string(b), nil
}

// readRecord names one record read, for the audit log.
type readRecord struct {
	kind ttdn.ResourceKind
	id   int64
}

// auditReads records reads of secret records. Reads run on the read pool,
// so the events are written in a write transaction that commits before the
// caller gets the data: a secret record never leaves storage unrecorded.
func (db *DB) auditReads(ctx context.Context, reads []readRecord) error {
	if len(reads) == 0 {
		return nil
	}
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range reads {
		if err := tx.audit(ctx, "read", r.kind, r.id, nil, nil); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// endAndAuditReads ends the read transaction tx, then records reads of
// secret records (auditReads). The read's connection goes back first: on
// PostgreSQL reads and writes share one pool, and reads each holding a
// connection while waiting for a write's would, enough at once, take every
// connection and wait for ever.
func (tx *Tx) endAndAuditReads(ctx context.Context, reads []readRecord) error {
	if len(reads) == 0 {
		return nil
	}
	tx.Rollback()
	return tx.db.auditReads(ctx, reads)
}

// AuditService reads the audit log.
type AuditService struct{ db *DB }

// NewAuditService returns the audit log reader on db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

var _ ttdn.AuditService = (*AuditService)(nil)

const auditColumns = `id, seq, at, user_id, username, addr, action, entity, entity_id, before_json, after_json, prev_hash, hash`

// FindAuditEvents returns events, newest first, and their total. Only users
// the policy lets read the log (administrators, leaders) may call it.
func (s *AuditService) FindAuditEvents(ctx context.Context, f ttdn.AuditFilter) ([]*ttdn.AuditEvent, int, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, nil); err != nil {
		return nil, 0, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := auditWhere(f)
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+`
		FROM audit_events WHERE `+where+` ORDER BY id DESC`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var events []*ttdn.AuditEvent
	for rows.Next() {
		e, err := scanAuditEvent(rows)
		if err != nil {
			return nil, 0, err
		}
		events = append(events, e)
	}
	if err := rows.Close(); err != nil {
		return nil, 0, err
	}
	red := newAuditRedactor(ctx, tx)
	for _, e := range events {
		if err := red.redact(ctx, e); err != nil {
			return nil, 0, err
		}
	}
	return events, total, rows.Err()
}

// RecordAuditExport writes an "export" event about the log: the filter,
// format and number of events taken.
func (s *AuditService) RecordAuditExport(ctx context.Context, f ttdn.AuditFilter, format string, n int) error {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, nil); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.audit(ctx, "export", ttdn.ResourceAudit, 0, nil, map[string]any{"filter": f, "format": format, "events": n}); err != nil {
		return err
	}
	return tx.Commit()
}

func scanAuditEvent(r rowScanner) (*ttdn.AuditEvent, error) {
	e := &ttdn.AuditEvent{}
	err := r.Scan(&e.ID, idScan{&e.Seq}, timeScan{&e.At}, &e.UserID, &e.Username, &e.Addr, &e.Action,
		&e.Entity, &e.EntityID, &e.Before, &e.After, &e.PrevHash, &e.Hash)
	return e, err
}

func auditWhere(f ttdn.AuditFilter) (string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	add := func(cond string, v any) { where, args = append(where, cond), append(args, v) }
	if f.UserID != nil {
		add("user_id = ?", *f.UserID)
	}
	if f.Username != nil {
		add("username = ?", *f.Username)
	}
	if f.Entity != nil {
		add("entity = ?", *f.Entity)
	}
	if f.EntityID != nil {
		add("entity_id = ?", *f.EntityID)
	}
	if f.Action != nil {
		add("action = ?", *f.Action)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < ?", f.To.UTC())
	}
	return strings.Join(where, " AND "), args
}
