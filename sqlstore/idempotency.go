package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"ttdn"
)

// IdempotencyService keeps the API's Idempotency-Keys (table
// api_idempotency). It is bookkeeping of the transport, not an act: nothing
// is audited here; the request it guards is.
type IdempotencyService struct{ db *DB }

// NewIdempotencyService returns the service over db.
func NewIdempotencyService(db *DB) *IdempotencyService { return &IdempotencyService{db: db} }

func idemUser(ctx context.Context) (int64, error) {
	u := ttdn.UserFromContext(ctx)
	if u == nil || u.IsSystem() {
		return 0, ttdn.Errorf(ttdn.EUNAUTHORIZED, "Cần đăng nhập.", "Log in first.")
	}
	return u.ID, nil
}

// BeginIdempotent claims the key (see ttdn.IdempotencyService).
func (s *IdempotencyService) BeginIdempotent(ctx context.Context, key, requestHash string) (*ttdn.StoredResponse, error) {
	userID, err := idemUser(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM api_idempotency WHERE created_at < ?`, tx.now.Add(-ttdn.IdempotencyTTL)); err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `INSERT INTO api_idempotency (user_id, idem_key, request_hash, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (user_id, idem_key) DO NOTHING`, userID, key, requestHash, tx.now)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil, tx.Commit()
	}
	var hash, body string
	var status int
	err = tx.QueryRowContext(ctx, `SELECT request_hash, status, response FROM api_idempotency
		WHERE user_id = ? AND idem_key = ?`, userID, key).Scan(&hash, &status, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ttdn.Errorf(ttdn.ECONFLICT, "Yêu cầu cùng Idempotency-Key đang được xử lý; hãy thử lại sau.", "A request with this Idempotency-Key is in progress; retry later.")
	} else if err != nil {
		return nil, err
	}
	switch {
	case hash != requestHash:
		return nil, ttdn.Errorf(ttdn.EINVALID, "Idempotency-Key này đã dùng cho một yêu cầu khác.", "This Idempotency-Key was used for a different request.")
	case status == 0:
		return nil, ttdn.Errorf(ttdn.ECONFLICT, "Yêu cầu cùng Idempotency-Key đang được xử lý; hãy thử lại sau.", "A request with this Idempotency-Key is in progress; retry later.")
	}
	return &ttdn.StoredResponse{Status: status, Body: []byte(body)}, tx.Commit()
}

// FinishIdempotent stores the response of a claimed key.
func (s *IdempotencyService) FinishIdempotent(ctx context.Context, key string, resp ttdn.StoredResponse) error {
	userID, err := idemUser(ctx)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(resp.Body)
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `UPDATE api_idempotency SET status = ?, response = ?, response_hash = ?
		WHERE user_id = ? AND idem_key = ? AND status = 0`, resp.Status, string(resp.Body), hex.EncodeToString(sum[:]), userID, key); err != nil {
		return err
	}
	return tx.Commit()
}

// AbandonIdempotent frees a claimed key.
func (s *IdempotencyService) AbandonIdempotent(ctx context.Context, key string) error {
	userID, err := idemUser(ctx)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM api_idempotency WHERE user_id = ? AND idem_key = ? AND status = 0`, userID, key); err != nil {
		return err
	}
	return tx.Commit()
}
