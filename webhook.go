package ttdn

import (
	"context"
	"slices"
	"time"
)

// Webhooks (issue 16): an administrator registers endpoints of the
// province's other systems (its e-office, a chat notifier) that are told of
// workflow events. Each event is written to an outbox in the transaction of
// the step that caused it, so an event is sent if and only if the step
// committed; a job delivers, signed, and retries with back-off.

// ResourceWebhook is a registered endpoint (policy: administrators only).
const ResourceWebhook ResourceKind = "webhook"

// The workflow events a webhook may subscribe to.
const (
	EventReportSubmitted    = "report.submitted"
	EventReportReturned     = "report.returned"
	EventReportAccepted     = "report.accepted"
	EventReportReopened     = "report.reopened"
	EventEstimateSubmitted  = "estimate.submitted"
	EventEstimateReturned   = "estimate.returned"
	EventEstimateForwarded  = "estimate.forwarded"
	EventEstimateApproved   = "estimate.approved"
	EventDifficultyRaised   = "difficulty.raised"
	EventDifficultyGrouped  = "difficulty.grouped"
	EventDifficultyForward  = "difficulty.forwarded"
	EventDifficultyAnswered = "difficulty.answered"
	EventCaseOpened         = "case.opened"
	EventPlanIssued         = "plan.issued"
	EventTaskAmended        = "task.amended"
)

// WebhookEvents lists every event, in the order the form shows them.
var WebhookEvents = []string{EventReportSubmitted, EventReportReturned, EventReportAccepted, EventReportReopened,
	EventEstimateSubmitted, EventEstimateReturned, EventEstimateForwarded, EventEstimateApproved,
	EventDifficultyRaised, EventDifficultyGrouped, EventDifficultyForward, EventDifficultyAnswered,
	EventCaseOpened, EventPlanIssued, EventTaskAmended}

// Webhook is a registered endpoint. Events empty means every event.
type Webhook struct {
	ID          int64     `json:"id,omitempty"`
	URL         string    `json:"url"`
	Description string    `json:"description,omitempty"`
	Events      []string  `json:"events"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"created_at,omitzero"`
}

// Wants reports whether the webhook subscribes to event.
func (w *Webhook) Wants(event string) bool {
	return len(w.Events) == 0 || slices.Contains(w.Events, event)
}

// Validate checks what needs no network: the URL itself is checked by the
// caller against the server's rules (HTTPS, the address guard).
func (w *Webhook) Validate() error {
	if w.URL == "" {
		return Errorf(EINVALID, "Cần nhập địa chỉ nhận (URL).", "The endpoint URL is required.").On("url")
	}
	for _, e := range w.Events {
		if !slices.Contains(WebhookEvents, e) {
			return Errorf(EINVALID, "Sự kiện không hợp lệ.", "Unknown event.").On("events")
		}
	}
	return nil
}

// DeliveryState is where a delivery stands.
type DeliveryState string

const (
	DeliveryPending   DeliveryState = "pending"   // waiting for its (next) attempt
	DeliveryDelivered DeliveryState = "delivered" // the endpoint answered 2xx
	DeliveryFailed    DeliveryState = "failed"    // given up after MaxWebhookAttempts
)

// MaxWebhookAttempts is how many times a delivery is tried before it is
// given up (the back-off then spans about a day).
const MaxWebhookAttempts = 10

// WebhookBackoff is the wait after the n-th failed attempt (n ≥ 1):
// 30 s, 1 min, 2 min… doubling, at most 6 h.
func WebhookBackoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// WebhookDelivery is one event for one endpoint and its attempts so far.
type WebhookDelivery struct {
	ID          int64         `json:"id"`
	WebhookID   int64         `json:"webhook_id"`
	Event       string        `json:"event"`
	Payload     string        `json:"payload"` // the JSON body sent
	State       DeliveryState `json:"state"`
	Attempts    int           `json:"attempts"`
	LastStatus  int           `json:"last_status,omitempty"` // HTTP status of the last attempt (0: none)
	LastError   string        `json:"last_error,omitempty"`
	CreatedAt   time.Time     `json:"created_at"`
	NextAt      time.Time     `json:"next_attempt_at,omitzero"`
	DeliveredAt time.Time     `json:"delivered_at,omitzero"`
}

// DueDelivery is a claimed delivery with what sending it needs.
type DueDelivery struct {
	WebhookDelivery
	URL    string
	Secret string
}

// WebhookService registers endpoints and keeps their outbox.
type WebhookService interface {
	FindWebhooks(ctx context.Context) ([]*Webhook, error)
	FindWebhookByID(ctx context.Context, id int64) (*Webhook, error)
	// CreateWebhook stores w and returns its signing secret, shown once.
	CreateWebhook(ctx context.Context, w *Webhook) (string, error)
	DeleteWebhook(ctx context.Context, id int64) error
	// FindDeliveries returns a webhook's deliveries, newest first.
	FindDeliveries(ctx context.Context, webhookID int64, limit int) ([]*WebhookDelivery, error)

	// ClaimDeliveries leases up to limit deliveries due now (system only).
	ClaimDeliveries(ctx context.Context, limit int, lease time.Duration) ([]*DueDelivery, error)
	// RecordAttempt stores an attempt's outcome: delivered on a 2xx status,
	// else retried after WebhookBackoff or given up.
	RecordAttempt(ctx context.Context, id int64, status int, errText string) (*WebhookDelivery, error)
}
