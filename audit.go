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
	// VerifyAuditChain checks the chain for those who may read the log.
	// With full false it reads only the events after the newest sealed
	// check (AuditCheck), and the whole chain only when there is none; with
	// full true it reads every event, as `ttdn audit verify` does. Either
	// way the check is recorded.
	VerifyAuditChain(ctx context.Context, full bool) (*AuditVerification, error)
	// AuditCheckStatus is the newest finished check and the one running,
	// for the audit page.
	AuditCheckStatus(ctx context.Context) (*AuditCheckStatus, error)
	// StartAuditCheck records a full check as running and returns it;
	// RunAuditCheck then does it, keeping its progress, so that any
	// instance shows it. A check already running (not stalled) is refused.
	StartAuditCheck(ctx context.Context) (*AuditCheck, error)
	RunAuditCheck(ctx context.Context, id int64) (*AuditCheck, error)
}

// NotifyAuditBroken tells administrators and leaders that a check found
// the audit chain tampered with.
const NotifyAuditBroken NotificationKind = "audit_broken"

// Scopes of an audit check.
const (
	AuditCheckFull = "full" // every event read
	AuditCheckTail = "tail" // the events after the newest sealed check
)

// AuditCheckStall is how long a running check may go without progress
// before it counts as interrupted (its instance stopped).
const AuditCheckStall = time.Minute

// AuditCheck is one check of the chain, as recorded. A finished check is
// sealed with a key only the server holds, so a row written into the
// database by hand is not believed.
type AuditCheck struct {
	ID         int64      `json:"id"`
	Scope      string     `json:"scope"`
	StartedBy  string     `json:"started_by,omitempty"` // user name; empty for the server's own schedule
	StartedAt  time.Time  `json:"started_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	Done       int        `json:"done"`
	Total      int        `json:"total"`
	Failure    string     `json:"failure,omitempty"` // why it stopped without a verdict
	// Result is the verdict of a finished check.
	Result *AuditVerification `json:"result,omitempty"`
}

// Stalled reports a running check that has made no progress for a while.
func (c *AuditCheck) Stalled(now time.Time) bool {
	return c.FinishedAt == nil && now.Sub(c.UpdatedAt) > AuditCheckStall
}

// AuditCheckStatus is what the audit page says of the chain.
type AuditCheckStatus struct {
	Last    *AuditCheck `json:"last,omitempty"`    // the newest sealed verdict
	Running *AuditCheck `json:"running,omitempty"` // a full check under way
}

// AuditVerification is what a walk of the audit chain found: how many
// events it read, the head that anchors the chain (write its hash down to
// prove later that nothing before it changed), and the first break.
//
// A tail check (Scope AuditCheckTail) read the events from FromSeq on and
// trusts those before to the sealed check it started from; FullCheckAt is
// when every one of those was last read and found intact.
type AuditVerification struct {
	Entries     int64            `json:"entries"`
	HeadSeq     int64            `json:"head_seq"`
	HeadHash    string           `json:"head_hash"`
	Intact      bool             `json:"intact"`
	Break       *AuditChainBreak `json:"break,omitempty"`
	Scope       string           `json:"scope"`
	FromSeq     int64            `json:"from_seq"`
	CheckedAt   time.Time        `json:"checked_at"`
	FullCheckAt *time.Time       `json:"full_check_at,omitempty"`
}

// AuditChainBreak is the first event found edited, inserted, deleted or
// moved, with what was found in both languages.
type AuditChainBreak struct {
	Seq       int64  `json:"seq"`
	EventID   int64  `json:"event_id,omitempty"` // 0 when the event is missing
	Kind      string `json:"kind"`               // edited, deleted, inserted, reordered, truncated, rewritten
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}
