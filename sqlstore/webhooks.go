package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// WebhookService registers the endpoints told of workflow events and
// keeps their outbox (webhook_outbox.go fills it).
type WebhookService struct{ db *DB }

// NewWebhookService returns the webhook service on db.
func NewWebhookService(db *DB) *WebhookService { return &WebhookService{db: db} }

var _ ttdn.WebhookService = (*WebhookService)(nil)

var webhookResource = ttdn.Resource{Kind: ttdn.ResourceWebhook, Classification: ttdn.Internal}

func errWebhookNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy địa chỉ nhận sự kiện.", "Webhook not found.")
}

// secretWebhook is the place a webhook's secret is sealed for.
func secretWebhook(id int64) string { return "webhooks.secret:" + strconv.FormatInt(id, 10) }

const webhookColumns = `id, url, description, events, active, created_at`

func findWebhooks(ctx context.Context, tx *Tx, where string, args ...any) ([]*ttdn.Webhook, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Webhook
	for rows.Next() {
		w := &ttdn.Webhook{}
		var events string
		if err := rows.Scan(&w.ID, &w.URL, &w.Description, &events, &w.Active, timeScan{&w.CreatedAt}); err != nil {
			return nil, err
		}
		if events != "" {
			w.Events = strings.Split(events, ",")
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// FindWebhooks returns every endpoint (administrators only).
func (s *WebhookService) FindWebhooks(ctx context.Context) ([]*ttdn.Webhook, error) {
	if err := authorize(ctx, ttdn.ActionRead, webhookResource, errWebhookNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findWebhooks(ctx, tx, `1 = 1`)
}

// FindWebhookByID returns one endpoint.
func (s *WebhookService) FindWebhookByID(ctx context.Context, id int64) (*ttdn.Webhook, error) {
	if err := authorize(ctx, ttdn.ActionRead, webhookResource, errWebhookNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ws, err := findWebhooks(ctx, tx, `id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(ws) == 0 {
		return nil, errWebhookNotFound()
	}
	return ws[0], nil
}

// CreateWebhook stores w with a new signing secret, returned once. The
// caller has checked the URL against the server's rules.
func (s *WebhookService) CreateWebhook(ctx context.Context, w *ttdn.Webhook) (string, error) {
	if err := authorize(ctx, ttdn.ActionCreate, webhookResource, nil); err != nil {
		return "", err
	} else if err := w.Validate(); err != nil {
		return "", err
	}
	secret, err := randomToken()
	if err != nil {
		return "", err
	}
	secret = "whsec_" + secret
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	w.Active, w.CreatedAt = true, tx.now
	if w.ID, err = tx.insertID(ctx, `INSERT INTO webhooks (url, description, events, secret, active, created_at) VALUES (?, ?, ?, '', ?, ?)`,
		w.URL, w.Description, strings.Join(w.Events, ","), true, tx.now); err != nil {
		return "", err
	}
	sealed, err := tx.sealSecret(ctx, secretWebhook(w.ID), secret)
	if err != nil {
		return "", err
	}
	if _, err := tx.exec(ctx, `UPDATE webhooks SET secret = ? WHERE id = ?`, sealed, w.ID); err != nil {
		return "", err
	}
	if err := tx.audit(ctx, "create", ttdn.ResourceWebhook, w.ID, nil, w); err != nil {
		return "", err
	}
	return secret, tx.Commit()
}

// DeleteWebhook removes an endpoint with its deliveries.
func (s *WebhookService) DeleteWebhook(ctx context.Context, id int64) error {
	if err := authorize(ctx, ttdn.ActionDelete, webhookResource, errWebhookNotFound()); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ws, err := findWebhooks(ctx, tx, `id = ?`, id)
	if err != nil {
		return err
	} else if len(ws) == 0 {
		return errWebhookNotFound()
	}
	if _, err := tx.exec(ctx, `DELETE FROM webhook_deliveries WHERE webhook_id = ?`, id); err != nil {
		return err
	} else if _, err := tx.exec(ctx, `DELETE FROM webhooks WHERE id = ?`, id); err != nil {
		return err
	} else if err := tx.audit(ctx, "delete", ttdn.ResourceWebhook, id, ws[0], nil); err != nil {
		return err
	}
	return tx.Commit()
}

const deliveryColumns = `d.id, d.webhook_id, d.event, d.payload, d.state, d.attempts, d.last_status, d.last_error,
	d.created_at, d.next_attempt_at, d.delivered_at`

func scanDelivery(sc interface{ Scan(...any) error }, extra ...any) (*ttdn.WebhookDelivery, error) {
	d := &ttdn.WebhookDelivery{}
	var state string
	err := sc.Scan(append([]any{&d.ID, &d.WebhookID, &d.Event, &d.Payload, &state, &d.Attempts, &d.LastStatus, &d.LastError,
		timeScan{&d.CreatedAt}, timeScan{&d.NextAt}, timeScan{&d.DeliveredAt}}, extra...)...)
	d.State = ttdn.DeliveryState(state)
	return d, err
}

// FindDeliveries returns a webhook's deliveries, newest first.
func (s *WebhookService) FindDeliveries(ctx context.Context, webhookID int64, limit int) ([]*ttdn.WebhookDelivery, error) {
	if err := authorize(ctx, ttdn.ActionRead, webhookResource, errWebhookNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries d WHERE d.webhook_id = ?
		ORDER BY d.id DESC`+limitClause(limit, 0), webhookID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.WebhookDelivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

const deliveryDue = `state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)`

// ClaimDeliveries leases up to limit due deliveries of active endpoints,
// oldest first, in one UPDATE that re-checks the conditions (as feeds are
// claimed: two instances never send one delivery at once).
func (s *WebhookService) ClaimDeliveries(ctx context.Context, limit int, lease time.Duration) ([]*ttdn.DueDelivery, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return nil, errSystemOnly()
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := tx.now
	ids, err := queryIDs(ctx, tx, `UPDATE webhook_deliveries SET lease_until = ? WHERE id IN (SELECT x.id FROM webhook_deliveries x
		JOIN webhooks w ON w.id = x.webhook_id WHERE w.active = ? AND x.state = 'pending' AND x.next_attempt_at <= ?
		AND (x.lease_until IS NULL OR x.lease_until < ?) ORDER BY x.next_attempt_at, x.id`+limitClause(limit, 0)+`) AND `+deliveryDue+` RETURNING id`,
		now.Add(lease), true, now, now, now, now)
	if err != nil {
		return nil, err
	}
	var out []*ttdn.DueDelivery
	for _, id := range ids {
		var sealed string
		due := &ttdn.DueDelivery{}
		d, err := scanDelivery(tx.QueryRowContext(ctx, `SELECT `+deliveryColumns+`, w.url, w.secret FROM webhook_deliveries d
			JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ?`, id), &due.URL, &sealed)
		if err != nil {
			return nil, err
		}
		due.WebhookDelivery = *d
		if due.Secret, err = tx.openSecret(ctx, secretWebhook(d.WebhookID), sealed); err != nil {
			return nil, err
		}
		out = append(out, due)
	}
	return out, tx.Commit()
}

// RecordAttempt stores the outcome of one attempt and releases the lease.
func (s *WebhookService) RecordAttempt(ctx context.Context, id int64, status int, errText string) (*ttdn.WebhookDelivery, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return nil, errSystemOnly()
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d, err := scanDelivery(tx.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries d WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy lần gửi.", "Delivery not found.")
	} else if err != nil {
		return nil, err
	}
	d.Attempts++
	d.LastStatus, d.LastError = status, truncate(errText, 500)
	switch {
	case status >= 200 && status < 300:
		d.State, d.DeliveredAt, d.LastError = ttdn.DeliveryDelivered, tx.now, ""
	case d.Attempts >= ttdn.MaxWebhookAttempts:
		d.State = ttdn.DeliveryFailed
	default:
		d.NextAt = tx.now.Add(ttdn.WebhookBackoff(d.Attempts))
	}
	if _, err := tx.exec(ctx, `UPDATE webhook_deliveries SET state = ?, attempts = ?, last_status = ?, last_error = ?,
		next_attempt_at = ?, delivered_at = ?, lease_until = NULL WHERE id = ?`, string(d.State), d.Attempts, d.LastStatus,
		d.LastError, d.NextAt, timeArg(d.DeliveredAt), id); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

// storedWebhookSecrets adds the endpoints' sealed secrets to out, so a key
// rotation re-seals them and a restore without the key forgets them.
func (tx *Tx) storedWebhookSecrets(ctx context.Context, out []storedSecret) ([]storedSecret, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, secret FROM webhooks WHERE secret <> '' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		s := storedSecret{}
		if err := rows.Scan(&s.webhookID, &s.value); err != nil {
			return nil, err
		}
		s.where = secretWebhook(s.webhookID)
		out = append(out, s)
	}
	return out, rows.Err()
}
