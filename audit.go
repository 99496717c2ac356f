package ttdn

import (
	"context"
	"time"
)

// AuditEvent records one change, or one read of a secret record. Storage
// writes it in the same transaction as the act, so an act without its record
// cannot happen.
//
// Events form one hash chain: Seq is the event's place in it (1, 2, 3… with
// no gaps) and Hash a SHA-256 over the event's fields and PrevHash, the hash
// of the event before it. Editing, inserting, deleting or reordering events
// breaks the chain, and VerifyAuditLog finds where.
type AuditEvent struct {
	ID       int64     `json:"id"`
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id"`
	Username string    `json:"username"`
	Addr     string    `json:"addr,omitempty"`
	Action   string    `json:"action"` // "create", "update", "delete", "read", "login"…
	Entity   string    `json:"entity"` // a ResourceKind
	EntityID int64     `json:"entity_id"`
	Before   string    `json:"before,omitempty"` // JSON of the record before the change
	After    string    `json:"after,omitempty"`  // JSON of the record after it
	PrevHash string    `json:"prev_hash,omitempty"`
	Hash     string    `json:"hash,omitempty"`
	// Hidden is set when the viewer may not read the record the event is
	// about: Before and After are then withheld (never stored, never
	// hashed: the chain is over the stored event).
	Hidden bool `json:"hidden,omitempty"`
}

// AuditFilter selects audit events. From and To bound the time (From
// inclusive, To exclusive); zero means unbounded.
type AuditFilter struct {
	UserID   *int64
	Username *string
	Entity   *string
	EntityID *int64
	Action   *string
	From     time.Time
	To       time.Time
	Offset   int
	Limit    int
}

// AuditService reads the audit log (writes happen inside the other services).
type AuditService interface {
	FindAuditEvents(ctx context.Context, filter AuditFilter) ([]*AuditEvent, int, error)
	// RecordAuditExport audits an export of the log itself: who took
	// which part of it, and how many events.
	RecordAuditExport(ctx context.Context, filter AuditFilter, format string, n int) error
	// VerifyAuditChain walks the whole chain, as `ttdn audit verify` does,
	// for those who may read the log.
	VerifyAuditChain(ctx context.Context) (*AuditVerification, error)
}

// AuditVerification is what a walk of the audit chain found: how many
// events it read, the head that anchors the chain (write its hash down to
// prove later that nothing before it changed), and the first break.
type AuditVerification struct {
	Entries  int64            `json:"entries"`
	HeadSeq  int64            `json:"head_seq"`
	HeadHash string           `json:"head_hash"`
	Intact   bool             `json:"intact"`
	Break    *AuditChainBreak `json:"break,omitempty"`
}

// AuditChainBreak is the first event found edited, inserted, deleted or
// moved, with what was found in both languages.
type AuditChainBreak struct {
	Seq       int64  `json:"seq"`
	EventID   int64  `json:"event_id,omitempty"` // 0 when the event is missing
	Kind      string `json:"kind"`               // edited, deleted, inserted, reordered, truncated
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}
