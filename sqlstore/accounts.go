package sqlstore

import (
	"context"
	"time"

	"ttdn"
)

// AccountService is what users do with their own accounts: log out
// everywhere, see their tokens, and the TOTP second factor (totp_store.go).
type AccountService struct {
	db   *DB
	auth *AuthService
}

// NewAccountService returns the account service on db.
func NewAccountService(db *DB) *AccountService {
	return &AccountService{db: db, auth: NewAuthService(db)}
}

var _ ttdn.AccountService = (*AccountService)(nil)

// ownAccount lets users act on their own account (logged in, not through a
// token) and administrators on anyone's.
func ownAccount(ctx context.Context, userID int64) error {
	if me := ttdn.UserFromContext(ctx); me != nil && !me.IsSystem() && me.Token == nil && me.ID == userID {
		return nil
	}
	return authorize(ctx, ttdn.ActionUpdate, userResource(userID), errUserNotFound())
}

// EndUserSessions ends every session of the user, this one included.
func (s *AccountService) EndUserSessions(ctx context.Context, userID int64) error {
	if err := ownAccount(ctx, userID); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return err
	} else if err := tx.audit(ctx, "logout_everywhere", ttdn.ResourceUser, userID, nil, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// FindUserTokens lists the user's tokens, newest first, revoked ones too.
func (s *AccountService) FindUserTokens(ctx context.Context, userID int64) ([]*ttdn.APIToken, error) {
	if err := canRead(ctx, tokenResource(userID), errUserNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// One query for the list: the account page shows every token, and a
	// user who runs scripts collects many.
	rows, err := tx.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*ttdn.APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

// CreateScopedToken issues a token narrowed to scope (AuthService does it).
func (s *AccountService) CreateScopedToken(ctx context.Context, userID int64, name string, ttl time.Duration, scope ttdn.TokenScope) (string, *ttdn.APIToken, error) {
	return s.auth.CreateScopedToken(ctx, userID, name, ttl, scope)
}
