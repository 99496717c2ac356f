package ttdn

import (
	"context"
	"time"
)

// AuditEvent records one change, or one read of a secret record. Storage
// writes it in the same transaction as the act, so an act without its record
// cannot happen.
type AuditEvent struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id"`
	Username string    `json:"username"`
	Addr     string    `json:"addr,omitempty"`
	Action   string    `json:"action"` // "create", "update", "delete", "read", "login"…
	Entity   string    `json:"entity"` // a ResourceKind
	EntityID int64     `json:"entity_id"`
	Before   string    `json:"before,omitempty"` // JSON of the record before the change
	After    string    `json:"after,omitempty"`  // JSON of the record after it
}

// AuditFilter selects audit events.
type AuditFilter struct {
	UserID   *int64
	Entity   *string
	EntityID *int64
	Offset   int
	Limit    int
}

// AuditService reads the audit log (writes happen inside the other services).
type AuditService interface {
	FindAuditEvents(ctx context.Context, filter AuditFilter) ([]*AuditEvent, int, error)
}
