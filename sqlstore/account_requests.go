package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ttdn"
)

// Account requests: a role that reads secrets granted, or the password of
// such an account reset, by anyone but the server's CLI waits here for a
// leader (ttdn.NeedsConfirmation). See account_request.go in the root.

// AccountRequestService lists and decides account requests.
type AccountRequestService struct{ db *DB }

// NewAccountRequestService returns the service on db.
func NewAccountRequestService(db *DB) *AccountRequestService { return &AccountRequestService{db: db} }

var _ ttdn.AccountRequestService = (*AccountRequestService)(nil)

func errAccountRequestNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy yêu cầu.", "Request not found.")
}

// errOwnRole refuses a change of one's own role.
func errOwnRole() error {
	return ttdn.Errorf(ttdn.EFORBIDDEN, "Không ai được tự thay đổi vai trò của mình.", "Nobody may change their own role.")
}

// requestAccountChange stores a pending request about user target, audits
// it and tells the account concerned and every leader.
func requestAccountChange(ctx context.Context, tx *Tx, target *ttdn.User, kind ttdn.AccountRequestKind, role ttdn.Role, hash string) error {
	by, byName := actor(ctx)
	id, err := tx.insertID(ctx, `INSERT INTO account_requests (user_id, kind, role, password_hash, status, requested_by,
		requested_by_name, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		target.ID, string(kind), string(role), hash, string(ttdn.AccountRequestPending), by, byName, tx.now)
	if err != nil {
		return err
	}
	rec := map[string]any{"user_id": target.ID, "kind": kind, "role": role}
	if err := tx.audit(ctx, "request", ttdn.ResourceAccountRequest, id, nil, rec); err != nil {
		return err
	}
	what := kind.Label()
	if kind == ttdn.AccountGrantRole || kind == ttdn.AccountOpen {
		what += " “" + role.Label() + "”"
	}
	text := fmt.Sprintf("%s cho tài khoản %s (do %s đề nghị) đang chờ lãnh đạo xác nhận.", what, target.Username, byName)
	if err := notifyAccount(ctx, tx, target.ID, fmt.Sprintf("request:%d:user", id), "Thay đổi tài khoản của bạn", text); err != nil {
		return err
	}
	leaders, err := queryIDs(ctx, tx, `SELECT id FROM users WHERE role = ? AND disabled = ? AND id <> ? ORDER BY id`,
		string(ttdn.RoleLeader), false, target.ID)
	if err != nil {
		return err
	}
	for _, l := range leaders {
		if err := notifyAccount(ctx, tx, l, fmt.Sprintf("request:%d:leader:%d", id, l), "Yêu cầu cần xác nhận", text); err != nil {
			return err
		}
	}
	return nil
}

// notifyAccount adds an in-app notification about an account (by e-mail
// too when the user has an address).
func notifyAccount(ctx context.Context, tx *Tx, userID int64, key, subject, text string) error {
	state, err := emailState(ctx, tx, userID)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO notifications (dedup_key, user_id, kind, day, subject, text, email_text, created_at,
		email_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`,
		"account:"+key, userID, string(ttdn.NotifyAccountChange), tx.today().ISO(), subject, text, text, tx.now, state)
	return err
}

const accountRequestColumns = `r.id, r.user_id, u.username, u.name, u.role, r.kind, r.role, r.status, r.requested_by,
	r.requested_by_name, r.requested_at, r.decided_by_name, r.decided_at`

func scanAccountRequest(row rowScanner) (*ttdn.AccountRequest, error) {
	r := &ttdn.AccountRequest{}
	var cur, kind, role, status string
	err := row.Scan(&r.ID, &r.UserID, &r.Username, &r.UserName, &cur, &kind, &role, &status, &r.RequestedBy,
		&r.RequestedByName, timeScan{&r.RequestedAt}, &r.DecidedByName, timeScan{&r.DecidedAt})
	r.CurrentRole, r.Kind, r.Role, r.Status = ttdn.Role(cur), ttdn.AccountRequestKind(kind), ttdn.Role(role), ttdn.AccountRequestStatus(status)
	return r, err
}

// FindAccountRequests lists requests, pending first, newest first, to
// administrators and leaders.
func (s *AccountRequestService) FindAccountRequests(ctx context.Context, pendingOnly bool) ([]*ttdn.AccountRequest, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAccountRequest}, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where := "1 = 1"
	if pendingOnly {
		where = "r.status = 'pending'"
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+accountRequestColumns+` FROM account_requests r JOIN users u ON u.id = r.user_id
		WHERE `+where+` ORDER BY CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END, r.id DESC LIMIT 200`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.AccountRequest
	for rows.Next() {
		r, err := scanAccountRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// DecideAccountRequest confirms or rejects a pending request. Confirming
// applies it: the role is granted (and the account's sessions end, so the
// new rights start at the next log-in), or the password hash set (and every
// session ended).
func (s *AccountRequestService) DecideAccountRequest(ctx context.Context, id int64, confirm bool) (*ttdn.AccountRequest, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAccountRequest}, errAccountRequestNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := scanAccountRequest(tx.QueryRowContext(ctx, `SELECT `+accountRequestColumns+`
		FROM account_requests r JOIN users u ON u.id = r.user_id WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errAccountRequestNotFound()
	} else if err != nil {
		return nil, err
	}
	if !ttdn.CanDecideAccountRequest(ttdn.UserFromContext(ctx), r) {
		return nil, ttdn.Errorf(ttdn.EFORBIDDEN,
			"Yêu cầu này phải do một lãnh đạo khác (không phải người đề nghị, không phải chủ tài khoản) xác nhận.",
			"This request must be decided by another leader (neither the requester nor the account's owner).")
	} else if r.Status != ttdn.AccountRequestPending {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Yêu cầu đã được xử lý: %s.", "The request has already been decided: %s.", r.Status.Label())
	}
	r.Status = ttdn.AccountRequestRejected
	if confirm {
		r.Status = ttdn.AccountRequestConfirmed
		if err := applyAccountRequest(ctx, tx, r); err != nil {
			return nil, err
		}
	}
	by, byName := actor(ctx)
	r.DecidedByName, r.DecidedAt = byName, tx.now
	if _, err := tx.exec(ctx, `UPDATE account_requests SET status = ?, decided_by = ?, decided_by_name = ?, decided_at = ?,
		password_hash = '' WHERE id = ?`, string(r.Status), by, byName, tx.now, id); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, string(r.Status), ttdn.ResourceAccountRequest, id, nil, r); err != nil {
		return nil, err
	}
	text := fmt.Sprintf("%s cho tài khoản %s: %s (%s).", r.Kind.Label(), r.Username, r.Status.Label(), byName)
	if err := notifyAccount(ctx, tx, r.UserID, fmt.Sprintf("request:%d:decided", id), "Thay đổi tài khoản của bạn", text); err != nil {
		return nil, err
	}
	return r, tx.Commit()
}

func applyAccountRequest(ctx context.Context, tx *Tx, r *ttdn.AccountRequest) error {
	switch r.Kind {
	case ttdn.AccountGrantRole:
		if _, err := tx.exec(ctx, `UPDATE users SET role = ?, version = version + 1 WHERE id = ?`, string(r.Role), r.UserID); err != nil {
			return err
		}
	case ttdn.AccountResetPassword:
		var hash string
		if err := tx.QueryRowContext(ctx, `SELECT password_hash FROM account_requests WHERE id = ?`, r.ID).Scan(&hash); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, r.UserID); err != nil {
			return err
		}
	case ttdn.AccountResetTOTP:
		if err := disableTOTP(ctx, tx, r.UserID); err != nil {
			return err
		}
	case ttdn.AccountOpen:
		if _, err := tx.exec(ctx, `UPDATE users SET role = ?, disabled = ?, version = version + 1 WHERE id = ?`,
			string(r.Role), false, r.UserID); err != nil {
			return err
		}
	default:
		return ttdn.Errorf(ttdn.EINVALID, "Loại yêu cầu %q không hợp lệ.", "Invalid request kind %q.", r.Kind)
	}
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, r.UserID)
	return err
}
