package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

var _ ttdn.SignOnService = (*AuthService)(nil)

func errNoSignOnAccount() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Tài khoản một cửa này chưa được gắn với tài khoản ttdn nào.",
		"This single sign-on identity is not linked to any ttdn account.")
}

// FindSignOnUser maps a verified identity to an enabled account.
func (s *AuthService) FindSignOnUser(ctx context.Context, username, email string, emailVerified bool) (*ttdn.User, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if username = strings.TrimSpace(username); username != "" {
		u, _, err := findUser(ctx, tx, "username = ?", username)
		if err == nil && !u.Disabled {
			return u, nil
		} else if err == nil || ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			if err == nil { // a disabled account stays closed whatever signs in
				return nil, errNoSignOnAccount()
			}
			return nil, err
		}
	}
	if email = strings.ToLower(strings.TrimSpace(email)); email == "" || !emailVerified {
		return nil, errNoSignOnAccount()
	}
	users, err := findUsers(ctx, tx, `LOWER(email) = ? ORDER BY id`, email)
	if err != nil {
		return nil, err
	}
	// Two accounts with one address: which one is meant is not for ttdn to guess.
	if len(users) != 1 || users[0].Disabled {
		return nil, errNoSignOnAccount()
	}
	// The administrator edits e-mail addresses (and reads no secrets): an
	// account that reads secrets signs on by its user name only, or the
	// administrator could point it at an identity of their own.
	if users[0].Role.ReadsSecrets() {
		return nil, errNoSignOnAccount()
	}
	return users[0], nil
}

// SignOnRefused audits a refused sign-on in its own transaction: the
// refusal changes nothing else. A name that is no account is not recorded
// (the identity is the provider's, not ttdn's).
func (s *AuthService) SignOnRefused(ctx context.Context, username, reason string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	account := accountKey(username)
	var userID int64
	if account != "" {
		if userID, err = tx.throttleUserID(ctx, account); err != nil {
			return err
		}
	}
	failed := map[string]any{"step": ttdn.LoginSignOn, "reason": reason}
	if userID != 0 {
		failed["account"] = account
	}
	if err := tx.audit(ctx, "login_failed", ttdn.ResourceUser, userID, nil, failed); err != nil {
		return err
	}
	return tx.Commit()
}
