package sqlstore

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"ttdn"
)

// The webhook outbox is filled where the workflow notices are made
// (tx.notify): every step that tells people also tells the registered
// endpoints, in the same transaction, so an event leaves if and only if
// its step committed.

// webhookEvent is what a notice key says happened, for an endpoint.
type webhookEvent struct {
	name   string // ttdn.Event…
	key    string // once per event and endpoint
	kind   string // the record's kind
	id     int64
	link   string
	unitID int64
}

// webhookEventOf reads a notice's key ("report:12:submit:3"); ok is false
// for notices that are not webhook events (reminders, assignments…).
func webhookEventOf(n eventNotice) (webhookEvent, bool) {
	p := strings.Split(n.key, ":")
	if len(p) < 3 {
		return webhookEvent{}, false
	}
	id, err := strconv.ParseInt(p[1], 10, 64)
	if err != nil {
		return webhookEvent{}, false
	}
	e := webhookEvent{key: n.key, id: id, link: n.link, unitID: n.unitID}
	names := map[string]map[string]string{
		"report": {"submit": ttdn.EventReportSubmitted, "return": ttdn.EventReportReturned,
			"accept": ttdn.EventReportAccepted, "reopen": ttdn.EventReportReopened},
		"budget": {"submit": ttdn.EventEstimateSubmitted, "return": ttdn.EventEstimateReturned,
			"forward": ttdn.EventEstimateForwarded, "approve": ttdn.EventEstimateApproved},
		"difficulty": {"raised": ttdn.EventDifficultyRaised},
		"difficulty-group": {"grouped": ttdn.EventDifficultyGrouped, "forwarded": ttdn.EventDifficultyForward,
			"answered": ttdn.EventDifficultyAnswered},
		"case": {"open": ttdn.EventCaseOpened},
		"plan": {"issued": ttdn.EventPlanIssued},
		"task": {"amend": ttdn.EventTaskAmended},
	}
	e.name = names[p[0]][p[2]]
	if e.name == "" {
		return webhookEvent{}, false
	}
	e.kind = map[string]string{"report": "unit_report", "budget": "budget", "difficulty": "difficulty",
		"difficulty-group": "difficulty_group", "case": "case", "plan": "plan", "task": "task"}[p[0]]
	switch p[0] {
	case "plan": // told unit by unit; one event for the plan
		e.key, e.link, e.unitID = "plan:"+p[1]+":issued", "/plans/"+p[1], 0
	case "task":
		e.link = "/tasks/" + p[1]
	}
	return e, true
}

// webhookPayload is the body sent: what happened, to which record, in
// which unit — and the record's title only when the record is public. No
// event of a classified (mật) record is sent at all. A
// receiving system is outside the access policy, so nothing more leaves.
type webhookPayload struct {
	EventID    string          `json:"event_id"` // the same on every retry: receivers drop duplicates by it
	Event      string          `json:"event"`
	OccurredAt string          `json:"occurred_at"`
	Object     webhookObject   `json:"object"`
	Unit       *webhookUnitRef `json:"unit,omitempty"`
}

type webhookObject struct {
	Kind  string `json:"kind"`
	ID    int64  `json:"id"`
	Link  string `json:"link"` // a path on this ttdn server
	Title string `json:"title,omitempty"`
}

type webhookUnitRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// enqueueWebhooks writes n's event for every active endpoint wanting it.
func (tx *Tx) enqueueWebhooks(ctx context.Context, n eventNotice) error {
	e, ok := webhookEventOf(n)
	if !ok || n.level > ttdn.Internal {
		// A receiving system is outside the access policy: that a
		// classified record exists, moved, or belongs to a unit never leaves.
		return nil
	}
	hooks, err := findWebhooks(ctx, tx, `active = ?`, true)
	if err != nil || len(hooks) == 0 {
		return err
	}
	p := webhookPayload{EventID: e.key, Event: e.name, OccurredAt: tx.now.UTC().Format("2006-01-02T15:04:05Z"),
		Object: webhookObject{Kind: e.kind, ID: e.id, Link: e.link}}
	if n.level == ttdn.Public && n.levelSet {
		p.Object.Title = n.title
	}
	if e.unitID != 0 {
		p.Unit = &webhookUnitRef{ID: e.unitID, Name: unitName(ctx, tx, e.unitID)}
	}
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	for _, h := range hooks {
		if !h.Wants(e.name) {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO webhook_deliveries (webhook_id, event_key, event, payload, created_at, next_attempt_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_id, event_key) DO NOTHING`, h.ID, e.key, e.name, string(body), tx.now, tx.now); err != nil {
			return err
		}
	}
	return nil
}
